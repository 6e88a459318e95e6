import type { AddMemberBody, Thread } from '@bridgeline/shared';
import { decideAdd } from '../../domain/membership.js';
import type { AppContext, Caller } from '../context.js';
import { answerStoreRefusals, fail, type Outcome } from '../outcome.js';
import { accessForWriting } from '../thread-access.js';
import {
  announce,
  factsOf,
  join,
  participations,
  personOf,
  viewAfter,
  type MembershipStore,
} from './membership-support.js';

/** Any member adds another: ≤ 10, same region, enabled, history shared or not (product.md §7). */
export async function addMember(
  ctx: AppContext<MembershipStore>,
  caller: Caller,
  threadId: string,
  body: AddMemberBody,
): Promise<Outcome<Thread | null>> {
  const now = ctx.clock.now();
  return answerStoreRefusals(
    ctx.uow.run(async (store) => {
      // The thread row lock makes concurrent adds count one after another.
      const access = await accessForWriting(store, caller, threadId, true);
      if (!access.ok) return access;
      const { thread, active } = access.value;
      const candidate = await store.members.byId(caller.tenantId, body.memberId);
      if (!candidate) return fail('not_found', 'No such member in your organisation.');
      const decision = decideAdd({
        thread: factsOf(thread),
        active: participations(active),
        actorId: caller.id,
        candidate: personOf(candidate),
        shareHistory: body.shareHistory,
        now,
      });
      if (!decision.ok) return decision;
      await join(store, thread, decision.joining);
      await announce(
        store,
        ctx,
        thread,
        'member_added',
        { actor: caller.displayName, member: candidate.displayName },
        now,
        caller.id,
      );
      return viewAfter(store, caller, thread, now);
    }),
  );
}
