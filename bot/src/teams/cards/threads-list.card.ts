import type { ThreadState } from '@bridgeline/shared';
import type { BuiltCard, CardElement, TextRun } from './adaptive-card.types.js';
import {
  actionSet,
  adaptiveCard,
  execute,
  heading,
  openUrl,
  plain,
  run,
  textBlock,
} from './card-elements.js';
import type { ThreadRef } from './card-inputs.types.js';
import { cardDateTime, channelLabel, clip, contactLabel } from './card-text.js';
import { tabDeepLink, tabHomeLink, type TabRef } from './tab-deep-link.js';

export interface ThreadListItem {
  thread: ThreadRef;
  state: ThreadState;
  unreadCount: number;
  lastActivityAt: string;
  /** The last message's text (or "Image"), or null. */
  lastMessagePreview: string | null;
}

export interface ThreadsListCardInput {
  tab: TabRef;
  /** Newest activity first; the card shows the first ten. */
  threads: ThreadListItem[];
}

export const THREADS_LIST_SHOWN = 10;
const PREVIEW_CHARS = 100;

/** The `threads` command: the member's recent conversations, each with a link into the tab. */
export function threadsListCard(input: ThreadsListCardInput): BuiltCard {
  const { tab } = input;
  const shown = input.threads.slice(0, THREADS_LIST_SHOWN);
  const body: CardElement[] = [heading('Your recent conversations')];
  if (shown.length === 0) {
    body.push(textBlock('You have no conversations yet. Start one in Bridgeline.'));
  }
  for (const item of shown) body.push(threadItem(item, tab));
  if (input.threads.length > shown.length) {
    body.push(
      textBlock(`Showing ${shown.length} of ${input.threads.length}.`, { isSubtle: true, size: 'small' }),
    );
  }
  const card = adaptiveCard(body, [openUrl('Open Bridgeline', tabHomeLink(tab.appId, tab.entityId))]);
  return { card, summary: 'Your recent conversations' };
}

function threadItem(item: ThreadListItem, tab: TabRef): CardElement {
  const { thread } = item;
  const details: TextRun[] = [run(` · ${channelLabel(thread.channel)}`, { isSubtle: true })];
  if (item.state === 'closed') details.push(run(' · closed', { isSubtle: true }));
  if (item.unreadCount > 0)
    details.push(run(` · ${item.unreadCount} unread`, { color: 'accent', weight: 'bolder' }));
  const items: CardElement[] = [plain(run(contactLabel(thread.contact), { weight: 'bolder' }), ...details)];
  if (item.lastMessagePreview !== null && clip(item.lastMessagePreview, 1) !== '') {
    items.push(plain(run(clip(item.lastMessagePreview, PREVIEW_CHARS), { isSubtle: true })));
  }
  const when = cardDateTime(item.lastActivityAt);
  if (when !== null) items.push(textBlock(when, { isSubtle: true, size: 'small', spacing: 'none' }));
  items.push(
    actionSet([
      openUrl('Open', tabDeepLink(tab.appId, tab.entityId, thread.id)),
      execute('Manage', 'thread.show', { threadId: thread.id }),
    ]),
  );
  return { type: 'Container', separator: true, items };
}
