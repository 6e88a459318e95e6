import { describe, expect, it } from 'vitest';
import {
  CARD_INPUT_IDS,
  CARD_VERBS,
  cardSizeBytes,
  MAX_CARD_BYTES,
  parseCardAction,
} from '../../../src/teams/cards/index.js';
import { CARD_CATALOGUE } from '../card-catalogue.js';
import { IDS, RECIPIENT_USER_ID } from '../card-fixtures.js';
import { adaptiveCardsLibraryErrors, allActions, allOfType, libraryRoundTrip } from '../card-validation.js';

// What a member would have filled in: the Teams client merges input values into the action's data.
const FILLED_INPUTS = {
  [CARD_INPUT_IDS.replyText]: 'On my way',
  [CARD_INPUT_IDS.addMemberId]: IDS.carol,
  [CARD_INPUT_IDS.shareHistory]: 'true',
  [CARD_INPUT_IDS.removeMemberId]: IDS.bob,
  [CARD_INPUT_IDS.transferMemberId]: IDS.carol,
};

// Cards whose buttons can go stale (a request someone else answered, a thread that changed) refresh for their
// one recipient; pure notices don't, so viewing them never calls the bot.
const REFRESHING = [
  'inboundMessageCard (single text)',
  'inboundMessageCard (coalesced, images)',
  'contactUnreachableCard',
  'rejoinRequestCard',
  'sendFailedCard',
  'threadCard',
];

describe.each(CARD_CATALOGUE)('$name', ({ name, typical, largest }) => {
  it(REFRESHING.includes(name) ? 'refreshes for its recipient only' : 'carries no refresh', () => {
    const { refresh } = typical().card;
    if (REFRESHING.includes(name)) {
      expect(refresh?.userIds).toEqual([RECIPIENT_USER_ID]);
      expect(refresh?.action.verb).toBe('card.refresh');
    } else {
      expect(refresh).toBeUndefined();
    }
  });

  it.each([
    ['typical', typical],
    ['largest', largest],
  ])('parses and validates with the adaptivecards library without errors (%s input)', (_, build) => {
    expect(adaptiveCardsLibraryErrors(build().card)).toEqual([]);
  });

  it('uses only properties the adaptivecards library knows', () => {
    expect(libraryRoundTrip(typical().card)).toEqual(typical().card);
  });

  it('has only Action.Execute verbs that card-actions.ts defines, each with valid data', () => {
    for (const build of [typical, largest]) {
      for (const action of allActions(build().card).filter((a) => a.type === 'Action.Execute')) {
        expect(CARD_VERBS).toContain(action.verb);
        const data = { ...FILLED_INPUTS, ...(action.data as Record<string, unknown>) };
        expect(parseCardAction(String(action.verb), data)).toMatchObject({ ok: true });
      }
    }
  });

  it('stays under 80 KB with the largest input', () => {
    const { card } = largest();
    expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  it('shows text from outside only in TextRuns, where Markdown is not parsed', () => {
    for (const block of allOfType(largest().card, 'TextBlock', 'FactSet')) {
      expect(JSON.stringify(block).toLowerCase()).not.toContain('[click]');
    }
  });

  it('is Adaptive Card 1.5', () => {
    expect(typical().card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });
});
