import { describe, expect, it } from 'vitest';
import {
  helpCard,
  notEnabledCard,
  threadsListCard,
  type ThreadListItem,
} from '../../../src/teams/cards/index.js';
import { aContact, aThread, TAB } from '../card-fixtures.js';
import { allActions, allOfType } from '../card-validation.js';

const anItem = (overrides: Partial<ThreadListItem> = {}): ThreadListItem => ({
  thread: aThread(),
  state: 'open',
  unreadCount: 2,
  lastActivityAt: '2025-03-01T09:30:00Z',
  lastMessagePreview: 'See you at 3',
  ...overrides,
});

describe('threadsListCard', () => {
  it('builds the card exactly, each thread with a link into the tab', () => {
    expect(
      threadsListCard({
        tab: TAB,
        threads: [
          anItem(),
          anItem({
            thread: aThread({
              id: '0e1d2c3b-4a59-4687-9a6b-5c4d3e2f1a0b',
              channel: 'sms',
              contact: aContact({ displayName: null, phone: '+447700900123' }),
            }),
            state: 'closed',
            unreadCount: 0,
            lastMessagePreview: null,
          }),
        ],
      }),
    ).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "title": "Open Bridgeline",
              "type": "Action.OpenUrl",
              "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox",
            },
          ],
          "body": [
            {
              "size": "medium",
              "style": "heading",
              "text": "Your recent conversations",
              "type": "TextBlock",
              "weight": "bolder",
              "wrap": true,
            },
            {
              "items": [
                {
                  "inlines": [
                    {
                      "text": "Dana Scully",
                      "type": "TextRun",
                      "weight": "bolder",
                    },
                    {
                      "isSubtle": true,
                      "text": " · WhatsApp",
                      "type": "TextRun",
                    },
                    {
                      "color": "accent",
                      "text": " · 2 unread",
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
                      "text": "See you at 3",
                      "type": "TextRun",
                    },
                  ],
                  "type": "RichTextBlock",
                },
                {
                  "isSubtle": true,
                  "size": "small",
                  "spacing": "none",
                  "text": "{{DATE(2025-03-01T09:30:00Z, SHORT)}} {{TIME(2025-03-01T09:30:00Z)}}",
                  "type": "TextBlock",
                  "wrap": true,
                },
                {
                  "actions": [
                    {
                      "title": "Open",
                      "type": "Action.OpenUrl",
                      "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox?context=%7B%22subEntityId%22%3A%223f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c%22%7D",
                    },
                    {
                      "data": {
                        "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
                      },
                      "title": "Manage",
                      "type": "Action.Execute",
                      "verb": "thread.show",
                    },
                  ],
                  "type": "ActionSet",
                },
              ],
              "separator": true,
              "type": "Container",
            },
            {
              "items": [
                {
                  "inlines": [
                    {
                      "text": "+447700900123",
                      "type": "TextRun",
                      "weight": "bolder",
                    },
                    {
                      "isSubtle": true,
                      "text": " · SMS",
                      "type": "TextRun",
                    },
                    {
                      "isSubtle": true,
                      "text": " · closed",
                      "type": "TextRun",
                    },
                  ],
                  "type": "RichTextBlock",
                },
                {
                  "isSubtle": true,
                  "size": "small",
                  "spacing": "none",
                  "text": "{{DATE(2025-03-01T09:30:00Z, SHORT)}} {{TIME(2025-03-01T09:30:00Z)}}",
                  "type": "TextBlock",
                  "wrap": true,
                },
                {
                  "actions": [
                    {
                      "title": "Open",
                      "type": "Action.OpenUrl",
                      "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox?context=%7B%22subEntityId%22%3A%220e1d2c3b-4a59-4687-9a6b-5c4d3e2f1a0b%22%7D",
                    },
                    {
                      "data": {
                        "threadId": "0e1d2c3b-4a59-4687-9a6b-5c4d3e2f1a0b",
                      },
                      "title": "Manage",
                      "type": "Action.Execute",
                      "verb": "thread.show",
                    },
                  ],
                  "type": "ActionSet",
                },
              ],
              "separator": true,
              "type": "Container",
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Your recent conversations",
      }
    `);
  });

  it('shows the first ten and says how many there are', () => {
    const { card } = threadsListCard({ tab: TAB, threads: Array.from({ length: 12 }, () => anItem()) });
    expect(allActions(card).filter((a) => a.verb === 'thread.show')).toHaveLength(10);
    expect(allOfType(card, 'TextBlock').map((t) => t.text)).toContain('Showing 10 of 12.');
  });

  it('says so when there are no threads', () => {
    const { card } = threadsListCard({ tab: TAB, threads: [] });
    expect(card.body).toEqual([
      {
        type: 'TextBlock',
        text: 'Your recent conversations',
        wrap: true,
        size: 'medium',
        weight: 'bolder',
        style: 'heading',
      },
      { type: 'TextBlock', text: 'You have no conversations yet. Start one in Bridgeline.', wrap: true },
    ]);
  });
});

describe('helpCard', () => {
  it('builds the card exactly', () => {
    expect(helpCard({ tab: TAB })).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "data": {},
              "title": "Show my conversations",
              "type": "Action.Execute",
              "verb": "threads.list",
            },
            {
              "title": "Open Bridgeline",
              "type": "Action.OpenUrl",
              "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox",
            },
          ],
          "body": [
            {
              "size": "medium",
              "style": "heading",
              "text": "Bridgeline",
              "type": "TextBlock",
              "weight": "bolder",
              "wrap": true,
            },
            {
              "text": "I tell you what happens in your WhatsApp and SMS conversations, and you can answer from the cards. Everything else is in the Bridgeline tab.",
              "type": "TextBlock",
              "wrap": true,
            },
            {
              "spacing": "medium",
              "text": "Commands",
              "type": "TextBlock",
              "weight": "bolder",
              "wrap": true,
            },
            {
              "facts": [
                {
                  "title": "threads",
                  "value": "your recent conversations",
                },
                {
                  "title": "help",
                  "value": "this message",
                },
              ],
              "type": "FactSet",
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Bridgeline help",
      }
    `);
  });
});

describe('notEnabledCard', () => {
  it('builds the card exactly, with no actions', () => {
    expect(notEnabledCard()).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "body": [
            {
              "size": "medium",
              "style": "heading",
              "text": "Bridgeline",
              "type": "TextBlock",
              "weight": "bolder",
              "wrap": true,
            },
            {
              "text": "WhatsApp messaging is not enabled for you. Ask your Teams admin to enable it.",
              "type": "TextBlock",
              "wrap": true,
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "WhatsApp messaging is not enabled for you. Ask your Teams admin to enable it.",
      }
    `);
  });
});
