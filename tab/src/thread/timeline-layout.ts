import type { Message } from '@bridgeline/shared';
import { dayKey } from '../ui/time.js';
import type { TimelineItem } from './use-messages.js';

/** Who wrote a line of the conversation, as the member reading it sees them. */
export type Author =
  | { kind: 'me' }
  | { kind: 'colleague'; memberId: string; name: string }
  | { kind: 'contact'; name: string }
  | { kind: 'automatic' }
  | { kind: 'notice' };

/** One line as drawn: its side, whether it opens a run of one author's messages, and a day separator before it. */
export interface LaidOut {
  item: TimelineItem;
  author: Author;
  /** Own messages on the right (end), everyone else's on the left (start), notices centred, as Teams does. */
  side: 'start' | 'end' | 'centre';
  /** The first of consecutive messages by one author: it carries the name and the avatar. */
  firstOfRun: boolean;
  /** The day this line starts, when it is the first line of a day. */
  dayStarts?: string;
}

/** Consecutive messages of one author closer than this are one run (Teams groups them the same way). */
export const RUN_GAP_MS = 5 * 60_000;

export function itemTime(item: TimelineItem): string {
  if (item.kind === 'pending') return item.pending.createdAt;
  return item.message.happenedAt ?? item.message.createdAt;
}

export function authorOf(message: Message, meId: string, contactName: string): Author {
  if (message.direction === 'notice') return { kind: 'notice' };
  if (message.direction === 'in') return { kind: 'contact', name: contactName };
  if (!message.sender) return { kind: 'automatic' };
  if (message.sender.memberId === meId) return { kind: 'me' };
  return { kind: 'colleague', memberId: message.sender.memberId, name: message.sender.displayName };
}

function sameAuthor(a: Author, b: Author): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'colleague' && b.kind === 'colleague') return a.memberId === b.memberId;
  return a.kind !== 'notice';
}

/** Lays the timeline out for the member `meId`: sides, runs of one author, and where each day starts. */
export function layOutTimeline(items: TimelineItem[], meId: string, contactName: string): LaidOut[] {
  const out: LaidOut[] = [];
  let previous: { author: Author; at: number; day: string } | null = null;
  for (const item of items) {
    const author: Author =
      item.kind === 'pending' ? { kind: 'me' } : authorOf(item.message, meId, contactName);
    const time = itemTime(item);
    const at = Date.parse(time);
    const day = dayKey(time);
    const newDay = previous === null || previous.day !== day;
    const firstOfRun =
      newDay || previous === null || !sameAuthor(previous.author, author) || at - previous.at > RUN_GAP_MS;
    out.push({
      item,
      author,
      side: author.kind === 'notice' ? 'centre' : author.kind === 'me' ? 'end' : 'start',
      firstOfRun,
      ...(newDay ? { dayStarts: time } : {}),
    });
    previous = { author, at, day };
  }
  return out;
}
