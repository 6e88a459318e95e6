import { describe, expect, it } from 'vitest';
import {
  contactResumedCard,
  contactUnreachableCard,
  messagesHeldCard,
  optInAcceptedCard,
  optInRejectedCard,
} from '../../../src/teams/cards/index.js';
import {
  aNotice,
  expectedNotice,
  IDS,
  RECIPIENT_USER_ID,
  refreshFor,
  textBlock,
  threadLinks,
} from '../card-fixtures.js';
import { allActions, allText as words } from '../card-validation.js';

const notice = aNotice();

describe('optInAcceptedCard', () => {
  it('builds the card exactly when messages were held', () => {
    expect(optInAcceptedCard({ ...notice, heldCount: 2 })).toStrictEqual(
      expectedNotice({
        summary: 'Dana Scully opted in to WhatsApp messages',
        headline: [{ bold: 'Dana Scully' }, ' opted in to WhatsApp messages'],
        details: [textBlock('2 held messages are being sent.')],
      }),
    );
  });

  it('says the member can start the conversation when nothing was held', () => {
    expect(words(optInAcceptedCard({ ...notice, heldCount: 0 }).card)).toContain(
      'Nothing was held: you can start the conversation.',
    );
  });

  it('says "1 held message is being sent" for one', () => {
    expect(words(optInAcceptedCard({ ...notice, heldCount: 1 }).card)).toContain(
      '1 held message is being sent.',
    );
  });
});

describe('optInRejectedCard', () => {
  it('builds the card exactly', () => {
    expect(optInRejectedCard(notice)).toStrictEqual(
      expectedNotice({
        summary: 'Dana Scully opted out of WhatsApp messages',
        headline: [{ bold: 'Dana Scully' }, ' opted out of WhatsApp messages'],
        details: [
          textBlock("You can't send them messages from this business number."),
          textBlock('They can opt in again at any time by replying "yes".', { isSubtle: true }),
        ],
      }),
    );
  });
});

describe('contactUnreachableCard', () => {
  it('builds the card exactly for a member with an SMS number', () => {
    expect(
      contactUnreachableCard({ ...notice, recipientUserId: RECIPIENT_USER_ID, recipientHasSms: true }),
    ).toStrictEqual(
      expectedNotice({
        summary: "Dana Scully can't be reached on WhatsApp",
        headline: [{ bold: 'Dana Scully' }, " can't be reached on WhatsApp"],
        details: [
          textBlock('WhatsApp could not deliver messages to this number, so nothing was sent.'),
          textBlock('You can continue by SMS: it starts an SMS conversation with the same contact.'),
        ],
        actions: [
          {
            type: 'Action.Execute',
            title: 'Continue by SMS',
            verb: 'sms.continue',
            data: { threadId: IDS.thread, contactId: IDS.contact },
            style: 'positive',
          },
          ...threadLinks(),
        ],
        refresh: refreshFor({ card: 'unreachable', threadId: IDS.thread }),
      }),
    );
  });

  it('offers "Continue by SMS" only when the member has an SMS number', () => {
    const withSms = contactUnreachableCard({
      ...notice,
      recipientUserId: RECIPIENT_USER_ID,
      recipientHasSms: true,
    });
    const withoutSms = contactUnreachableCard({
      ...notice,
      recipientUserId: RECIPIENT_USER_ID,
      recipientHasSms: false,
    });
    expect(allActions(withSms.card).filter((a) => a.verb === 'sms.continue')).toHaveLength(1);
    expect(allActions(withoutSms.card).map((a) => a.verb)).not.toContain('sms.continue');
    expect(words(withoutSms.card)).not.toContain('SMS');
    // Nothing on the card can go stale without the SMS button, so no refresh either.
    expect(withoutSms.card.refresh).toBeUndefined();
  });

  it('never says the contact has no WhatsApp (131026 also means they blocked the business)', () => {
    for (const recipientHasSms of [true, false]) {
      const { card, summary } = contactUnreachableCard({
        ...notice,
        recipientUserId: RECIPIENT_USER_ID,
        recipientHasSms,
      });
      const all = `${summary} ${words(card)}`;
      expect(all).toMatch(/can't be reached on WhatsApp/);
      expect(all).not.toMatch(
        /(no|not have|doesn't have|does not have|without|not on|isn't on|not use|doesn't use) WhatsApp/i,
      );
    }
  });
});

describe('contactResumedCard', () => {
  it('builds the "[Auto Message]" card exactly when nothing was held', () => {
    expect(contactResumedCard({ ...notice, heldCount: 0 })).toStrictEqual(
      expectedNotice({
        summary: 'Dana Scully resumed the conversation',
        headline: [{ bold: 'Dana Scully' }, ' resumed the conversation'],
        details: [
          textBlock(
            '[Auto Message] The contact has resumed the conversation. You can now continue messaging with them.',
          ),
        ],
      }),
    );
  });

  it('says held messages are being sent when some were held', () => {
    const text = words(contactResumedCard({ ...notice, heldCount: 3 }).card);
    expect(text).toContain('The contact has resumed the conversation: 3 held messages are being sent.');
    expect(text).not.toContain('[Auto Message]');
  });
});

describe('messagesHeldCard', () => {
  it('builds the card exactly', () => {
    expect(messagesHeldCard({ ...notice, heldCount: 1 })).toStrictEqual(
      expectedNotice({
        summary: 'Your message to Dana Scully is held',
        headline: ['Your message to ', { bold: 'Dana Scully' }, ' is held'],
        details: [
          textBlock(
            "The contact hasn't written for more than 24 hours: your messages will be delivered when they resume the conversation",
          ),
        ],
      }),
    );
  });

  it('counts several held messages', () => {
    expect(messagesHeldCard({ ...notice, heldCount: 4 }).summary).toBe('4 messages to Dana Scully are held');
  });
});
