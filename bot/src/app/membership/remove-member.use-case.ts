import type { Thread } from '@bridgeline/shared';
import { decideLeave, decideRemove } from '../../domain/membership.js';
import type { AppContext, Caller } from '../context.js';
import { fail, type Outcome } from '../outcome.js';
import { accessForWriting } from '../thread-access.js';
import {
  announce,
  factsOf,
  leaveAndMaybeClose,
  participations,
  viewAfter,
  type AnnounceStore,
} from './membership-support.js';

/** Any member removes another (product.md §7). */
export async function removeMember(
  ctx: AppContext<AnnounceStore>,
  caller: Caller,
  threadId: string,
  memberId: string,
): Promise<Outcome<Thread | null>> {
  if (memberId === caller.id) return leaveThread(ctx, caller, threadId);
  const now = ctx.clock.now();
  return ctx.uow.run(async (store) => {
    const access = await accessForWriting(store, caller, threadId, true);
    if (!access.ok) return access;
    const { thread, active } = access.value;
    const target = active.find((p) => p.memberId === memberId);
    const decision = decideRemove({
      thread: factsOf(thread),
      active: participations(active),
      actorId: caller.id,
      targetId: memberId,
    });
    if (!decision.ok) return decision;
    if (!target) return fail('not_a_member');
    await leaveAndMaybeClose(store, thread, memberId, decision.closesThread, now);
    await announce(
      store,
      ctx,
      thread,
      'member_removed',
      { actor: caller.displayName, member: target.displayName },
      now,
      caller.id,
    );
    return viewAfter(store, caller, thread, now);
  });
}

/** A member leaves; the last one to leave closes the thread (product.md §7). */
export async function leaveThread(
  ctx: AppContext<AnnounceStore>,
  caller: Caller,
  threadId: string,
): Promise<Outcome<Thread | null>> {
  const now = ctx.clock.now();
  return ctx.uow.run(async (store) => {
    const access = await accessForWriting(store, caller, threadId, true);
    if (!access.ok) return access;
    const { thread, active } = access.value;
    const decision = decideLeave({
      thread: factsOf(thread),
      active: participations(active),
      memberId: caller.id,
    });
    if (!decision.ok) return decision;
    await announce(store, ctx, thread, 'member_left', { member: caller.displayName }, now, caller.id);
    await leaveAndMaybeClose(store, thread, caller.id, decision.closesThread, now);
    return viewAfter(store, caller, thread, now);
  });
}
