import { describe, expect, it } from 'vitest';
import { sendFailedCard, type SendFailedCardInput } from '../../../src/teams/cards/index.js';
import { aThread, IDS, RECIPIENT_USER_ID, TAB } from '../card-fixtures.js';
import { allOfType } from '../card-validation.js';

function aSendFailedCard(overrides: Partial<SendFailedCardInput> = {}) {
  return sendFailedCard({
    thread: aThread(),
    tab: TAB,
    recipientUserId: RECIPIENT_USER_ID,
    messageId: IDS.message,
    retryClientMessageId: IDS.clientMessage,
    excerpt: 'See you at 3',
    error: { code: 131047, title: 'Re-engagement message', details: 'More than 24 hours have passed.' },
    ...overrides,
  });
}

describe('sendFailedCard', () => {
  it('builds the card exactly, with the reason and Retry', () => {
    expect(aSendFailedCard()).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "data": {
                "clientMessageId": "9b8a7c6d-5e4f-4321-8765-0fedcba98765",
                "messageId": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "title": "Retry",
              "type": "Action.Execute",
              "verb": "message.retry",
            },
            {
              "title": "Open in Bridgeline",
              "type": "Action.OpenUrl",
              "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox?context=%7B%22subEntityId%22%3A%223f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c%22%7D",
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
                  "text": " was not sent",
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
              "items": [
                {
                  "inlines": [
                    {
                      "italic": true,
                      "text": "See you at 3",
                      "type": "TextRun",
                    },
                  ],
                  "type": "RichTextBlock",
                },
              ],
              "style": "emphasis",
              "type": "Container",
            },
            {
              "inlines": [
                {
                  "text": "Reason: ",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "color": "attention",
                  "text": "Re-engagement message (131047)",
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
                  "text": "More than 24 hours have passed.",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
          ],
          "refresh": {
            "action": {
              "data": {
                "card": "sendFailed",
                "messageId": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
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
        "summary": "Your message to Dana Scully was not sent",
      }
    `);
  });

  it('leaves out the excerpt, code and details it does not have', () => {
    const { card } = aSendFailedCard({ excerpt: null, error: { code: null, title: '', details: null } });
    expect(allOfType(card, 'Container')).toEqual([]);
    expect(card.body[2]).toEqual({
      type: 'RichTextBlock',
      inlines: [
        { type: 'TextRun', text: 'Reason: ', weight: 'bolder' },
        { type: 'TextRun', text: 'Unknown error', color: 'attention' },
      ],
    });
    expect(card.body).toHaveLength(3);
  });
});
