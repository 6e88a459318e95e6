import { describe, expect, it } from 'vitest';
import {
  contactResumedCard,
  contactUnreachableCard,
  messagesHeldCard,
  optInAcceptedCard,
  optInRejectedCard,
} from '../../../src/teams/cards/index.js';
import { aThread, RECIPIENT_USER_ID, TAB } from '../card-fixtures.js';
import { allActions, allOfType } from '../card-validation.js';

const notice = { thread: aThread(), tab: TAB };
const words = (card: unknown): string =>
  allOfType(card, 'TextBlock', 'TextRun')
    .map((t) => t.text)
    .join(' ');

describe('optInAcceptedCard', () => {
  it('builds the card exactly when messages were held', () => {
    expect(optInAcceptedCard({ ...notice, heldCount: 2 })).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "title": "Open in Bridgeline",
              "type": "Action.OpenUrl",
              "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox?context=%7B%22subEntityId%22%3A%223f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c%22%7D",
            },
            {
              "associatedInputs": "none",
              "data": {
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "title": "Manage conversation",
              "type": "Action.Execute",
              "verb": "thread.show",
            },
          ],
          "body": [
            {
              "inlines": [
                {
                  "size": "medium",
                  "text": "Dana Scully",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " opted in to WhatsApp messages",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "inlines": [
                {
                  "isSubtle": true,
                  "size": "small",
                  "text": "+14155550142 · WhatsApp",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "text": "2 held messages are being sent.",
              "type": "TextBlock",
              "wrap": true,
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Dana Scully opted in to WhatsApp messages",
      }
    `);
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
    expect(optInRejectedCard(notice)).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "title": "Open in Bridgeline",
              "type": "Action.OpenUrl",
              "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox?context=%7B%22subEntityId%22%3A%223f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c%22%7D",
            },
            {
              "associatedInputs": "none",
              "data": {
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "title": "Manage conversation",
              "type": "Action.Execute",
              "verb": "thread.show",
            },
          ],
          "body": [
            {
              "inlines": [
                {
                  "size": "medium",
                  "text": "Dana Scully",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " opted out of WhatsApp messages",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "inlines": [
                {
                  "isSubtle": true,
                  "size": "small",
                  "text": "+14155550142 · WhatsApp",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "text": "You can't send them messages from this business number.",
              "type": "TextBlock",
              "wrap": true,
            },
            {
              "isSubtle": true,
              "text": "They can opt in again at any time by replying "yes".",
              "type": "TextBlock",
              "wrap": true,
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Dana Scully opted out of WhatsApp messages",
      }
    `);
  });
});

describe('contactUnreachableCard', () => {
  it('builds the card exactly for a member with an SMS number', () => {
    expect(contactUnreachableCard({ ...notice, recipientUserId: RECIPIENT_USER_ID, recipientHasSms: true }))
      .toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "data": {
                "contactId": "6a0b3c1d-2e4f-4a5b-8c6d-7e8f9a0b1c2d",
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "style": "positive",
              "title": "Continue by SMS",
              "type": "Action.Execute",
              "verb": "sms.continue",
            },
            {
              "title": "Open in Bridgeline",
              "type": "Action.OpenUrl",
              "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox?context=%7B%22subEntityId%22%3A%223f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c%22%7D",
            },
            {
              "associatedInputs": "none",
              "data": {
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "title": "Manage conversation",
              "type": "Action.Execute",
              "verb": "thread.show",
            },
          ],
          "body": [
            {
              "inlines": [
                {
                  "size": "medium",
                  "text": "Dana Scully",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " can't be reached on WhatsApp",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "inlines": [
                {
                  "isSubtle": true,
                  "size": "small",
                  "text": "+14155550142 · WhatsApp",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "text": "WhatsApp could not deliver messages to this number, so nothing was sent.",
              "type": "TextBlock",
              "wrap": true,
            },
            {
              "text": "You can continue by SMS: it starts an SMS conversation with the same contact.",
              "type": "TextBlock",
              "wrap": true,
            },
          ],
          "refresh": {
            "action": {
              "data": {
                "card": "unreachable",
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "title": "Refresh",
              "type": "Action.Execute",
              "verb": "card.refresh",
            },
            "userIds": [
              "29:1XyZ-alice-teams-user-id",
            ],
          },
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Dana Scully can't be reached on WhatsApp",
      }
    `);
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
    expect(contactResumedCard({ ...notice, heldCount: 0 })).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "title": "Open in Bridgeline",
              "type": "Action.OpenUrl",
              "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox?context=%7B%22subEntityId%22%3A%223f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c%22%7D",
            },
            {
              "associatedInputs": "none",
              "data": {
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "title": "Manage conversation",
              "type": "Action.Execute",
              "verb": "thread.show",
            },
          ],
          "body": [
            {
              "inlines": [
                {
                  "size": "medium",
                  "text": "Dana Scully",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " resumed the conversation",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "inlines": [
                {
                  "isSubtle": true,
                  "size": "small",
                  "text": "+14155550142 · WhatsApp",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "text": "[Auto Message] The contact has resumed the conversation. You can now continue messaging with them.",
              "type": "TextBlock",
              "wrap": true,
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Dana Scully resumed the conversation",
      }
    `);
  });

  it('says held messages are being sent when some were held', () => {
    const text = words(contactResumedCard({ ...notice, heldCount: 3 }).card);
    expect(text).toContain('The contact has resumed the conversation: 3 held messages are being sent.');
    expect(text).not.toContain('[Auto Message]');
  });
});

describe('messagesHeldCard', () => {
  it('builds the card exactly', () => {
    expect(messagesHeldCard({ ...notice, heldCount: 1 })).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "title": "Open in Bridgeline",
              "type": "Action.OpenUrl",
              "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox?context=%7B%22subEntityId%22%3A%223f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c%22%7D",
            },
            {
              "associatedInputs": "none",
              "data": {
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "title": "Manage conversation",
              "type": "Action.Execute",
              "verb": "thread.show",
            },
          ],
          "body": [
            {
              "inlines": [
                {
                  "size": "medium",
                  "text": "Your message to ",
                  "type": "TextRun",
                },
                {
                  "size": "medium",
                  "text": "Dana Scully",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " is held",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "inlines": [
                {
                  "isSubtle": true,
                  "size": "small",
                  "text": "+14155550142 · WhatsApp",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "text": "The contact hasn't written for more than 24 hours: your messages will be delivered when they resume the conversation",
              "type": "TextBlock",
              "wrap": true,
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Your message to Dana Scully is held",
      }
    `);
  });

  it('counts several held messages', () => {
    expect(messagesHeldCard({ ...notice, heldCount: 4 }).summary).toBe('4 messages to Dana Scully are held');
  });
});
