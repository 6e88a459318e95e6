import { mayClaim } from '../domain/administration.js';
import type { ParticipationRecord, Store, ThreadRecord } from '../ports/index.js';
import type { Caller } from './context.js';
import { fail, notFound, ok, type Outcome } from './outcome.js';

/**
 * The caller's relation to a thread. Another tenant's thread, or one the caller never belonged to (and cannot claim),
 * answers exactly like a thread that does not exist.
 */
/** What finding the caller's relation to a thread reads. */
export type AccessStore = Pick<Store, 'threads' | 'participants'>;

export interface ThreadAccess {
  thread: ThreadRecord;
  active: ParticipationRecord[];
  mine: ParticipationRecord[];
  isMember: boolean;
}

export async function accessThread(
  store: AccessStore,
  caller: Caller,
  threadId: string,
  options: { lock?: boolean } = {},
): Promise<Outcome<ThreadAccess>> {
  const thread = options.lock
    ? await store.threads.lock(caller.tenantId, threadId)
    : await store.threads.byId(caller.tenantId, threadId);
  if (!thread) return notFound();
  // One transaction is one connection: its queries run one after another.
  const active = await store.participants.active(thread.id);
  const mine = await store.participants.ofMember(thread.id, caller.id);
  const isMember = active.some((p) => p.memberId === caller.id);
  const claimable =
    thread.unassigned &&
    thread.state === 'open' &&
    thread.region === caller.region &&
    mayClaim(thread, caller);
  if (mine.length === 0 && !claimable) return notFound();
  return ok({ thread, active, mine, isMember });
}

/** Writing to a thread needs an enabled caller who is a current member of an open thread. */
export async function accessForWriting(store: AccessStore, caller: Caller, threadId: string, lock = false) {
  if (!caller.enabled) return fail('not_enabled');
  const access = await accessThread(store, caller, threadId, { lock });
  if (!access.ok) return access;
  if (!access.value.isMember) {
    return fail(
      'forbidden',
      access.value.mine.length > 0 ? 'You left this conversation.' : 'Claim the conversation first.',
    );
  }
  if (access.value.thread.state === 'closed') return fail('thread_closed');
  return access;
}

/** What a caller may see of a thread's history: from their earliest visible point, up to when they left. */
export function visibility(access: ThreadAccess): { from: Date; until: Date | null } {
  if (access.mine.length === 0) return { from: access.thread.createdAt, until: null };
  const from = new Date(Math.min(...access.mine.map((p) => p.historyFrom.getTime())));
  const until = access.isMember
    ? null
    : new Date(Math.max(...access.mine.map((p) => p.leftAt?.getTime() ?? 0)));
  return { from, until };
}

/**
 * Whether the caller's event stream carries a thread's events: an enabled caller who is a current member, or for
 * whom it waits in the Unassigned queue of their region. A member who left or was removed gets nothing after that.
 */
export async function followsThread(store: AccessStore, caller: Caller, threadId: string): Promise<boolean> {
  if (!caller.enabled) return false;
  const thread = await store.threads.byId(caller.tenantId, threadId);
  if (!thread) return false;
  if (thread.unassigned && thread.region === caller.region && mayClaim(thread, caller)) return true;
  return (await store.participants.active(threadId)).some((p) => p.memberId === caller.id);
}
