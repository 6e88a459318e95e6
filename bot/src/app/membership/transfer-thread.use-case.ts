import type { Thread } from '@bridgeline/shared';
import { decideTransfer } from '../../domain/membership.js';
import type { AppContext, Caller } from '../context.js';
import { answerStoreRefusals, fail, type Outcome } from '../outcome.js';
import { accessForWriting } from '../thread-access.js';
import {
  announce,
  factsOf,
  join,
  leaveAndMaybeClose,
  participations,
  personOf,
  viewAfter,
  type MembershipStore,
} from './membership-support.js';

/** Hands the contact to another member: they join with history shared, the sender leaves (product.md §7). */
export async function transferThread(
  ctx: AppContext<MembershipStore>,
  caller: Caller,
  threadId: string,
  memberId: string,
): Promise<Outcome<Thread | null>> {
  const now = ctx.clock.now();
  return answerStoreRefusals(
    ctx.uow.run(async (store) => {
      const access = await accessForWriting(store, caller, threadId, true);
      if (!access.ok) return access;
      const { thread, active } = access.value;
      const target = await store.members.byId(caller.tenantId, memberId);
      if (!target) return fail('not_found', 'No such member in your organisation.');
      const decision = decideTransfer({
        thread: factsOf(thread),
        active: participations(active),
        actorId: caller.id,
        target: personOf(target),
        now,
      });
      if (!decision.ok) return decision;
      // Leave first, so a full thread stays within 10 members at every step.
      await leaveAndMaybeClose(store, thread, caller.id, false, now);
      await join(store, thread, decision.joining);
      await announce(
        store,
        ctx,
        thread,
        'transferred',
        { actor: caller.displayName, member: target.displayName },
        now,
        caller.id,
      );
      return viewAfter(store, caller, thread, now);
    }),
  );
}
