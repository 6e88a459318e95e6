import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverKey } from '../../src/app/context.js';
import { redrainStalledPairs } from '../../src/app/stalled-pairs.use-case.js';
import { sweepUnconfirmedSends } from '../../src/app/unconfirmed-sends.use-case.js';
import type { PairKey } from '../../src/ports/index.js';
import { aClaimedQuietPair } from '../support/quiet-pair.js';
import { startTestApp, type Api, type TestApp, eventually } from '../support/test-app.js';

/**
 * Crash safety: a worker dies after pg-boss handed it a pair's `deliver` job and before its first claim. The job stays
 * `active` (until pg-boss expires it, 15 minutes) and the pair's messages `queued`, with no drain to take them. The
 * once-a-minute sweep drains such a pair again — in order, once, and never touching a message in flight. Runs the
 * app's own workers (in-memory gateway) and its sweep job.
 */
let app: TestApp;
let alice: Api;
let aliceId: string;

const SECOND = 1_000;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
  const [me] = await app.sql<{ id: string }>(`SELECT id FROM members WHERE email = 'alice@contoso.test'`);
  aliceId = me!.id;
});
afterAll(async () => app?.stop());

const statusOf = async (id: string) =>
  (await app.sql<{ status: string }>(`SELECT status FROM messages WHERE id = $1`, [id]))[0]!.status;
const sentIds = () => app.gateway.sent.map((m) => m.messageId);

/** A contact who wrote first, in a thread Alice claimed, with no drain of the pair waiting or running. */
async function aQuietPair(): Promise<{ threadId: string; key: PairKey }> {
  return aClaimedQuietPair(app, alice);
}

/** Alice's message, queued now (the application's clock) with no job of its own: its drain died or ended before it. */
async function queued(threadId: string, key: PairKey, text: string, status = 'queued'): Promise<string> {
  const [r] = await app.sql<{ id: string }>(
    `INSERT INTO messages (tenant_id, thread_id, business_number_id, contact_id, direction, type, text, status,
        sender_member_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'out', 'text', $5, $6, $7, $8, $8) RETURNING id`,
    [key.tenantId, threadId, key.businessNumberId, key.contactId, text, status, aliceId, app.clock.now()],
  );
  return r!.id;
}

/** The pair's `deliver` job, fetched by a worker that was then killed: `active`, started, never completed. */
async function anAbandonedDrain(key: PairKey): Promise<string> {
  const [r] = await app.sql<{ id: string }>(
    `INSERT INTO pgboss.job (name, data, state, started_on, singleton_key, policy, retry_limit)
     VALUES ('deliver', $1, 'active', now(), $2, 'short', 8) RETURNING id`,
    [JSON.stringify(key), deliverKey(key)],
  );
  return r!.id;
}

describe("a pair's queued messages whose drain died with its worker", () => {
  it('are sent, in order and once each, after the sweep runs 20 s after they were queued', async () => {
    const { threadId, key } = await aQuietPair();
    const abandoned = await anAbandonedDrain(key);
    const first = await queued(threadId, key, 'Your contract is attached');
    const second = await queued(threadId, key, 'Call me when you have read it');

    app.clock.advance(20 * SECOND);
    // The sweep as it runs in production: a job of the recurring queue, taken by the app's worker.
    await app.running.ctx.uow.run((store) => store.jobs.send({ name: 'sweep-unconfirmed-sends', data: {} }));
    await eventually('the stalled pair drained', async () => (await statusOf(second)) === 'sent');

    expect(await statusOf(first)).toBe('sent');
    const ours = sentIds().filter((id) => id === first || id === second);
    expect(ours).toEqual([first, second]);
    // The dead worker's job is left to pg-boss's expiry; its later retry finds nothing to send.
    const [job] = await app.sql<{ state: string }>(`SELECT state FROM pgboss.job WHERE id = $1`, [abandoned]);
    expect(job!.state).toBe('active');
  });

  it('are left to the drain that may still take them until 20 s have passed', async () => {
    const { threadId, key } = await aQuietPair();
    await anAbandonedDrain(key);
    const message = await queued(threadId, key, 'Are you free on Monday?');

    app.clock.advance(20 * SECOND - 1);
    expect(await redrainStalledPairs(app.running.ctx)).toBe(0);
    expect(await statusOf(message)).toBe('queued');
    // Leave nothing stuck for the next test.
    app.clock.advance(1);
    expect(await redrainStalledPairs(app.running.ctx)).toBe(1);
    await app.settle();
    expect(sentIds().filter((id) => id === message)).toEqual([message]);
  });

  it('are drained once however many drains the sweep schedules (the claim is guarded)', async () => {
    const { threadId, key } = await aQuietPair();
    await anAbandonedDrain(key);
    const messages = [
      await queued(threadId, key, 'One'),
      await queued(threadId, key, 'Two'),
      await queued(threadId, key, 'Three'),
    ];
    app.clock.advance(20 * SECOND);
    await Promise.all([
      redrainStalledPairs(app.running.ctx),
      redrainStalledPairs(app.running.ctx),
      redrainStalledPairs(app.running.ctx),
    ]);
    await app.settle();
    expect(await redrainStalledPairs(app.running.ctx)).toBe(0);
    expect(sentIds().filter((id) => messages.includes(id))).toEqual(messages);
  });

  it('never drains a pair with a message in flight: that one waits for the unconfirmed-send rule, never resent', async () => {
    const { threadId, key } = await aQuietPair();
    const inFlight = await queued(threadId, key, 'Your contract is attached');
    const claimed = await app.running.ctx.uow.run((store) => store.delivery.claimNext(key, app.clock.now()));
    expect(claimed?.message.id).toBe(inFlight);
    const behind = await queued(threadId, key, 'Call me when you have read it');

    app.clock.advance(5 * 60 * SECOND - 1);
    expect(await redrainStalledPairs(app.running.ctx)).toBe(0);
    expect(await statusOf(inFlight)).toBe('sending');
    expect(await statusOf(behind)).toBe('queued');
    // Five minutes after the claim the unanswered send fails (not resent) and the pair is drained again.
    app.clock.advance(1);
    expect(await sweepUnconfirmedSends(app.running.ctx)).toBe(1);
    await app.settle();
    expect(await statusOf(inFlight)).toBe('failed');
    expect(sentIds()).not.toContain(inFlight);
    expect(sentIds().filter((id) => id === behind)).toEqual([behind]);
  });
});
