import type { BuiltCard, CardElement } from './adaptive-card.types.js';
import { adaptiveCard, execute, plain, refreshFor, run } from './card-elements.js';
import { CARD_TEXT_LIMITS, clip, contactLabel } from './card-text.js';
import { contactLine, noticeTitle, openInBridgeline, type ThreadNoticeInput } from './thread-notice.js';

export interface SendFailedCardInput extends ThreadNoticeInput {
  /** The recipient's Teams user id (`29:…`): the card refreshes once the message was retried elsewhere. */
  recipientUserId: string;
  messageId: string;
  /** A fresh uuid for the retry (a retry is a new send), so a double tap retries once. */
  retryClientMessageId: string;
  /** The start of the failed message's text, or null for an image or template. */
  excerpt: string | null;
  /** Meta's (or the carrier's) code and words, as stored on the message. */
  error: { code: string | number | null; title: string; details: string | null };
}

const EXCERPT_CHARS = 300;

export function sendFailedCard(input: SendFailedCardInput): BuiltCard {
  const { thread } = input;
  const contact = contactLabel(thread.contact);
  const body: CardElement[] = [
    noticeTitle('Your message to ', { name: contact }, ' was not sent'),
    contactLine(thread),
  ];
  if (input.excerpt !== null && clip(input.excerpt, 1) !== '') {
    body.push({
      type: 'Container',
      style: 'emphasis',
      items: [plain(run(clip(input.excerpt, EXCERPT_CHARS), { italic: true }))],
    });
  }
  const code = input.error.code === null ? '' : ` (${clip(String(input.error.code), 16)})`;
  const reason = clip(input.error.title, CARD_TEXT_LIMITS.reason) || 'Unknown error';
  body.push(plain(run('Reason: ', { weight: 'bolder' }), run(`${reason}${code}`, { color: 'attention' })));
  if (input.error.details !== null && clip(input.error.details, 1) !== '') {
    body.push(
      plain(run(clip(input.error.details, CARD_TEXT_LIMITS.reason), { isSubtle: true, size: 'small' })),
    );
  }
  const card = adaptiveCard(
    body,
    [
      execute('Retry', 'message.retry', {
        threadId: thread.id,
        messageId: input.messageId,
        clientMessageId: input.retryClientMessageId,
      }),
      openInBridgeline(input),
    ],
    refreshFor(input.recipientUserId, {
      card: 'sendFailed',
      threadId: thread.id,
      messageId: input.messageId,
    }),
  );
  return { card, summary: `Your message to ${contact} was not sent` };
}
