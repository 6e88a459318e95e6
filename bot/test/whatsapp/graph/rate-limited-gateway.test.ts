import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage, SendOutcome, WhatsAppGateway } from '../../../src/ports/index.js';
import { RateLimitedGateway } from '../../../src/whatsapp/graph/rate-limited.gateway.js';
import { TestClock, startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
let tenantId: string;

beforeAll(async () => {
  app = await startTestApp();
  tenantId = (await app.sql<{ id: string }>(`SELECT id FROM tenants WHERE name = 'Contoso'`))[0]!.id;
});
afterAll(async () => app?.stop());

let n = 0;
function aMessage(numberId: string, contactId: string): OutboundMessage {
  n++;
  return {
    channel: 'whatsapp',
    from: {
      id: numberId,
      tenantId,
      channel: 'whatsapp',
      providerNumberId: '1',
      displayPhone: '1',
      region: 'us',
    },
    to: {
      id: contactId,
      tenantId,
      displayName: null,
      phoneE164: '+14155550000',
      waId: '14155550000',
      bsuid: null,
      username: null,
      createdAt: new Date(),
    },
    messageId: `m-${n}`,
    content: { type: 'text', text: 'hi' },
  };
}

class CountingGateway implements WhatsAppGateway {
  sent = 0;
  async send(): Promise<SendOutcome> {
    this.sent++;
    return { ok: true, providerMessageId: `wamid.${this.sent}` };
  }
}

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('rate-limited sending (buckets in PostgreSQL)', () => {
  it('paces one contact: three at once, then asks deliver-pair to retry after the wait', async () => {
    const clock = new TestClock();
    const inner = new CountingGateway();
    const gateway = new RateLimitedGateway(
      inner,
      app.running.db.uow,
      {
        number: { perSecond: 80, burst: 80 },
        contact: { perSecond: 1 / 6, burst: 3 },
      },
      { clock },
    );
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await gateway.send(aMessage(uuid(1), uuid(2))));
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false]);
    expect(outcomes[3]).toMatchObject({
      ok: false,
      kind: 'retry',
      code: 'rate_limited',
      retryAfterMs: 6_000,
    });
    clock.advance(6_000);
    expect((await gateway.send(aMessage(uuid(1), uuid(2)))).ok).toBe(true);
    expect(inner.sent).toBe(4);
  });

  it('holds a business number to its rate across concurrent senders sharing the database', async () => {
    const clock = new TestClock();
    const inner = new CountingGateway();
    const waits: number[] = [];
    // Several gateways stand for several worker processes: only the rows in PostgreSQL are shared.
    const gateways = Array.from(
      { length: 4 },
      () =>
        new RateLimitedGateway(
          inner,
          app.running.db.uow,
          {
            number: { perSecond: 10, burst: 10 },
            contact: { perSecond: 100, burst: 100 },
          },
          {
            clock,
            maxInlineWaitMs: 0,
          },
        ),
    );
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => gateways[i % 4]!.send(aMessage(uuid(3), uuid(100 + i)))),
    );
    for (const r of results) if (!r.ok && r.retryAfterMs !== undefined) waits.push(r.retryAfterMs);
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(inner.sent).toBe(10);
    expect(waits).toHaveLength(30);
  });

  it('sleeps through a short wait for the number instead of requeueing', async () => {
    const clock = new TestClock();
    const inner = new CountingGateway();
    const slept: number[] = [];
    const gateway = new RateLimitedGateway(
      inner,
      app.running.db.uow,
      {
        number: { perSecond: 10, burst: 1 },
        contact: { perSecond: 100, burst: 100 },
      },
      {
        clock,
        sleep: async (ms) => {
          slept.push(ms);
          clock.advance(ms);
        },
      },
    );
    expect((await gateway.send(aMessage(uuid(4), uuid(200)))).ok).toBe(true);
    expect((await gateway.send(aMessage(uuid(4), uuid(201)))).ok).toBe(true);
    expect(slept).toEqual([100]);
  });
});
