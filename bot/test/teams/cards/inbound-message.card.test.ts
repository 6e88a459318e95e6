import { describe, expect, it } from 'vitest';
import { inboundMessageCard, type InboundMessageCardInput } from '../../../src/teams/cards/index.js';
import {
  aContact,
  aThread,
  expectedNotice,
  IDS,
  plainText,
  RECIPIENT_USER_ID,
  refreshFor,
  TAB,
  textBlock,
  threadLinks,
} from '../card-fixtures.js';
import { allOfType } from '../card-validation.js';

function anInboundCard(overrides: Partial<InboundMessageCardInput> = {}) {
  return inboundMessageCard({
    thread: aThread(),
    tab: TAB,
    recipientUserId: RECIPIENT_USER_ID,
    replyClientMessageId: IDS.clientMessage,
    newMessageCount: 1,
    latest: [
      { content: { kind: 'text', text: 'Can we move our call to 3pm?' }, sentAt: '2025-03-01T09:30:00.123Z' },
    ],
    ...overrides,
  });
}

/** When a message sent at 2025-03-01T09:30 shows, in the member's own time zone. */
const SENT_AT_0930 = textBlock('{{DATE(2025-03-01T09:30:00Z, SHORT)}} {{TIME(2025-03-01T09:30:00Z)}}', {
  isSubtle: true,
  size: 'small',
  spacing: 'small',
});

describe('inboundMessageCard', () => {
  it('builds the single-message card exactly', () => {
    expect(anInboundCard()).toStrictEqual(
      expectedNotice({
        summary: 'New WhatsApp message from Dana Scully',
        headline: [{ bold: 'New WhatsApp message from ' }, { bold: 'Dana Scully' }],
        contactLine: '+14155550142',
        details: [
          {
            type: 'Container',
            style: 'emphasis',
            items: [plainText('Can we move our call to 3pm?'), SENT_AT_0930],
          },
          {
            type: 'Input.Text',
            id: 'replyText',
            label: 'Quick reply',
            placeholder: 'Reply to Dana Scully',
            isMultiline: true,
            maxLength: 4096,
            isRequired: true,
            errorMessage: 'Type a reply first.',
          },
        ],
        actions: [
          {
            type: 'Action.Execute',
            title: 'Send',
            verb: 'reply',
            data: { threadId: IDS.thread, clientMessageId: IDS.clientMessage },
          },
          ...threadLinks(),
        ],
        refresh: refreshFor({ card: 'inbound', threadId: IDS.thread }),
      }),
    );
  });

  it('coalesces a burst into "3 new messages" showing the latest three', () => {
    const { card, summary } = anInboundCard({
      newMessageCount: 5,
      latest: ['one', 'two', 'three', 'four', 'five'].map((text, i) => ({
        content: { kind: 'text' as const, text },
        sentAt: `2025-03-01T09:30:0${i}Z`,
      })),
    });
    expect(summary).toBe('5 new messages from Dana Scully on WhatsApp');
    expect(card.body.slice(0, 3)).toEqual([
      {
        type: 'RichTextBlock',
        inlines: [
          { type: 'TextRun', text: '5 new messages from ', weight: 'bolder', size: 'medium' },
          { type: 'TextRun', text: 'Dana Scully', weight: 'bolder', size: 'medium' },
        ],
      },
      {
        type: 'RichTextBlock',
        inlines: [{ type: 'TextRun', text: '+14155550142 · WhatsApp', isSubtle: true, size: 'small' }],
      },
      { type: 'TextBlock', text: 'Showing the latest 3.', wrap: true, isSubtle: true, size: 'small' },
    ]);
    const texts = allOfType(card, 'TextRun').map((r) => r.text);
    expect(texts).toEqual(expect.arrayContaining(['three', 'four', 'five']));
    expect(texts).not.toContain('two');
  });

  it('says "3 new messages" when exactly three arrived', () => {
    const latest = [1, 2, 3].map((n) => ({
      content: { kind: 'text' as const, text: `m${n}` },
      sentAt: '2025-03-01T09:30:00Z',
    }));
    const { card } = anInboundCard({ newMessageCount: 3, latest });
    expect(allOfType(card.body[0], 'TextRun')[0]?.text).toBe('3 new messages from ');
    expect(JSON.stringify(card)).not.toContain('Showing the latest');
  });

  it('shows an image preview when Teams can load the url, with the caption as plain text', () => {
    const { card } = anInboundCard({
      latest: [
        {
          content: { kind: 'image', imageUrl: 'https://media.test/a.jpg', caption: 'The form' },
          sentAt: '2025-03-01T09:30:00Z',
        },
      ],
    });
    expect(card.body[2]).toEqual({
      type: 'Container',
      style: 'emphasis',
      items: [
        { type: 'Image', url: 'https://media.test/a.jpg', altText: 'Image from Dana Scully', size: 'medium' },
        plainText('The form'),
        SENT_AT_0930,
      ],
    });
  });

  it.each([null, 'http://media.test/a.jpg', 'data:image/png;base64,AAAA'])(
    'shows the "Image" placeholder when the url is %s',
    (imageUrl) => {
      const { card } = anInboundCard({
        latest: [{ content: { kind: 'image', imageUrl, caption: null }, sentAt: '2025-03-01T09:30:00Z' }],
      });
      expect(allOfType(card, 'Image')).toEqual([]);
      expect(card.body[2]).toMatchObject({
        items: [
          { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Image', italic: true }] },
          { type: 'TextBlock' },
        ],
      });
    },
  );

  it('names the contact by phone when there is no name, and omits the time when it is unreadable', () => {
    const { card, summary } = anInboundCard({
      thread: aThread({ contact: aContact({ displayName: null }), channel: 'sms' }),
      latest: [{ content: { kind: 'unsupported' }, sentAt: 'not a date' }],
    });
    expect(summary).toBe('New SMS message from +14155550142');
    expect(card.body[1]).toEqual({
      type: 'Container',
      style: 'emphasis',
      items: [
        {
          type: 'RichTextBlock',
          inlines: [
            {
              type: 'TextRun',
              text: 'Unsupported content: open Bridgeline to see what was sent.',
              italic: true,
            },
          ],
        },
      ],
    });
  });

  it('keeps Markdown from the contact literal', () => {
    const { card } = anInboundCard({
      latest: [
        { content: { kind: 'text', text: '[Pay here](https://evil.test)' }, sentAt: '2025-03-01T09:30:00Z' },
      ],
    });
    expect(allOfType(card, 'TextBlock').map((b) => b.text)).not.toContain('[Pay here](https://evil.test)');
    expect(allOfType(card, 'TextRun').map((r) => r.text)).toContain('[Pay here](https://evil.test)');
  });
});
