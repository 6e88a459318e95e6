import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveHealth, ArchiveSinkStatus, Message, Thread } from '@bridgeline/shared';
import { BUTTON_PAYLOADS } from '../../../src/domain/consent.js';
import {
  clientId,
  eventually,
  newPhone,
  startTestApp,
  type Api,
  type TestApp,
} from '../../support/test-app.js';

const SECRET = 'crm-webhook-secret-for-tests';

/** What the CRM's endpoint saw of one request, and what it answered. */
interface Hit {
  seq: number;
  tenant: string | undefined;
  idempotencyKey: string | undefined;
  signed: boolean;
  body: Record<string, unknown>;
  status: number;
}

let server: Server;
let answer = 200;
const hits: Hit[] = [];
let app: TestApp;
let alice: Api;
let tenantId: string;

/** The receiver's side: the HMAC recomputed over the raw bytes it read, compared in constant time. */
const verifies = (raw: Buffer, header: string | undefined) => {
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`);
  const got = Buffer.from(header ?? '');
  return got.length === expected.length && timingSafeEqual(got, expected);
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const header = (name: string) => req.headers[name] as string | undefined;
      hits.push({
        seq: Number(header('x-bridgeline-record')),
        tenant: header('x-bridgeline-tenant'),
        idempotencyKey: header('idempotency-key'),
        signed: req.method === 'POST' && verifies(raw, header('x-bridgeline-signature')),
        body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
        status: answer,
      });
      // Two statements: restify, loaded in this process, patches ServerResponse and its writeHead answers nothing.
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end(answer === 200 ? 'ok' : 'refused by the test');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  app = await startTestApp({
    env: { CRM_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/bridgeline`, CRM_WEBHOOK_SECRET: SECRET },
  });
  alice = app.api(await app.token('alice@contoso.test'));
  tenantId = (
    await app.sql<{ id: string }>(`SELECT tenant_id AS id FROM members WHERE email = 'alice@contoso.test'`)
  )[0]!.id;
});
afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

const accepted = () => hits.filter((h) => h.status >= 200 && h.status < 300 && h.tenant === tenantId);
const headSeq = async () =>
  Number(
    (await app.sql<{ seq: string }>('SELECT seq FROM archive_heads WHERE tenant_id = $1', [tenantId]))[0]
      ?.seq ?? 0,
  );
/** Waits until the CRM accepted every record of the tenant there is. */
const allPushed = () =>
  eventually('every record of the tenant accepted by the CRM', async () => {
    const head = await headSeq();
    return head > 0 && accepted().some((h) => h.seq === head) && head;
  });
const crmStatus = async () =>
  (await alice.get<ArchiveHealth>('/api/v1/admin/archive')).body.sinks.find((s) => s.sink === 'crm')!;
const statusWhere = (what: string, ok: (s: ArchiveSinkStatus) => boolean) =>
  eventually(what, async () => {
    const s = await crmStatus();
    return ok(s) && s;
  });
const retryNow = () => {
  app.clock.advance(5 * 60_000);
  app.running.archive.nudgeSinks();
};

async function conversation(text: string) {
  const phone = newPhone();
  const t = await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true });
  expect(t.status).toBe(201);
  await app.settle();
  await app.inbound(phone, { type: 'text', text: undefined, buttonPayload: BUTTON_PAYLOADS.accept });
  const m = await alice.post<Message>(`/api/v1/threads/${t.body.id}/messages`, {
    clientMessageId: clientId(),
    text,
  });
  expect(m.status).toBe(201);
  await app.settle();
}

describe('the CRM push (CRM_WEBHOOK_URL)', () => {
  it('POSTs every record of the tenant once, in seq order, signed over the raw body', async () => {
    await conversation('Hello from the CRM test');
    const head = await allPushed();

    const pushed = accepted();
    expect(pushed.map((h) => h.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    expect(pushed.every((h) => h.signed)).toBe(true);
    const rows = await app.sql<{ seq: string; type: string; payload: Record<string, unknown> }>(
      'SELECT seq, type, payload FROM archive_records WHERE tenant_id = $1 ORDER BY seq',
      [tenantId],
    );
    expect(pushed.map((h) => h.body)).toEqual(rows.map((r) => r.payload));
    expect(new Set(rows.map((r) => r.type))).toContain('message.status');
    expect(new Set(pushed.map((h) => h.idempotencyKey)).size).toBe(pushed.length);
  });

  it('tries a refused record again (a 500, then a 400) until it is taken, in order, and pushes nothing twice', async () => {
    const from = (await allPushed()) + 1;
    answer = 500;
    await conversation('Pushed across a CRM outage');
    const failing = await statusWhere('the push failing with the 500', (s) =>
      /HTTP 500/.test(s.lastError ?? ''),
    );
    expect(failing.backlog).toBeGreaterThan(0);
    expect(hits.filter((h) => h.status === 500).map((h) => h.seq)).toEqual([from]);

    answer = 400;
    retryNow();
    await statusWhere('the push failing with the 400', (s) => /HTTP 400/.test(s.lastError ?? ''));

    answer = 200;
    retryNow();
    const head = await allPushed();

    const seqs = accepted().map((h) => h.seq);
    expect(seqs).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const refused = hits.filter((h) => h.status !== 200);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(new Set(refused.map((h) => h.seq))).toEqual(new Set([from]));
    expect(refused.every((h) => h.signed && h.idempotencyKey === accepted()[from - 1]!.idempotencyKey)).toBe(
      true,
    );
    // A record sealed meanwhile (a late status of the conversation) is pushed too: the sink ends caught up.
    const healthy = await statusWhere(
      'the push healthy and caught up',
      (s) => s.failures === 0 && s.backlog === 0,
    );
    expect(healthy).toMatchObject({ lastError: null, lastDeliveredSeq: await headSeq() });
    expect(accepted().map((h) => h.seq)).toEqual(Array.from({ length: await headSeq() }, (_, i) => i + 1));
  });
});
