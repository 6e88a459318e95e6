import { decideStalledPair, queuedStalledBy } from '../domain/stalled-pair.js';
import type { Store } from '../ports/index.js';
import { deliverKey, pairKeyOf, type AppContext } from './context.js';

/** Pairs scheduled per sweep; a longer backlog is taken by the next minute's sweep. */
const BATCH = 500;

/**
 * The periodic sweep of pairs no drain takes (src/domain/stalled-pair.ts): a worker killed after pg-boss handed it a
 * pair's `deliver` job leaves that job `active` (until pg-boss expires it) and the pair's messages `queued`, and only a
 * later send to the same contact would queue a drain; so the sweep schedules the pair's delivery again. Only scheduled:
 * the drain is the ordinary one (oldest first, one in flight, guarded claim), so it keeps the pair's order and never
 * resends a message in `sending` or one Meta already has. A drain already waiting for the pair absorbs the job (the
 * queue keeps one waiting per pair). Answers how many pairs it scheduled.
 */
export async function redrainStalledPairs(
  ctx: AppContext<Pick<Store, 'delivery' | 'jobs'>>,
): Promise<number> {
  return ctx.uow.run(async (store) => {
    const now = ctx.clock.now();
    let scheduled = 0;
    for (const pair of await store.delivery.stalledPairs(queuedStalledBy(now), BATCH)) {
      if (decideStalledPair(pair, now).action !== 'redrain') continue;
      await store.jobs.send({ name: 'deliver', data: pairKeyOf(pair), singletonKey: deliverKey(pair) });
      scheduled++;
    }
    return scheduled;
  });
}
