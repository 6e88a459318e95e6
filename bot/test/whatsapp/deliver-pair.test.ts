import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverPair, RetryLater } from '../../src/app/deliver-pair.use-case.js';
import type { AppContext } from '../../src/app/context.js';
import type { OutboundMessage, PairKey, SendOutcome, Store, WhatsAppGateway } from '../../src/ports/index.js';
import { newPhone, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The worker's drain of one (business number, contact), called directly on rows written here (no job is queued for
 * them, so the app's own workers leave them alone), with a gateway that answers what each test scripts.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());
// A test that leaves messages queued on purpose parks them, so the next test's contact can settle.
afterEach(async () => {
  await app.sql(
    `UPDATE messages SET status = 'held', hold_reason = 'window' WHERE status IN ('queued', 'sending')`,
  );
});

class ScriptedGateway implements WhatsAppGateway {
  readonly sent: OutboundMessage[] = [];
  constructor(
    private readonly answer: (text: string, n: number) => SendOutcome | undefined = () => undefined,
  ) {}
  async send(message: OutboundMessage): Promise<SendOutcome> {
    this.sent.push(message);
    const text = message.content.type === 'text' ? message.content.text : '';
    return (
      this.answer(text, this.sent.length) ?? { ok: true, providerMessageId: `wamid.out.${message.messageId}` }
    );
  }
}

const texts = (g: ScriptedGateway) =>
  g.sent.map((m) => (m.content.type === 'text' ? m.content.text : m.content.type));

/** A contact who wrote first (so a thread exists), then `rows` of the business in order: [text, status, providerId?]. */
async function aPair(
  rows: [string, 'queued' | 'held', string?][],
): Promise<{ key: PairKey; threadId: string }> {
  const { threadId } = await app.inbound(newPhone());
  const [t] = await app.sql<{ tenant_id: string; business_number_id: string; contact_id: string }>(
    `SELECT tenant_id, business_number_id, contact_id FROM threads WHERE id = $1`,
    [threadId],
  );
  // The contact's first message schedules a drain of the pair: let it finish, so only the test drains these rows.
  for (let i = 0; ; i++) {
    const [busy] = await app.sql<{ n: string }>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = 'deliver' AND data->>'contactId' = $1
          AND state IN ('created', 'retry', 'active')`,
      [t!.contact_id],
    );
    if (Number(busy!.n) === 0) break;
    if (i > 600) throw new Error('the contact’s first drain never finished');
    await new Promise((r) => setTimeout(r, 25));
  }
  for (const [text, status, providerId] of rows)
    await app.sql(
      `INSERT INTO messages (tenant_id, thread_id, business_number_id, contact_id, direction, type, text, status,
          hold_reason, provider_message_id)
       VALUES ($1, $2, $3, $4, 'out', 'text', $5, $6, $7, $8)`,
      [
        t!.tenant_id,
        threadId,
        t!.business_number_id,
        t!.contact_id,
        text,
        status,
        status === 'held' ? 'window' : null,
        providerId ?? null,
      ],
    );
  return {
    key: { tenantId: t!.tenant_id, businessNumberId: t!.business_number_id, contactId: t!.contact_id },
    threadId,
  };
}

async function statuses(threadId: string) {
  return app.sql<{ text: string; status: string; provider_message_id: string | null; error: unknown }>(
    `SELECT text, status, provider_message_id, error FROM messages WHERE thread_id = $1 AND direction = 'out'
      ORDER BY seq`,
    [threadId],
  );
}

describe('deliverPair: draining one pair', () => {
  it("sends a pair's queued messages oldest first and never lets a held one leave", async () => {
    const { key, threadId } = await aPair([
      ['one', 'queued'],
      ['kept', 'held'],
      ['two', 'queued'],
      ['three', 'queued'],
    ]);
    const gateway = new ScriptedGateway();
    expect(await deliverPair(app.running.ctx, gateway, key)).toBe(3);
    expect(texts(gateway)).toEqual(['one', 'two', 'three']);
    const rows = await statuses(threadId);
    expect(rows.map((r) => [r.text, r.status])).toEqual([
      ['one', 'sent'],
      ['kept', 'held'],
      ['two', 'sent'],
      ['three', 'sent'],
    ]);
    expect(
      rows.filter((r) => r.status === 'sent').every((r) => r.provider_message_id?.startsWith('wamid.out.')),
    ).toBe(true);
  });

  it("keeps one message of a pair in flight and the pair's order when several drains run at once", async () => {
    const texts6 = ['1', '2', '3', '4', '5', '6'];
    const { key } = await aPair(texts6.map((t): [string, 'queued'] => [t, 'queued']));
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const slow: WhatsAppGateway = {
      async send(m) {
        inFlight++;
        most = Math.max(most, inFlight);
        order.push(m.content.type === 'text' ? m.content.text : m.content.type);
        await new Promise((r) => setTimeout(r, 15));
        inFlight--;
        return { ok: true, providerMessageId: `wamid.out.${m.messageId}` };
      },
      markRead: async () => ({ ok: true }),
    };
    const drains = await Promise.all([1, 2, 3].map(() => deliverPair(app.running.ctx, slow, key)));
    expect(drains.reduce((a, b) => a + b, 0)).toBe(6);
    expect(order).toEqual(texts6);
    expect(most).toBe(1);
  });

  it('records one message.sent event with Meta id per message sent', async () => {
    const { key, threadId } = await aPair([
      ['a', 'queued'],
      ['b', 'queued'],
    ]);
    await deliverPair(app.running.ctx, new ScriptedGateway(), key);
    const events = await app.sql<{ provider: string }>(
      `SELECT payload->>'providerMessageId' AS provider FROM domain_events
        WHERE thread_id = $1 AND type = 'message.sent' ORDER BY id`,
      [threadId],
    );
    const rows = await statuses(threadId);
    expect(events.map((e) => e.provider)).toEqual(rows.map((r) => r.provider_message_id));
  });

  it('never resends a message that already has a provider id', async () => {
    const { key, threadId } = await aPair([
      ['known to Meta', 'queued', 'wamid.already'],
      ['new', 'queued'],
    ]);
    const gateway = new ScriptedGateway();
    expect(await deliverPair(app.running.ctx, gateway, key)).toBe(1);
    expect(texts(gateway)).toEqual(['new']);
    expect((await statuses(threadId))[0]).toMatchObject({
      status: 'sent',
      provider_message_id: 'wamid.already',
    });
  });

  it('puts a rate-limited message back in the queue and stops the pair there, in order, with a deferred drain', async () => {
    const { key, threadId } = await aPair([
      ['one', 'queued'],
      ['two', 'queued'],
      ['three', 'queued'],
    ]);
    const gateway = new ScriptedGateway((_, n) =>
      n === 2
        ? { ok: false, kind: 'retry', code: 'rate_limited', title: 'paced', retryAfterMs: 60_000 }
        : undefined,
    );
    expect(await deliverPair(app.running.ctx, gateway, key)).toBe(1);
    expect(texts(gateway)).toEqual(['one', 'two']);
    expect((await statuses(threadId)).map((r) => r.status)).toEqual(['sent', 'queued', 'queued']);
    const jobs = await app.sql<{ n: string }>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = 'deliver' AND data->>'contactId' = $1
          AND start_after > now() + interval '30 seconds'`,
      [key.contactId],
    );
    expect(Number(jobs[0]!.n)).toBe(1);
  });

  it('throws RetryLater on a transient refusal (5xx, 130429) so the job queue retries with backoff', async () => {
    const { key, threadId } = await aPair([
      ['one', 'queued'],
      ['two', 'queued'],
    ]);
    const gateway = new ScriptedGateway(() => ({
      ok: false,
      kind: 'retry',
      code: '130429',
      title: 'Rate limit hit',
    }));
    await expect(deliverPair(app.running.ctx, gateway, key)).rejects.toBeInstanceOf(RetryLater);
    expect(texts(gateway)).toEqual(['one']);
    expect((await statuses(threadId)).map((r) => r.status)).toEqual(['queued', 'queued']);
  });

  it("fails a message Meta refuses for good with Meta's reason, and goes on with the next", async () => {
    const { key, threadId } = await aPair([
      ['bad', 'queued'],
      ['good', 'queued'],
    ]);
    const gateway = new ScriptedGateway((text) =>
      text === 'bad'
        ? { ok: false, kind: 'permanent', code: '131009', title: 'Parameter value is not valid' }
        : undefined,
    );
    expect(await deliverPair(app.running.ctx, gateway, key)).toBe(1);
    const rows = await statuses(threadId);
    expect(rows.map((r) => r.status)).toEqual(['failed', 'sent']);
    expect(rows[0]!.error).toMatchObject({ code: '131009', title: 'Parameter value is not valid' });
  });

  it("keeps Meta's id of a sent message even when claiming the next one fails", async () => {
    const { key, threadId } = await aPair([
      ['one', 'queued'],
      ['two', 'queued'],
    ]);
    // The second claim (in the transaction that also records the first outcome) fails once.
    let claims = 0;
    const base = app.running.ctx;
    const ctx: AppContext = {
      ...base,
      uow: {
        read: (work) => base.uow.read(work),
        run: (work) =>
          base.uow.run((store) => {
            const delivery: Store['delivery'] = {
              ...store.delivery,
              claimNext: async (k, now) => {
                if (++claims === 2) throw new Error('connection lost');
                return store.delivery.claimNext(k, now);
              },
            };
            return work({ ...store, delivery });
          }),
      },
    };
    await expect(deliverPair(ctx, new ScriptedGateway(), key)).rejects.toThrow('connection lost');
    const rows = await statuses(threadId);
    expect(rows[0]).toMatchObject({
      status: 'sent',
      provider_message_id: expect.stringMatching(/^wamid\.out\./),
    });
    expect(rows[1]!.status).toBe('queued');
  });
});
