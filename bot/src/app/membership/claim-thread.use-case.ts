import type { Thread } from '@bridgeline/shared';
import { decideClaim } from '../../domain/membership.js';
import type { AppContext, Caller } from '../context.js';
import { fail, type Outcome } from '../outcome.js';
import { accessThread } from '../thread-access.js';
import { factsOf, join, personOf, viewAfter } from './membership-support.js';
import { addNotice } from '../thread-activity.js';

/** An enabled member of the thread's region takes a conversation from the Unassigned queue (product.md §6). */
export async function claimThread(
  ctx: AppContext,
  caller: Caller,
  threadId: string,
): Promise<Outcome<Thread | null>> {
  if (!caller.enabled) return fail('not_enabled');
  const now = ctx.clock.now();
  return ctx.uow.run(async (store) => {
    const access = await accessThread(store, caller, threadId, { lock: true });
    if (!access.ok) return access;
    const { thread } = access.value;
    const decision = decideClaim({ thread: factsOf(thread), claimer: personOf(caller), now });
    if (!decision.ok) return decision;
    if (!(await store.threads.claim(thread.tenantId, thread.id))) return fail('not_unassigned');
    await join(store, { ...thread, unassigned: false }, decision.joining);
    await addNotice(store, thread, 'claimed', { member: caller.displayName }, now, caller.id);
    return viewAfter(store, caller, thread, now);
  });
}
