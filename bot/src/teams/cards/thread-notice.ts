import type { CardAction, CardElement, RichTextBlock, TextRun } from './adaptive-card.types.js';
import { execute, openUrl, plain, run } from './card-elements.js';
import type { ThreadRef } from './card-inputs.types.js';
import { CARD_TEXT_LIMITS, channelLabel, clip } from './card-text.js';
import { tabDeepLink, type TabRef } from './tab-deep-link.js';

/** What every notice about one thread needs. */
export interface ThreadNoticeInput {
  thread: ThreadRef;
  tab: TabRef;
}

/** A notice's title line: our words and names from outside, all shown literally. */
export function noticeTitle(...parts: (string | { name: string })[]): RichTextBlock {
  return plain(
    ...parts.map((p): TextRun =>
      typeof p === 'string' ? run(p, { size: 'medium' }) : run(p.name, { size: 'medium', weight: 'bolder' }),
    ),
  );
}

/** "+44 20 7946 0000 · WhatsApp" under the title, so two contacts with one name can be told apart. */
export function contactLine(thread: ThreadRef): CardElement {
  const parts: string[] = [];
  if (thread.contact.phone !== null && clip(thread.contact.phone, 1) !== '') {
    parts.push(clip(thread.contact.phone, CARD_TEXT_LIMITS.name));
  }
  parts.push(channelLabel(thread.channel));
  return plain(run(parts.join(' · '), { isSubtle: true, size: 'small' }));
}

export function openInBridgeline(notice: ThreadNoticeInput): CardAction {
  return openUrl('Open in Bridgeline', tabDeepLink(notice.tab.appId, notice.tab.entityId, notice.thread.id));
}

export function manageConversation(thread: ThreadRef): CardAction {
  return execute('Manage conversation', 'thread.show', { threadId: thread.id }, { associatedInputs: 'none' });
}

/** The two ways on from any notice: the thread in the tab, or the thread card here in the chat. */
export function threadLinks(notice: ThreadNoticeInput): CardAction[] {
  return [openInBridgeline(notice), manageConversation(notice.thread)];
}
