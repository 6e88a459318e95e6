import { describe, expect, it } from 'vitest';
import { sendFailedCard, type SendFailedCardInput } from '../../../src/teams/cards/index.js';
import {
  aSendFailedInput,
  expectedNotice,
  IDS,
  openInBridgeline,
  plainText,
  refreshFor,
} from '../card-fixtures.js';
import { allOfType } from '../card-validation.js';

const aSendFailedCard = (overrides: Partial<SendFailedCardInput> = {}) =>
  sendFailedCard(aSendFailedInput(overrides));

describe('sendFailedCard', () => {
  it('builds the card exactly, with the reason and Retry', () => {
    expect(aSendFailedCard()).toStrictEqual(
      expectedNotice({
        summary: 'Your message to Dana Scully was not sent',
        headline: ['Your message to ', { bold: 'Dana Scully' }, ' was not sent'],
        details: [
          { type: 'Container', style: 'emphasis', items: [plainText('See you at 3', { italic: true })] },
          {
            type: 'RichTextBlock',
            inlines: [
              { type: 'TextRun', text: 'Reason: ', weight: 'bolder' },
              { type: 'TextRun', text: 'Re-engagement message (131047)', color: 'attention' },
            ],
          },
          plainText('More than 24 hours have passed.', { isSubtle: true, size: 'small' }),
        ],
        actions: [
          {
            type: 'Action.Execute',
            title: 'Retry',
            verb: 'message.retry',
            data: { threadId: IDS.thread, messageId: IDS.message, clientMessageId: IDS.clientMessage },
          },
          openInBridgeline(),
        ],
        refresh: refreshFor({ card: 'sendFailed', threadId: IDS.thread, messageId: IDS.message }),
      }),
    );
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
