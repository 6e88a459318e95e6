import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Problem, Thread } from '@bridgeline/shared';
import { receiveMessage } from '../../src/app/receive-message.use-case.js';
import type { DbStore } from '../../src/db/database.js';
import {
  clientId,
  newPhone,
  PHONE_NUMBER_ID,
  startTestApp,
  type Api,
  type TestApp,
} from '../support/test-app.js';

let app: TestApp;
let alice: Api;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

const inbound = (phone: string, providerMessageId: string, text: string) =>
  receiveMessage(app.running.ctx, {
    channel: 'whatsapp',
    providerNumberId: PHONE_NUMBER_ID,
    from: { waId: phone.slice(1) },
    providerMessageId,
    sentAt: app.clock.now(),
    type: 'text',
    text,
  });

/**
 * A thread Alice claimed, with eight more members (nine in all), and 19 members of the tenant created for the test:
 * the first eight are in the thread, the other eleven are free to be added.
 */
async function aClaimedThreadOfNine(tag: string): Promise<{ threadId: string; created: { id: string }[] }> {
  const [tenant] = await app.sql<{ id: string }>(`SELECT id FROM tenants WHERE name = 'Contoso'`);
  const created = await app.sql<{ id: string }>(
    `INSERT INTO members (tenant_id, email, display_name, region, enabled)
     SELECT $1, $2 || g || '@contoso.test', 'Member ' || $2 || ' ' || g, 'us', true FROM generate_series(1, 19) g
     RETURNING id`,
    [tenant!.id, tag],
  );
  const phone = newPhone();
  const r = await inbound(phone, `wamid.${tag}.${phone}`, 'hello');
  if (!r.ok || r.value.status !== 'stored') throw new Error('inbound failed');
  const threadId = r.value.threadId;
  await alice.post(`/api/v1/threads/${threadId}/claim`);
  for (const m of created.slice(0, 8)) {
    expect(
      (await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: m.id, shareHistory: false }))
        .status,
    ).toBe(201);
  }
  return { threadId, created };
}

