import type { Thread } from '@bridgeline/shared';
import { mayClaim } from '../../domain/administration.js';
import type { Store } from '../../ports/index.js';
import { decideClaim } from '../../domain/membership.js';
import type { AppContext, Caller } from '../context.js';
import { answerStoreRefusals, fail, notFound, type Outcome } from '../outcome.js';
import { factsOf, join, personOf, viewAfter } from './membership-support.js';
import { addNotice, type NoticeStore } from '../thread-activity.js';

/** An enabled member of the thread's region takes a conversation from the Unassigned queue (product.md §6). */
export async function claimThread(
  ctx: AppContext<NoticeStore & Pick<Store, 'dlpRules'>>,
  caller: Caller,
  threadId: string,
): Promise<Outcome<Thread | null>> {
  if (!caller.enabled) return fail('not_enabled');
  const now = ctx.clock.now();
  return answerStoreRefusals(
    ctx.uow.run(async (store) => {
      const thread = await store.threads.lock(caller.tenantId, threadId);
      // The Unassigned queue is shared by the region: a thread someone else just claimed answers "already claimed".
      // A restricted thread (restrict incoming, docs/admin.md §7) is for admins: anyone else does not see it at all.
      if (!thread || thread.region !== caller.region || !mayClaim(thread, caller)) return notFound();
      const decision = decideClaim({ thread: factsOf(thread), claimer: personOf(caller), now });
      if (!decision.ok) return decision;
      if (!(await store.threads.claim(thread.tenantId, thread.id))) return fail('not_unassigned');
      await join(store, { ...thread, unassigned: false }, decision.joining);
      await addNotice(store, thread, 'claimed', { member: caller.displayName }, now, caller.id);
      return viewAfter(store, caller, thread, now);
    }),
  );
}
