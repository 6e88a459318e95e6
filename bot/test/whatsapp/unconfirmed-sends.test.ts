import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverKey } from '../../src/app/context.js';
import { sweepUnconfirmedSends } from '../../src/app/unconfirmed-sends.use-case.js';
import { aClaimedQuietPair } from '../support/quiet-pair.js';
import { aBody, aStatus, inboxDrained, metaJson, postWebhook, wamid } from './webhook/webhook-builders.js';
import { newPhone, startTestApp, type Api, type TestApp, eventually } from '../support/test-app.js';

/**
 * Crash safety: a worker dies after claiming a message (queued → sending) and before Meta's answer is recorded. The
 * message must not stay in `sending` silently, must never be sent twice, and must not keep the pair's later messages
 * waiting. Runs the app's own workers (in-memory gateway) and its sweep job.
 */
let app: TestApp;
let alice: Api;
let aliceId: string;

const MINUTE = 60_000;
const STUCK_TITLE =
  'Bridgeline could not confirm this message was sent. It was not sent again, to avoid a duplicate; retry if needed.';

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
  const [me] = await app.sql<{ id: string }>(`SELECT id FROM members WHERE email = 'alice@contoso.test'`);
  aliceId = me!.id;
});
afterAll(async () => app?.stop());

const messageRow = async (id: string) =>
  (
    await app.sql<{ status: string; error: unknown; provider_message_id: string | null }>(
      `SELECT status, error, provider_message_id FROM messages WHERE id = $1`,
      [id],
    )
  )[0]!;

/**
 * A contact who wrote first, in a thread Alice claimed; then Alice's message `first` claimed by a worker that died
 * before Meta answered (the claim is the real one, committed; the send never happens), and her `second` queued behind
 * it, whose drain died with the worker (no deliver job is waiting for the pair).
 */
async function aCrashMidSend() {
  const phone = newPhone();
  const { threadId, key } = await aClaimedQuietPair(app, alice, phone);
  const insert = async (text: string) =>
    (
      await app.sql<{ id: string }>(
        `INSERT INTO messages (tenant_id, thread_id, business_number_id, contact_id, direction, type, text, status,
            sender_member_id)
         VALUES ($1, $2, $3, $4, 'out', 'text', $5, 'queued', $6) RETURNING id`,
        [key.tenantId, threadId, key.businessNumberId, key.contactId, text, aliceId],
      )
    )[0]!.id;
  const first = await insert('Your contract is attached');
  const claimed = await app.running.ctx.uow.run((store) => store.delivery.claimNext(key, app.clock.now()));
  expect(claimed?.message.id).toBe(first);
  const second = await insert('Call me when you have read it');
  expect((await messageRow(first)).status).toBe('sending');
  return { threadId, key, first, second };
}

const sentIds = () => app.gateway.sent.map((m) => m.messageId);

describe('a send Meta never answered (crash between the claim and the answer)', () => {
  it('is swept every minute by a recurring job', async () => {
    const rows = await app.sql<{ cron: string }>(
      `SELECT cron FROM pgboss.schedule WHERE name = 'sweep-unconfirmed-sends'`,
    );
    expect(rows).toEqual([{ cron: '* * * * *' }]);
  });

  it('stays sending, and the pair waits, until five minutes have passed since the claim', async () => {
    const { first, second } = await aCrashMidSend();
    app.clock.advance(5 * MINUTE - 1_000);
    expect(await sweepUnconfirmedSends(app.running.ctx)).toBe(0);
    expect((await messageRow(first)).status).toBe('sending');
    expect((await messageRow(second)).status).toBe('queued');
    // Leave nothing stuck for the next test.
    app.clock.advance(1_000);
    expect(await sweepUnconfirmedSends(app.running.ctx)).toBe(1);
    await app.settle();
  });

  it('is failed with the stuck_unknown reason, never resent, its sender told, and the pair drained again', async () => {
    const { threadId, first, second } = await aCrashMidSend();
    app.clock.advance(6 * MINUTE);
    // The sweep as it runs in production: a job of the recurring queue, taken by the app's worker.
    await app.running.ctx.uow.run((store) => store.jobs.send({ name: 'sweep-unconfirmed-sends', data: {} }));
    await eventually('the unanswered send failed', async () => (await messageRow(first)).status === 'failed');

    expect(await messageRow(first)).toEqual({
      status: 'failed',
      error: { code: 'stuck_unknown', title: STUCK_TITLE },
      provider_message_id: null,
    });
    const events = await app.sql<{ payload: unknown }>(
      `SELECT payload FROM domain_events WHERE thread_id = $1 AND type = 'message.failed'`,
      [threadId],
    );
    expect(events).toEqual([
      { payload: { messageId: first, error: { code: 'stuck_unknown', title: STUCK_TITLE } } },
    ]);
    const cards = await app.sql<{ data: unknown }>(
      `SELECT data FROM pgboss.job WHERE name = 'notify' AND data->>'subjectId' = $1`,
      [first],
    );
    expect(cards).toEqual([
      {
        data: {
          tenantId: expect.any(String),
          threadId,
          kind: 'send_failed',
          memberIds: [aliceId],
          subjectId: first,
        },
      },
    ]);

    // The message queued behind it goes out; the stranded one is not sent again.
    await app.settle();
    expect((await messageRow(second)).status).toBe('sent');
    expect(sentIds()).toContain(second);
    expect(sentIds()).not.toContain(first);
  });

  it('moves on to delivered when Meta reports it after all, matched on our own id, and is still not resent', async () => {
    const { first } = await aCrashMidSend();
    app.clock.advance(6 * MINUTE);
    expect(await sweepUnconfirmedSends(app.running.ctx)).toBe(1);
    await app.settle();
    expect((await messageRow(first)).status).toBe('failed');

    const id = wamid();
    const late = aStatus(id, 'delivered', app.clock.now(), { biz_opaque_callback_data: first });
    expect((await postWebhook(app.url, metaJson(aBody([{ statuses: [late] }])))).status).toBe(200);
    await inboxDrained((text) => app.sql(text));

    expect(await messageRow(first)).toEqual({ status: 'delivered', error: null, provider_message_id: id });
    const [event] = await app.sql<{ n: string }>(
      `SELECT count(*) AS n FROM domain_events WHERE type = 'message.delivered' AND payload->>'messageId' = $1`,
      [first],
    );
    expect(Number(event!.n)).toBe(1);
    expect(sentIds()).not.toContain(first);
  });

  it('keeps a message Meta refused for good failed when a late delivered arrives (only stuck_unknown moves on)', async () => {
    const { key, first } = await aCrashMidSend();
    const refused = { code: '131009', title: 'Parameter value is not valid' };
    await app.sql(`UPDATE messages SET status = 'failed', error = $2 WHERE id = $1`, [
      first,
      JSON.stringify(refused),
    ]);
    // The message behind it goes out, so nothing is left queued.
    await app.running.ctx.uow.run((store) =>
      store.jobs.send({ name: 'deliver', data: key, singletonKey: deliverKey(key) }),
    );
    await app.settle();
    const late = aStatus(wamid(), 'delivered', app.clock.now(), { biz_opaque_callback_data: first });
    expect((await postWebhook(app.url, metaJson(aBody([{ statuses: [late] }])))).status).toBe(200);
    await inboxDrained((text) => app.sql(text));
    expect(await messageRow(first)).toEqual({ status: 'failed', error: refused, provider_message_id: null });
  });
});
