import type { RejoinRequest, Thread } from '@bridgeline/shared';
import { decideRejoinApproval, decideRejoinDecline, decideRejoinRequest } from '../../domain/membership.js';
import type { RejoinRequestRecord, Store } from '../../ports/index.js';
import type { AppContext, Caller } from '../context.js';
import { answerStoreRefusals, fail, notFound, ok, type Outcome } from '../outcome.js';
import { publish, rejoinRequested } from '../thread-activity.js';
import { accessForWriting, accessThread } from '../thread-access.js';
import {
  announce,
  factsOf,
  join,
  participations,
  personOf,
  viewAfter,
  type MembershipStore,
} from './membership-support.js';

/** What asking, listing and deciding rejoins touch: the requests and a membership change's parts. */
export type RejoinStore = MembershipStore & Pick<Store, 'rejoin'>;

const presentRequest = (r: RejoinRequestRecord): RejoinRequest => ({
  id: r.id,
  threadId: r.threadId,
  memberId: r.memberId,
  displayName: r.displayName,
  state: r.state,
  createdAt: r.createdAt.toISOString(),
});

/** A member who left asks to rejoin; a current member approves or declines (product.md §7). */
export async function requestRejoin(
  ctx: AppContext<RejoinStore>,
  caller: Caller,
  threadId: string,
): Promise<Outcome<RejoinRequest>> {
  if (!caller.enabled) return fail('not_enabled');
  const now = ctx.clock.now();
  return ctx.uow.run(async (store) => {
    const access = await accessThread(store, caller, threadId, { lock: true });
    if (!access.ok) return access;
    const { thread, active, mine } = access.value;
    const pending = await store.rejoin.pending(thread.id);
    const decision = decideRejoinRequest({
      thread: factsOf(thread),
      active: participations(active),
      requester: personOf(caller),
      everJoined: mine.length > 0,
      hasPendingRequest: pending.some((r) => r.memberId === caller.id),
    });
    if (!decision.ok) return decision;
    const request = await store.rejoin.create({
      tenantId: caller.tenantId,
      threadId: thread.id,
      memberId: caller.id,
      at: now,
    });
    await rejoinRequested(store, thread, request.id, caller.id);
    await store.events.append({
      tenantId: thread.tenantId,
      type: 'rejoin.requested',
      threadId: thread.id,
      actorMemberId: caller.id,
      payload: { requestId: request.id },
      occurredAt: now,
    });
    publish(store, thread, { type: 'thread.updated', threadId: thread.id });
    return ok(presentRequest(request));
  });
}

export async function listRejoinRequests(
  ctx: AppContext<RejoinStore>,
  caller: Caller,
  threadId: string,
): Promise<Outcome<RejoinRequest[]>> {
  return ctx.uow.run(async (store) => {
    const access = await accessThread(store, caller, threadId);
    if (!access.ok) return access;
    if (!access.value.isMember) return ok([]);
    return ok((await store.rejoin.pending(threadId)).map(presentRequest));
  });
}

export async function decideRejoin(
  ctx: AppContext<RejoinStore>,
  caller: Caller,
  threadId: string,
  requestId: string,
  verdict: 'approve' | 'decline',
): Promise<Outcome<Thread | null>> {
  const now = ctx.clock.now();
  return answerStoreRefusals(
    ctx.uow.run(async (store) => {
      const access = await accessForWriting(store, caller, threadId, true);
      if (!access.ok) return access;
      const { thread, active } = access.value;
      const request = await store.rejoin.byId(caller.tenantId, requestId);
      if (!request || request.threadId !== thread.id) return notFound();
      const facts = factsOf(thread);
      if (verdict === 'decline') {
        const d = decideRejoinDecline({
          thread: facts,
          active: participations(active),
          approverId: caller.id,
          requestState: request.state,
        });
        if (!d.ok) return d;
        await store.rejoin.decide(request.id, 'declined', caller.id, now);
        await store.events.append({
          tenantId: thread.tenantId,
          type: 'rejoin.declined',
          threadId: thread.id,
          actorMemberId: caller.id,
          payload: { requestId },
          occurredAt: now,
        });
        publish(store, thread, { type: 'thread.updated', threadId: thread.id });
        return viewAfter(store, caller, thread, now);
      }
      const requester = await store.members.byId(caller.tenantId, request.memberId);
      if (!requester) return notFound();
      const before = await store.participants.ofMember(thread.id, requester.id);
      const previousHistoryFrom = new Date(Math.min(...before.map((p) => p.historyFrom.getTime())));
      const d = decideRejoinApproval({
        thread: facts,
        active: participations(active),
        approverId: caller.id,
        requester: personOf(requester),
        requestState: request.state,
        previousHistoryFrom,
        now,
      });
      if (!d.ok) return d;
      if (!(await store.rejoin.decide(request.id, 'approved', caller.id, now)))
        return fail('request_decided');
      await join(store, thread, d.joining);
      await announce(
        store,
        ctx,
        thread,
        'member_rejoined',
        { member: requester.displayName },
        now,
        caller.id,
      );
      return viewAfter(store, caller, thread, now);
    }),
  );
}
