import { describe, expect, it } from 'vitest';
import { CARD_VERBS, parseCardAction } from '../../../src/teams/cards/index.js';
import { IDS } from '../card-fixtures.js';

describe('parseCardAction', () => {
  it('knows exactly these verbs', () => {
    expect(CARD_VERBS).toEqual([
      'reply',
      'message.retry',
      'rejoin.approve',
      'rejoin.decline',
      'rejoin.request',
      'sms.continue',
      'thread.show',
      'threads.list',
      'member.add',
      'member.remove',
      'thread.leave',
      'thread.transfer',
      'card.refresh',
    ]);
  });

  it('accepts a quick reply with its input, trimmed, and drops keys it does not know', () => {
    expect(
      parseCardAction('reply', {
        threadId: IDS.thread,
        clientMessageId: IDS.clientMessage,
        replyText: '  On my way  ',
        extra: 'x',
      }),
    ).toEqual({
      ok: true,
      action: {
        verb: 'reply',
        data: { threadId: IDS.thread, clientMessageId: IDS.clientMessage, replyText: 'On my way' },
      },
    });
  });

  it('refuses an empty reply and one over 4,096 characters', () => {
    const base = { threadId: IDS.thread, clientMessageId: IDS.clientMessage };
    expect(parseCardAction('reply', { ...base, replyText: '   ' })).toMatchObject({
      ok: false,
      reason: 'invalid_data',
    });
    expect(parseCardAction('reply', { ...base, replyText: 'x'.repeat(4097) })).toMatchObject({
      ok: false,
      reason: 'invalid_data',
      issues: [{ path: 'replyText' }],
    });
  });

  it('turns the share-history toggle into a boolean, off when missing', () => {
    const add = { threadId: IDS.thread, addMemberId: IDS.carol };
    expect(parseCardAction('member.add', { ...add, shareHistory: 'true' })).toEqual({
      ok: true,
      action: { verb: 'member.add', data: { ...add, shareHistory: true } },
    });
    expect(parseCardAction('member.add', add)).toEqual({
      ok: true,
      action: { verb: 'member.add', data: { ...add, shareHistory: false } },
    });
    expect(parseCardAction('member.add', { ...add, shareHistory: 'yes' })).toMatchObject({ ok: false });
  });

  it('refuses a member choice that is not an id', () => {
    expect(parseCardAction('member.remove', { threadId: IDS.thread, removeMemberId: '' })).toMatchObject({
      ok: false,
      reason: 'invalid_data',
      verb: 'member.remove',
      issues: [{ path: 'removeMemberId' }],
    });
  });

  it('tells a refresh of each card apart', () => {
    expect(
      parseCardAction('card.refresh', { card: 'rejoin', threadId: IDS.thread, requestId: IDS.request }),
    ).toEqual({
      ok: true,
      action: {
        verb: 'card.refresh',
        data: { card: 'rejoin', threadId: IDS.thread, requestId: IDS.request },
      },
    });
    expect(parseCardAction('card.refresh', { card: 'rejoin', threadId: IDS.thread })).toMatchObject({
      ok: false,
    });
    expect(parseCardAction('card.refresh', { card: 'other', threadId: IDS.thread })).toMatchObject({
      ok: false,
    });
  });

  it('refuses an unknown verb, and a verb inherited from Object', () => {
    expect(parseCardAction('delete.everything', {})).toEqual({
      ok: false,
      reason: 'unknown_verb',
      verb: 'delete.everything',
    });
    expect(parseCardAction('toString', {})).toEqual({ ok: false, reason: 'unknown_verb', verb: 'toString' });
  });

  it('treats missing data as empty', () => {
    expect(parseCardAction('threads.list', undefined)).toEqual({
      ok: true,
      action: { verb: 'threads.list', data: {} },
    });
  });
});
