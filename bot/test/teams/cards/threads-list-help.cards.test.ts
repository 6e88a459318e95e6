import { describe, expect, it } from 'vitest';
import {
  helpCard,
  notEnabledCard,
  threadsListCard,
  type CardElement,
  type ThreadListItem,
} from '../../../src/teams/cards/index.js';
import {
  aContact,
  aThread,
  expectedCard,
  heading,
  IDS,
  TAB,
  TAB_HOME_LINK,
  textBlock,
  THREAD_DEEP_LINK,
} from '../card-fixtures.js';
import { allActions, allOfType } from '../card-validation.js';

const anItem = (overrides: Partial<ThreadListItem> = {}): ThreadListItem => ({
  thread: aThread(),
  state: 'open',
  unreadCount: 2,
  lastActivityAt: '2025-03-01T09:30:00Z',
  lastMessagePreview: 'See you at 3',
  ...overrides,
});

const OPEN_BRIDGELINE = { type: 'Action.OpenUrl', title: 'Open Bridgeline', url: TAB_HOME_LINK } as const;

/** One thread of the list: its title line, the preview if any, when, and Open / Manage. */
function expectedEntry(entry: {
  title: CardElement;
  preview?: CardElement;
  threadId: string;
  deepLink: string;
}): CardElement {
  return {
    type: 'Container',
    separator: true,
    items: [
      entry.title,
      ...(entry.preview === undefined ? [] : [entry.preview]),
      textBlock('{{DATE(2025-03-01T09:30:00Z, SHORT)}} {{TIME(2025-03-01T09:30:00Z)}}', {
        isSubtle: true,
        size: 'small',
        spacing: 'none',
      }),
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.OpenUrl', title: 'Open', url: entry.deepLink },
          {
            type: 'Action.Execute',
            title: 'Manage',
            verb: 'thread.show',
            data: { threadId: entry.threadId },
          },
        ],
      },
    ],
  };
}

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
    ).toStrictEqual({
      summary: 'Your recent conversations',
      card: expectedCard({
        body: [
          heading('Your recent conversations'),
          expectedEntry({
            title: {
              type: 'RichTextBlock',
              inlines: [
                { type: 'TextRun', text: 'Dana Scully', weight: 'bolder' },
                { type: 'TextRun', text: ' · WhatsApp', isSubtle: true },
                { type: 'TextRun', text: ' · 2 unread', color: 'accent', weight: 'bolder' },
              ],
            },
            preview: {
              type: 'RichTextBlock',
              inlines: [{ type: 'TextRun', text: 'See you at 3', isSubtle: true }],
            },
            threadId: IDS.thread,
            deepLink: THREAD_DEEP_LINK,
          }),
          expectedEntry({
            title: {
              type: 'RichTextBlock',
              inlines: [
                { type: 'TextRun', text: '+447700900123', weight: 'bolder' },
                { type: 'TextRun', text: ' · SMS', isSubtle: true },
                { type: 'TextRun', text: ' · closed', isSubtle: true },
              ],
            },
            threadId: '0e1d2c3b-4a59-4687-9a6b-5c4d3e2f1a0b',
            deepLink: `${TAB_HOME_LINK}?context=%7B%22subEntityId%22%3A%220e1d2c3b-4a59-4687-9a6b-5c4d3e2f1a0b%22%7D`,
          }),
        ],
        actions: [OPEN_BRIDGELINE],
      }),
    });
  });

  it('shows the first ten and says how many there are', () => {
    const { card } = threadsListCard({ tab: TAB, threads: Array.from({ length: 12 }, () => anItem()) });
    expect(allActions(card).filter((a) => a.verb === 'thread.show')).toHaveLength(10);
    expect(allOfType(card, 'TextBlock').map((t) => t.text)).toContain('Showing 10 of 12.');
  });

  it('says so when there are no threads', () => {
    const { card } = threadsListCard({ tab: TAB, threads: [] });
    expect(card.body).toEqual([
      heading('Your recent conversations'),
      textBlock('You have no conversations yet. Start one in Bridgeline.'),
    ]);
  });
});

describe('helpCard', () => {
  it('builds the card exactly', () => {
    expect(helpCard({ tab: TAB })).toStrictEqual({
      summary: 'Bridgeline help',
      card: expectedCard({
        body: [
          heading('Bridgeline'),
          textBlock(
            'I tell you what happens in your WhatsApp and SMS conversations, and you can answer from the cards. Everything else is in the Bridgeline tab.',
          ),
          textBlock('Commands', { weight: 'bolder', spacing: 'medium' }),
          {
            type: 'FactSet',
            facts: [
              { title: 'threads', value: 'your recent conversations' },
              { title: 'help', value: 'this message' },
            ],
          },
        ],
        actions: [
          { type: 'Action.Execute', title: 'Show my conversations', verb: 'threads.list', data: {} },
          OPEN_BRIDGELINE,
        ],
      }),
    });
  });
});

describe('notEnabledCard', () => {
  it('builds the card exactly, with no actions', () => {
    const notEnabled = 'WhatsApp messaging is not enabled for you. Ask your Teams admin to enable it.';
    expect(notEnabledCard()).toStrictEqual({
      summary: notEnabled,
      card: expectedCard({ body: [heading('Bridgeline'), textBlock(notEnabled)] }),
    });
  });
});
