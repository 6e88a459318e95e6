import type { Thread } from '@bridgeline/shared';
import type { NoticeKind, NoticeParams } from '../../domain/notices.js';
import type { Joining, Participation, Person, ThreadFacts } from '../../domain/membership.js';
import type { MemberRecord, ParticipationRecord, Store, ThreadRecord } from '../../ports/index.js';
import type { AppContext, Caller } from '../context.js';
import { ok, type Outcome } from '../outcome.js';
import { tellContact } from '../automatic-texts.js';
import type { ResumeStore } from '../delivery-failures.js';
import { accessChanged, addNotice, type NoticeStore } from '../thread-activity.js';
import { threadView } from '../thread-views.use-case.js';

/**
 * What announcing a membership change touches: its notice to members and its line to the contact; and the DLP rules
 * the thread shown afterwards reads (its last message as the list shows it).
 */
export type AnnounceStore = ResumeStore & Pick<Store, 'dlpRules'>;
/** What a membership change touches: the thread and its members, the member joining, and the announcement. */
export type MembershipStore = AnnounceStore & Pick<Store, 'members'>;

export const personOf = (m: MemberRecord): Person => ({ id: m.id, region: m.region, enabled: m.enabled });
export const factsOf = (t: ThreadRecord): ThreadFacts => ({
  state: t.state,
  region: t.region,
  unassigned: t.unassigned,
  createdAt: t.createdAt,
});
export const participations = (active: ParticipationRecord[]): Participation[] =>
  active.map((p) => ({ memberId: p.memberId, joinedAt: p.joinedAt, historyFrom: p.historyFrom }));

export async function join(
  store: Pick<Store, 'participants' | 'live'>,
  thread: ThreadRecord,
  joining: Joining,
): Promise<void> {
  await store.participants.join({ tenantId: thread.tenantId, threadId: thread.id, ...joining });
  accessChanged(store, thread);
}

/** A membership change: its notice to members, its line to the contact, the live event. */
export async function announce(
  store: AnnounceStore,
  ctx: Pick<AppContext, 'templates'>,
  thread: ThreadRecord,
  kind: NoticeKind,
  params: NoticeParams,
  now: Date,
  actorId: string,
): Promise<void> {
  await addNotice(store, thread, kind, params, now, actorId);
  await tellContact(store, ctx, thread, kind, params, now);
}

/** Leaves, and closes the thread when nobody is left (product.md §7). */
export async function leaveAndMaybeClose(
  store: NoticeStore,
  thread: ThreadRecord,
  memberId: string,
  closes: boolean,
  now: Date,
): Promise<void> {
  await store.participants.leave(thread.id, memberId, now);
  accessChanged(store, thread);
  if (closes) {
    await store.threads.close(thread.tenantId, thread.id, now);
    await addNotice(store, thread, 'thread_closed', {}, now, memberId);
  }
}

export async function viewAfter(
  store: Pick<Store, 'threads' | 'participants' | 'dlpRules'>,
  caller: Caller,
  thread: ThreadRecord,
  now: Date,
): Promise<Outcome<Thread | null>> {
  const view = await threadView(store, caller, thread.id, now);
  // A caller who just left may no longer see the thread; the change itself succeeded.
  return view.ok ? view : ok(null);
}
