import { describe, expect, it } from 'vitest';
import { consentIntentOfSmsKeyword, smsKeywordOf } from './keywords.js';

describe('carrier keywords on SMS (product.md §8)', () => {
  it('opts out on every word of the FCC list, in any case and spacing', () => {
    for (const t of [
      'STOP',
      'stop',
      ' Stop ',
      'STOPALL',
      'unsubscribe',
      'Cancel',
      'END',
      'quit',
      'Revoke',
      'OPTOUT',
      'opt out',
      'Opt-Out',
      's t o p',
      'stop.',
    ])
      expect(smsKeywordOf(t), t).toBe('opt_out');
  });

  it('opts back in on START, YES and UNSTOP', () => {
    for (const t of ['START', 'yes', ' Yes! ', 'UnStop']) expect(smsKeywordOf(t), t).toBe('opt_in');
  });

  it('answers HELP', () => {
    expect(smsKeywordOf(' help ')).toBe('help');
  });

  it('reads a sentence that contains a keyword as a message, not a keyword', () => {
    for (const t of [
      "please don't stop",
      'stop by tomorrow',
      'yes please',
      'help me with my card',
      '',
      'stopper',
    ])
      expect(smsKeywordOf(t), t).toBeNull();
  });

  it('turns opt-out and opt-in into the consent intents, and HELP into none', () => {
    expect(consentIntentOfSmsKeyword('opt_out')).toBe('reject');
    expect(consentIntentOfSmsKeyword('opt_in')).toBe('accept');
    expect(consentIntentOfSmsKeyword('help')).toBeNull();
  });
});
