import type { Region } from '@bridgeline/shared';
import { MAX_THREAD_MEMBERS } from '@bridgeline/shared';
import { refuse, type Decision } from './result.js';

/**
 * Who may be in a thread (product.md §7): at most 10 members, only enabled members of the thread's region; history
 * shared or not; leave, remove, transfer, rejoin with approval, claim from Unassigned; the thread closes when the last
 * member leaves.
 */
export interface ThreadFacts {
  state: 'open' | 'closed';
  region: Region;
  unassigned: boolean;
  createdAt: Date;
}

export interface Person {
  id: string;
  region: Region;
  enabled: boolean;
}

export interface Participation {
  memberId: string;
  joinedAt: Date;
  historyFrom: Date;
}

export type Joining = { memberId: string; joinedAt: Date; historyFrom: Date };

function isActive(active: Participation[], memberId: string): boolean {
  return active.some((p) => p.memberId === memberId);
}

function eligible(thread: ThreadFacts, person: Person): Decision {
  if (!person.enabled) return refuse('member_not_enabled');
  if (person.region !== thread.region) return refuse('region_mismatch');
  return { ok: true };
}

/** The actor of any membership change must be a current member of an open thread. */
function actorMayAct(thread: ThreadFacts, active: Participation[], actorId: string): Decision {
  if (!isActive(active, actorId)) return refuse('forbidden', 'Only members of the conversation can do this.');
  if (thread.state === 'closed') return refuse('thread_closed');
  return { ok: true };
}

export function decideAdd(input: {
  thread: ThreadFacts;
  active: Participation[];
  actorId: string;
  candidate: Person;
  shareHistory: boolean;
  now: Date;
}): Decision<{ joining: Joining }> {
  const { thread, active, candidate, now } = input;
  const actor = actorMayAct(thread, active, input.actorId);
  if (!actor.ok) return actor;
  if (isActive(active, candidate.id)) return refuse('already_member');
  const ok = eligible(thread, candidate);
  if (!ok.ok) return ok;
  if (active.length >= MAX_THREAD_MEMBERS) return refuse('thread_full');
  // Without shared history the new member sees only what is said from the moment they join.
  const historyFrom = input.shareHistory ? thread.createdAt : now;
  return { ok: true, joining: { memberId: candidate.id, joinedAt: now, historyFrom } };
}

export function decideLeave(input: {
  thread: ThreadFacts;
  active: Participation[];
  memberId: string;
}): Decision<{ closesThread: boolean }> {
  const actor = actorMayAct(input.thread, input.active, input.memberId);
  if (!actor.ok) return actor;
  return { ok: true, closesThread: input.active.length === 1 };
}

export function decideRemove(input: {
  thread: ThreadFacts;
  active: Participation[];
  actorId: string;
  targetId: string;
}): Decision<{ closesThread: boolean }> {
  const actor = actorMayAct(input.thread, input.active, input.actorId);
  if (!actor.ok) return actor;
  if (!isActive(input.active, input.targetId)) return refuse('not_a_member');
  return { ok: true, closesThread: input.active.length === 1 };
}

/** Transfer: the target joins with the history shared, the sender leaves (§7). */
export function decideTransfer(input: {
  thread: ThreadFacts;
  active: Participation[];
  actorId: string;
  target: Person;
  now: Date;
}): Decision<{ joining: Joining }> {
  const { thread, active, target, now } = input;
  const actor = actorMayAct(thread, active, input.actorId);
  if (!actor.ok) return actor;
  if (target.id === input.actorId || isActive(active, target.id)) return refuse('already_member');
  const ok = eligible(thread, target);
  if (!ok.ok) return ok;
  // Net membership is unchanged, so a full thread can still be transferred.
  return { ok: true, joining: { memberId: target.id, joinedAt: now, historyFrom: thread.createdAt } };
}

/** A member who left may ask to rejoin while the thread is open; one pending request at a time. */
export function decideRejoinRequest(input: {
  thread: ThreadFacts;
  active: Participation[];
  requester: Person;
  everJoined: boolean;
  hasPendingRequest: boolean;
}): Decision {
  if (input.thread.state === 'closed') return refuse('thread_closed');
  if (isActive(input.active, input.requester.id)) return refuse('already_member');
  if (!input.everJoined) return refuse('forbidden', 'Only former members can ask to rejoin.');
  if (input.hasPendingRequest) return refuse('rejoin_pending');
  return eligible(input.thread, input.requester);
}

/** A current member approves a rejoin: the former member comes back with the history they had before. */
export function decideRejoinApproval(input: {
  thread: ThreadFacts;
  active: Participation[];
  approverId: string;
  requester: Person;
  requestState: 'pending' | 'approved' | 'declined';
  previousHistoryFrom: Date;
  now: Date;
}): Decision<{ joining: Joining }> {
  const { thread, active, requester, now } = input;
  const actor = actorMayAct(thread, active, input.approverId);
  if (!actor.ok) return actor;
  if (input.requestState !== 'pending') return refuse('request_decided');
  if (isActive(active, requester.id)) return refuse('already_member');
  const ok = eligible(thread, requester);
  if (!ok.ok) return ok;
  if (active.length >= MAX_THREAD_MEMBERS) return refuse('thread_full');
  return {
    ok: true,
    joining: { memberId: requester.id, joinedAt: now, historyFrom: input.previousHistoryFrom },
  };
}

export function decideRejoinDecline(input: {
  thread: ThreadFacts;
  active: Participation[];
  approverId: string;
  requestState: 'pending' | 'approved' | 'declined';
}): Decision {
  const actor = actorMayAct(input.thread, input.active, input.approverId);
  if (!actor.ok) return actor;
  if (input.requestState !== 'pending') return refuse('request_decided');
  return { ok: true };
}

/** An enabled member of the thread's region takes an Unassigned thread, with its whole history. */
export function decideClaim(input: {
  thread: ThreadFacts;
  claimer: Person;
  now: Date;
}): Decision<{ joining: Joining }> {
  const { thread, claimer, now } = input;
  if (thread.state === 'closed' || !thread.unassigned) return refuse('not_unassigned');
  const ok = eligible(thread, claimer);
  if (!ok.ok) return ok;
  return { ok: true, joining: { memberId: claimer.id, joinedAt: now, historyFrom: thread.createdAt } };
}

/** A member sees a message when it was written from their `historyFrom` on (and before they left, if they did). */
export function canSeeMessage(view: { historyFrom: Date; leftAt: Date | null }, messageAt: Date): boolean {
  const t = messageAt.getTime();
  return t >= view.historyFrom.getTime() && (view.leftAt === null || t <= view.leftAt.getTime());
}
