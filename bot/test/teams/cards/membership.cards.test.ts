import { describe, expect, it } from 'vitest';
import {
  memberAddedCard,
  memberLeftCard,
  memberRemovedCard,
  rejoinRequestCard,
  transferReceivedCard,
} from '../../../src/teams/cards/index.js';
import {
  aMemberAddedInput,
  aNotice,
  expectedNotice,
  IDS,
  openInBridgeline,
  RECIPIENT_USER_ID,
  refreshFor,
  textBlock,
} from '../card-fixtures.js';
import { allActions } from '../card-validation.js';

const notice = aNotice();

describe('memberAddedCard', () => {
  it('builds the card for the other members exactly', () => {
    expect(memberAddedCard(aMemberAddedInput())).toStrictEqual(
      expectedNotice({
        summary: 'Alice Ng added Bob Ray to the conversation with Dana Scully',
        headline: [
          { bold: 'Alice Ng' },
          ' added ',
          { bold: 'Bob Ray' },
          ' to the conversation with ',
          { bold: 'Dana Scully' },
        ],
        details: [textBlock('They can see the earlier messages.')],
      }),
    );
  });

  it('tells the added member whether they see the earlier messages', () => {
    const shared = memberAddedCard(aMemberAddedInput({ addedYou: true, historyShared: true }));
    const unshared = memberAddedCard(aMemberAddedInput({ addedYou: true, historyShared: false }));
    expect(shared.summary).toBe('Alice Ng added you to the conversation with Dana Scully');
    expect(JSON.stringify(shared.card)).toContain('You can see the earlier messages.');
    expect(JSON.stringify(unshared.card)).toContain('You see the messages from the moment you joined.');
  });
});

describe('memberRemovedCard', () => {
  it('builds the card for the removed member exactly, with only "Ask to rejoin"', () => {
    expect(
      memberRemovedCard({ ...notice, removedBy: 'Alice Ng', removed: 'Bob Ray', removedYou: true }),
    ).toStrictEqual(
      expectedNotice({
        summary: 'Alice Ng removed you from the conversation with Dana Scully',
        headline: [{ bold: 'Alice Ng' }, ' removed you from the conversation with ', { bold: 'Dana Scully' }],
        details: [
          textBlock('You can ask to rejoin: a member of the conversation approves or declines.', {
            isSubtle: true,
          }),
        ],
        actions: [
          {
            type: 'Action.Execute',
            title: 'Ask to rejoin',
            verb: 'rejoin.request',
            data: { threadId: IDS.thread },
          },
        ],
      }),
    );
  });

  it('tells the others who removed whom', () => {
    const { summary, card } = memberRemovedCard({
      ...notice,
      removedBy: 'Alice Ng',
      removed: 'Bob Ray',
      removedYou: false,
    });
    expect(summary).toBe('Alice Ng removed Bob Ray from the conversation with Dana Scully');
    expect(allActions(card).map((a) => a.verb ?? a.type)).toEqual(['Action.OpenUrl', 'thread.show']);
  });
});

describe('memberLeftCard', () => {
  it('builds the card exactly', () => {
    expect(memberLeftCard({ ...notice, left: 'Bob Ray' })).toStrictEqual(
      expectedNotice({
        summary: 'Bob Ray left the conversation with Dana Scully',
        headline: [{ bold: 'Bob Ray' }, ' left the conversation with ', { bold: 'Dana Scully' }],
      }),
    );
  });
});

describe('transferReceivedCard', () => {
  it('builds the card exactly', () => {
    expect(transferReceivedCard({ ...notice, from: 'Alice Ng' })).toStrictEqual(
      expectedNotice({
        summary: 'Alice Ng transferred the conversation with Dana Scully to you',
        headline: [
          { bold: 'Alice Ng' },
          ' transferred the conversation with ',
          { bold: 'Dana Scully' },
          ' to you',
        ],
        details: [
          textBlock('You can see the earlier messages. The contact was told who they are now talking to.'),
        ],
      }),
    );
  });
});

describe('rejoinRequestCard', () => {
  it('builds the card exactly, with Approve and Decline', () => {
    const request = { threadId: IDS.thread, requestId: IDS.request };
    expect(
      rejoinRequestCard({
        ...notice,
        requester: 'Bob Ray',
        requestId: IDS.request,
        recipientUserId: RECIPIENT_USER_ID,
      }),
    ).toStrictEqual(
      expectedNotice({
        summary: 'Bob Ray asks to rejoin the conversation with Dana Scully',
        headline: [{ bold: 'Bob Ray' }, ' asks to rejoin the conversation with ', { bold: 'Dana Scully' }],
        details: [textBlock('Any member of the conversation can answer.', { isSubtle: true })],
        actions: [
          {
            type: 'Action.Execute',
            title: 'Approve',
            verb: 'rejoin.approve',
            data: request,
            style: 'positive',
          },
          {
            type: 'Action.Execute',
            title: 'Decline',
            verb: 'rejoin.decline',
            data: request,
            style: 'destructive',
          },
          openInBridgeline(),
        ],
        refresh: refreshFor({ card: 'rejoin', ...request }),
      }),
    );
  });
});
