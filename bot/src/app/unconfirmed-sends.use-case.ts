import { claimedUnconfirmedBy, decideUnconfirmedSend } from '../domain/unconfirmed-send.js';
import type { Store } from '../ports/index.js';
import { deliverKey, pairKeyOf, type AppContext } from './context.js';
import { publish, sendFailed } from './thread-activity.js';

/** What failing an unanswered send touches: the message, the event log, the tabs, the sender's card, the drain. */
export type SweepStore = Pick<
  Store,
  'delivery' | 'messages' | 'events' | 'threads' | 'participants' | 'jobs' | 'live'
>;

/** Messages failed per transaction; a longer backlog (a crash of many workers at once) takes several. */
const BATCH = 100;

/**
 * The periodic sweep of sends Meta never answered (a crash between the claim and Meta's answer leaves a message in
 * `sending`): once the domain rule gives up waiting, the message is failed with its reason, the event recorded, the
 * tabs told, its sender gets the send-failed card with Retry, and the pair's delivery is scheduled again so the
 * messages queued behind it go out. Nothing is resent: a duplicate to a client is worse than a visible failure.
 * Answers how many messages it failed.
 */
export async function sweepUnconfirmedSends(ctx: AppContext<SweepStore>): Promise<number> {
  let failed = 0;
  for (;;) {
    const round = await ctx.uow.run((store) => sweepBatch(store, ctx));
    failed += round.failed;
    if (!round.more || round.failed === 0) return failed;
  }
}

async function sweepBatch(
  store: SweepStore,
  ctx: Pick<AppContext, 'clock'>,
): Promise<{ failed: number; more: boolean }> {
  const now = ctx.clock.now();
  const candidates = await store.delivery.unconfirmedSends(claimedUnconfirmedBy(now), BATCH);
  let failed = 0;
  for (const { message, sendingAt } of candidates) {
    const decision = decideUnconfirmedSend(
      { status: message.status, providerMessageId: message.providerMessageId, sendingAt },
      now,
    );
    if (decision.action !== 'fail') continue;
    // Guarded (and the row is locked): a send answered or a status matched meanwhile is left as it is.
    if (!(await store.messages.transition(message.id, ['sending'], 'failed', { error: decision.error })))
      continue;
    failed++;
    await store.events.append({
      tenantId: message.tenantId,
      type: 'message.failed',
      threadId: message.threadId,
      payload: { messageId: message.id, error: decision.error },
      occurredAt: now,
    });
    const thread = await store.threads.byId(message.tenantId, message.threadId);
    if (thread) {
      publish(store, thread, { type: 'message.updated', threadId: thread.id, messageId: message.id });
      publish(store, thread, { type: 'thread.updated', threadId: thread.id });
      await sendFailed(store, thread, message);
    }
    // The pair's later messages waited behind this one (its drain died with it): drain the pair again.
    await store.jobs.send({ name: 'deliver', data: pairKeyOf(message), singletonKey: deliverKey(message) });
  }
  return { failed, more: candidates.length === BATCH };
}
