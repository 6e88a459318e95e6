import { MAX_TEXT_LENGTH } from '@bridgeline/shared';
import type { BuiltCard, CardElement, Container } from './adaptive-card.types.js';
import { CARD_INPUT_IDS } from './card-actions.js';
import { adaptiveCard, execute, openUrl, plain, refreshFor, run, textBlock } from './card-elements.js';
import type { ThreadRef } from './card-inputs.types.js';
import { CARD_TEXT_LIMITS, cardDateTime, channelLabel, clip, contactLabel, plural } from './card-text.js';
import { tabDeepLink, type TabRef } from './tab-deep-link.js';

export type InboundContent =
  | { kind: 'text'; text: string }
  /** `imageUrl` must be one the Teams client can load without our auth (a short-lived signed URL), else null. */
  | { kind: 'image'; imageUrl: string | null; caption: string | null }
  | { kind: 'unsupported' };

export interface InboundPreview {
  content: InboundContent;
  /** When the contact sent it (Meta's timestamp), ISO 8601. */
  sentAt: string;
}

export interface InboundMessageCardInput {
  thread: ThreadRef;
  tab: TabRef;
  /** The recipient's Teams user id (`29:…`), for the card's refresh. */
  recipientUserId: string;
  /** A fresh uuid per card: the quick reply's client message id, so a double submit sends once. */
  replyClientMessageId: string;
  /** How many messages arrived since the member's last card; more than `latest` when coalesced. */
  newMessageCount: number;
  /** The newest messages, oldest first; the card shows at most the last three. */
  latest: InboundPreview[];
}

/** How many messages a coalesced card shows; the rest are in the tab. */
export const COALESCED_SHOWN = 3;

/**
 * A new message from the contact, with a quick reply box. Several messages in a burst become one card
 * ("3 new messages") that the notifier updates instead of posting one card each.
 */
export function inboundMessageCard(input: InboundMessageCardInput): BuiltCard {
  const { thread, tab } = input;
  const contact = contactLabel(thread.contact);
  const channel = channelLabel(thread.channel);
  const shown = input.latest.slice(-COALESCED_SHOWN);
  const count = Math.max(input.newMessageCount, input.latest.length, 1);
  const single = count === 1 && shown.length === 1;
  const title = single
    ? `New ${channel} message from `
    : `${plural(count, 'new message', 'new messages')} from `;

  const body: CardElement[] = [
    plain(
      run(title, { weight: 'bolder', size: 'medium' }),
      run(contact, { weight: 'bolder', size: 'medium' }),
    ),
    ...contactDetails(thread, single ? null : channel),
  ];
  if (count > shown.length && shown.length > 0) {
    body.push(textBlock(`Showing the latest ${shown.length}.`, { isSubtle: true, size: 'small' }));
  }
  if (shown.length === 0) body.push(textBlock('Open Bridgeline to read them.', { isSubtle: true }));
  const previewLimit = single ? CARD_TEXT_LIMITS.messagePreview : CARD_TEXT_LIMITS.coalescedPreview;
  body.push(...shown.map((m) => messageContainer(m, contact, previewLimit)));
  body.push({
    type: 'Input.Text',
    id: CARD_INPUT_IDS.replyText,
    label: 'Quick reply',
    placeholder: `Reply to ${contact}`,
    isMultiline: true,
    maxLength: MAX_TEXT_LENGTH,
    isRequired: true,
    errorMessage: 'Type a reply first.',
  });

  const card = adaptiveCard(
    body,
    [
      execute('Send', 'reply', { threadId: thread.id, clientMessageId: input.replyClientMessageId }),
      openUrl('Open in Bridgeline', tabDeepLink(tab.appId, tab.entityId, thread.id)),
      // `none`: managing the conversation must not demand a reply in the box.
      execute('Manage conversation', 'thread.show', { threadId: thread.id }, { associatedInputs: 'none' }),
    ],
    refreshFor(input.recipientUserId, { card: 'inbound', threadId: thread.id }),
  );
  const summary = single
    ? `New ${channel} message from ${contact}`
    : `${plural(count, 'new message', 'new messages')} from ${contact} on ${channel}`;
  return { card, summary };
}

/** The phone under the name (when both are known), and the channel when the title doesn't say it. */
function contactDetails(thread: ThreadRef, channel: string | null): CardElement[] {
  const parts: string[] = [];
  const { displayName, phone } = thread.contact;
  if (displayName !== null && clip(displayName, 1) !== '' && phone !== null) {
    parts.push(clip(phone, CARD_TEXT_LIMITS.name));
  }
  if (channel !== null) parts.push(channel);
  if (parts.length === 0) return [];
  return [plain(run(parts.join(' · '), { isSubtle: true, size: 'small' }))];
}

function messageContainer(message: InboundPreview, contact: string, limit: number): Container {
  const items: CardElement[] = [];
  const { content } = message;
  switch (content.kind) {
    case 'text':
      items.push(plain(clip(content.text, limit)));
      break;
    case 'image':
      if (content.imageUrl !== null && isLoadableImageUrl(content.imageUrl)) {
        items.push({
          type: 'Image',
          url: content.imageUrl,
          altText: `Image from ${contact}`,
          size: 'medium',
        });
      } else {
        items.push(plain(run('Image', { italic: true })));
      }
      if (content.caption !== null && clip(content.caption, 1) !== '') {
        items.push(plain(clip(content.caption, limit)));
      }
      break;
    case 'unsupported':
      items.push(plain(run('Unsupported content: open Bridgeline to see what was sent.', { italic: true })));
      break;
  }
  const when = cardDateTime(message.sentAt);
  if (when !== null) items.push(textBlock(when, { isSubtle: true, size: 'small', spacing: 'small' }));
  return { type: 'Container', style: 'emphasis', items };
}

// Teams loads card images itself: only https, and not so long that one URL eats the card's size budget.
function isLoadableImageUrl(url: string): boolean {
  return url.startsWith('https://') && url.length <= 2048;
}
