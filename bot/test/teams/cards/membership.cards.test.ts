import { describe, expect, it } from 'vitest';
import {
  memberAddedCard,
  memberLeftCard,
  memberRemovedCard,
  rejoinRequestCard,
  transferReceivedCard,
} from '../../../src/teams/cards/index.js';
import { aThread, IDS, RECIPIENT_USER_ID, TAB } from '../card-fixtures.js';
import { allActions } from '../card-validation.js';

const notice = { thread: aThread(), tab: TAB };

describe('memberAddedCard', () => {
  it('builds the card for the other members exactly', () => {
    expect(
      memberAddedCard({
        ...notice,
        addedBy: 'Alice Ng',
        added: 'Bob Ray',
        addedYou: false,
        historyShared: true,
      }),
    ).toMatchInlineSnapshot(`
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
                  "text": "Alice Ng",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " added ",
                  "type": "TextRun",
                },
                {
                  "size": "medium",
                  "text": "Bob Ray",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " to the conversation with ",
                  "type": "TextRun",
                },
                {
                  "size": "medium",
                  "text": "Dana Scully",
                  "type": "TextRun",
                  "weight": "bolder",
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
              "text": "They can see the earlier messages.",
              "type": "TextBlock",
              "wrap": true,
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Alice Ng added Bob Ray to the conversation with Dana Scully",
      }
    `);
  });

  it('tells the added member whether they see the earlier messages', () => {
    const shared = memberAddedCard({
      ...notice,
      addedBy: 'Alice Ng',
      added: 'Bob Ray',
      addedYou: true,
      historyShared: true,
    });
    const unshared = memberAddedCard({
      ...notice,
      addedBy: 'Alice Ng',
      added: 'Bob Ray',
      addedYou: true,
      historyShared: false,
    });
    expect(shared.summary).toBe('Alice Ng added you to the conversation with Dana Scully');
    expect(JSON.stringify(shared.card)).toContain('You can see the earlier messages.');
    expect(JSON.stringify(unshared.card)).toContain('You see the messages from the moment you joined.');
  });
});

describe('memberRemovedCard', () => {
  it('builds the card for the removed member exactly, with only "Ask to rejoin"', () => {
    expect(memberRemovedCard({ ...notice, removedBy: 'Alice Ng', removed: 'Bob Ray', removedYou: true }))
      .toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "data": {
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "title": "Ask to rejoin",
              "type": "Action.Execute",
              "verb": "rejoin.request",
            },
          ],
          "body": [
            {
              "inlines": [
                {
                  "size": "medium",
                  "text": "Alice Ng",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " removed you from the conversation with ",
                  "type": "TextRun",
                },
                {
                  "size": "medium",
                  "text": "Dana Scully",
                  "type": "TextRun",
                  "weight": "bolder",
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
              "isSubtle": true,
              "text": "You can ask to rejoin: a member of the conversation approves or declines.",
              "type": "TextBlock",
              "wrap": true,
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Alice Ng removed you from the conversation with Dana Scully",
      }
    `);
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
    expect(memberLeftCard({ ...notice, left: 'Bob Ray' })).toMatchInlineSnapshot(`
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
                  "text": "Bob Ray",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " left the conversation with ",
                  "type": "TextRun",
                },
                {
                  "size": "medium",
                  "text": "Dana Scully",
                  "type": "TextRun",
                  "weight": "bolder",
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
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Bob Ray left the conversation with Dana Scully",
      }
    `);
  });
});

describe('transferReceivedCard', () => {
  it('builds the card exactly', () => {
    expect(transferReceivedCard({ ...notice, from: 'Alice Ng' })).toMatchInlineSnapshot(`
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
                  "text": "Alice Ng",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " transferred the conversation with ",
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
                  "text": " to you",
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
              "text": "You can see the earlier messages. The contact was told who they are now talking to.",
              "type": "TextBlock",
              "wrap": true,
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Alice Ng transferred the conversation with Dana Scully to you",
      }
    `);
  });
});

describe('rejoinRequestCard', () => {
  it('builds the card exactly, with Approve and Decline', () => {
    expect(
      rejoinRequestCard({
        ...notice,
        requester: 'Bob Ray',
        requestId: IDS.request,
        recipientUserId: RECIPIENT_USER_ID,
      }),
    ).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "data": {
                "requestId": "d4c3b2a1-f6e5-4d7c-9b8a-1f2e3d4c5b6a",
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "style": "positive",
              "title": "Approve",
              "type": "Action.Execute",
              "verb": "rejoin.approve",
            },
            {
              "data": {
                "requestId": "d4c3b2a1-f6e5-4d7c-9b8a-1f2e3d4c5b6a",
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "style": "destructive",
              "title": "Decline",
              "type": "Action.Execute",
              "verb": "rejoin.decline",
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
                  "text": "Bob Ray",
                  "type": "TextRun",
                  "weight": "bolder",
                },
                {
                  "size": "medium",
                  "text": " asks to rejoin the conversation with ",
                  "type": "TextRun",
                },
                {
                  "size": "medium",
                  "text": "Dana Scully",
                  "type": "TextRun",
                  "weight": "bolder",
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
              "isSubtle": true,
              "text": "Any member of the conversation can answer.",
              "type": "TextBlock",
              "wrap": true,
            },
          ],
          "refresh": {
            "action": {
              "data": {
                "card": "rejoin",
                "requestId": "d4c3b2a1-f6e5-4d7c-9b8a-1f2e3d4c5b6a",
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
        "summary": "Bob Ray asks to rejoin the conversation with Dana Scully",
      }
    `);
  });
});