describe('concurrency on PostgreSQL', () => {
  it('creates one thread when two messages from a new contact arrive at once', async () => {
    const phone = newPhone();
    const results = await Promise.all([
      inbound(phone, `wamid.race.a.${phone}`, 'one'),
      inbound(phone, `wamid.race.b.${phone}`, 'two'),
    ]);
    expect(results.every((r) => r.ok && r.value.status === 'stored')).toBe(true);
    const threads = await app.sql<{ id: string; n: string }>(
      `SELECT t.id, (SELECT count(*) FROM messages m WHERE m.thread_id = t.id AND m.direction = 'in') AS n
         FROM threads t JOIN contacts c ON c.id = t.contact_id WHERE c.phone_e164 = $1`,
      [phone],
    );
    expect(threads).toHaveLength(1);
    expect(Number(threads[0]?.n)).toBe(2);
  });

  it('stores one message when Meta delivers the same webhook message twice at once', async () => {
    const phone = newPhone();
    const id = `wamid.dup.${phone}`;
    const results = await Promise.all([inbound(phone, id, 'hi'), inbound(phone, id, 'hi')]);
    expect(results.map((r) => (r.ok ? r.value.status : r.code)).sort()).toEqual(['duplicate', 'stored']);
    expect(await app.sql('SELECT 1 FROM messages WHERE provider_message_id = $1', [id])).toHaveLength(1);
  });

  it('stores and sends one message when the same clientMessageId is sent twice at once', async () => {
    const phone = newPhone();
    const r = await inbound(phone, `wamid.cm.${phone}`, 'hello');
    if (!r.ok || r.value.status !== 'stored') throw new Error('inbound failed');
    await alice.post(`/api/v1/threads/${r.value.threadId}/claim`);
    const body = { clientMessageId: clientId(), text: 'only once' };
    const [a, b] = await Promise.all([
      alice.post<Message>(`/api/v1/threads/${r.value.threadId}/messages`, body),
      alice.post<Message>(`/api/v1/threads/${r.value.threadId}/messages`, body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    await app.settle();
    expect(
      app.gateway.sent.filter((m) => m.content.type === 'text' && m.content.text === 'only once'),
    ).toHaveLength(1);
    expect(
      await app.sql('SELECT 1 FROM messages WHERE client_message_id = $1', [body.clientMessageId]),
    ).toHaveLength(1);
  });

  it('leaves a thread of nine at ten when eleven members are added at once', async () => {
    const { threadId, created } = await aClaimedThreadOfNine('race');
    const answers = await Promise.all(
      created.slice(8).map((m) =>
        alice.post<Thread | Problem>(`/api/v1/threads/${threadId}/members`, {
          memberId: m.id,
          shareHistory: false,
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, (a.body as Problem).code])).toEqual(
      Array.from({ length: 10 }, () => [409, 'thread_full']),
    );
    const [count] = await app.sql<{ n: string }>(
      'SELECT count(*) AS n FROM thread_members WHERE thread_id = $1 AND left_at IS NULL',
      [threadId],
    );
    expect(Number(count?.n)).toBe(10);
  });

  it('answers 409 thread_full, never 500, to the losers of adds that race past the domain check to the trigger', async () => {
    const { threadId, created } = await aClaimedThreadOfNine('stale');
    // Every add reads the thread as it was with nine members and takes no lock, as if they all checked at once:
    // only the database's trigger stands between the thread and an eleventh member.
    const ctx = app.running.ctx;
    const real = ctx.uow;
    const nine = await real.read((store) => store.participants.active(threadId));
    expect(nine).toHaveLength(9);
    const stale = (store: DbStore): DbStore => ({
      ...store,
      threads: { ...store.threads, lock: (tenantId, id) => store.threads.byId(tenantId, id) },
      participants: {
        ...store.participants,
        active: async (id) => (id === threadId ? nine : store.participants.active(id)),
      },
    });
    ctx.uow = { read: real.read, run: (work) => real.run((store) => work(stale(store))) };
    let answers: { status: number; body: Thread | Problem }[];
    try {
      answers = await Promise.all(
        created.slice(8).map((m) =>
          alice.post<Thread | Problem>(`/api/v1/threads/${threadId}/members`, {
            memberId: m.id,
            shareHistory: false,
          }),
        ),
      );
    } finally {
      ctx.uow = real;
    }
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, (a.body as Problem).code])).toEqual(
      Array.from({ length: 10 }, () => [409, 'thread_full']),
    );
    const [count] = await app.sql<{ n: string }>(
      'SELECT count(*) AS n FROM thread_members WHERE thread_id = $1 AND left_at IS NULL',
      [threadId],
    );
    expect(Number(count?.n)).toBe(10);
    // A refused add leaves nothing behind: no notice of an addition that did not happen.
    const [notices] = await app.sql<{ n: string }>(
      `SELECT count(*) AS n FROM messages WHERE thread_id = $1 AND type = 'notice' AND notice_kind = 'member_added'`,
      [threadId],
    );
    expect(Number(notices?.n)).toBe(9);
  });
});

describe('constraints in the schema', () => {
  it('refuses an eleventh active member even when code is bypassed', async () => {
    const [row] = await app.sql<{ thread_id: string; tenant_id: string }>(
      `SELECT thread_id, tenant_id FROM thread_members WHERE left_at IS NULL GROUP BY thread_id, tenant_id HAVING count(*) = 10 LIMIT 1`,
    );
    const [spare] = await app.sql<{ id: string }>(
      `SELECT id FROM members m WHERE email LIKE 'race%' AND NOT EXISTS
         (SELECT 1 FROM thread_members p WHERE p.member_id = m.id AND p.thread_id = $1) LIMIT 1`,
      [row!.thread_id],
    );
    await expect(
      app.sql(
        `INSERT INTO thread_members (tenant_id, thread_id, member_id, joined_at, history_from, last_activity_at)
         VALUES ($1, $2, $3, now(), now(), now())`,
        [row!.tenant_id, row!.thread_id, spare!.id],
      ),
    ).rejects.toThrow(/10 members/);
  });

  it('keeps consent evidence and the domain event log append-only', async () => {
    await expect(app.sql(`UPDATE consent_events SET answer_text = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(app.sql(`DELETE FROM consent_events`)).rejects.toThrow(/append-only/);
    await expect(app.sql(`DELETE FROM domain_events`)).rejects.toThrow(/append-only/);
  });

  it('never lets a thread point at another tenant’s contact', async () => {
    const [t] = await app.sql<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Other') RETURNING id`);
    const [c] = await app.sql<{ id: string }>(`SELECT id FROM contacts LIMIT 1`);
    const [n] = await app.sql<{ id: string }>(`SELECT id FROM business_numbers LIMIT 1`);
    await expect(
      app.sql(
        `INSERT INTO threads (tenant_id, business_number_id, contact_id, channel, region) VALUES ($1, $2, $3, 'whatsapp', 'us')`,
        [t!.id, n!.id, c!.id],
      ),
    ).rejects.toThrow(/foreign key/);
  });
});
