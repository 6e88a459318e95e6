/**
 * Where a message from the contact goes (product.md §6), in order:
 * (1) the open thread that holds the message it replies to; (2) the most recently active open thread of that contact
 * on that business number; (3) a new thread in the tenant's Unassigned queue.
 */
export interface CandidateThread {
  id: string;
  state: 'open' | 'closed';
  lastActivityAt: Date;
}

export type Route =
  { kind: 'existing'; threadId: string; reason: 'reply_to' | 'most_recent' } | { kind: 'new_unassigned' };

export function routeInbound(input: { replyTo: CandidateThread | null; threads: CandidateThread[] }): Route {
  // A reply to a closed thread reaches nobody: it falls through to the live threads.
  if (input.replyTo !== null && input.replyTo.state === 'open') {
    return { kind: 'existing', threadId: input.replyTo.id, reason: 'reply_to' };
  }
  const newest = input.threads
    .filter((t) => t.state === 'open')
    .reduce<CandidateThread | null>(
      (best, t) => (best === null || t.lastActivityAt.getTime() > best.lastActivityAt.getTime() ? t : best),
      null,
    );
  return newest === null
    ? { kind: 'new_unassigned' }
    : { kind: 'existing', threadId: newest.id, reason: 'most_recent' };
}
