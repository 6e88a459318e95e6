import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, RateCard, Thread, Usage } from '@bridgeline/shared';
import { BUTTON_PAYLOADS } from '../../../src/domain/consent.js';
import { clientId, newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';
import { aBody, messagesValue, wamid, type Json } from './webhook-builders.js';
import { waIdOf, webhookHelpers } from './webhook-app.js';

/** The `pricing` object of statuses (issue 18): kept with the message, added up per month in the usage view. */
let app: TestApp;
let alice: Api;
let bob: Api;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
  bob = app.api(await app.token('bob@contoso.test'));
});
afterAll(async () => app?.stop());

const { post } = webhookHelpers(() => app);

/** A text Bob sent to a contact who opted in, and its wamid. */
async function sentByBob() {
  const phone = newPhone();
  const t = await bob.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true });
  await app.settle();
  const optIn = app.gateway.sent.find((m) => m.to.phoneE164 === phone)!;
  const accept = {
    from: waIdOf(phone),
    id: wamid(),
    timestamp: String(Math.floor(app.clock.now().getTime() / 1000)),
    type: 'button',
    button: { payload: BUTTON_PAYLOADS.accept, text: 'Start' },
    context: { from: '15550100001', id: optIn.providerMessageId },
  };
  expect((await post(aBody([messagesValue(waIdOf(phone), [accept])]))).status).toBe(200);
  const m = await bob.post<Message>(`/api/v1/threads/${t.body.id}/messages`, {
    clientMessageId: clientId(),
    text: 'Your documents are ready',
  });
  await app.settle();
  return app.gateway.sent.find((s) => s.messageId === m.body.id)!.providerMessageId;
}

/** The fixture's status (a service message inside the window), for this wamid, at this time. */
function pricedStatus(id: string, at: string, over: Json = {}): Json {
  const body = JSON.parse(
    readFileSync(new URL('../../fixtures/whatsapp/status-pricing.json', import.meta.url), 'utf8'),
  ) as { entry: { changes: { value: { statuses: Json[] } }[] }[] };
  const status = body.entry[0]!.changes[0]!.value.statuses[0]!;
  Object.assign(status, { id, timestamp: String(Date.parse(at) / 1000) }, over);
  return body as unknown as Json;
}

const usage = async (month: string) => (await alice.get<Usage>(`/api/v1/admin/usage?month=${month}`)).body;

describe('what messages cost', () => {
  it('keeps the pricing of each status with the message', async () => {
    const id = await sentByBob();
    expect((await post(pricedStatus(id, '2026-10-07T08:00:00Z'))).status).toBe(200);
    const rows = await app.sql<{
      pricing_model: string;
      pricing_type: string;
      pricing_category: string;
      billable: boolean;
    }>(
      `SELECT pricing_model, pricing_type, pricing_category, billable FROM message_statuses
        WHERE provider_message_id = $1 AND message_id IS NOT NULL`,
      [id],
    );
    expect(rows).toEqual([
      {
        pricing_model: 'PMP',
        pricing_type: 'free_customer_service',
        pricing_category: 'service',
        billable: false,
      },
    ]);
  });

  it('counts a service message inside the window as charged from October 2026, free in September, once per message', async () => {
    const october = await sentByBob();
    await post(pricedStatus(october, '2026-10-20T08:00:00Z'));
    // The same message's delivered status carries the same pricing: counted once.
    await post(pricedStatus(october, '2026-10-20T08:00:05Z', { status: 'delivered' }));
    const september = await sentByBob();
    await post(pricedStatus(september, '2026-09-20T08:00:00Z'));

    // October: this message and the first test's (the tests share the app, in order).
    const oct = await usage('2026-10');
    expect(oct.windowChargesFrom).toBe('2026-10-01');
    expect(oct.total).toMatchObject({ messages: 2, charged: 2 });
    expect(oct.chargedSinceOctober2026).toBe(2);
    expect(oct.byCategory).toEqual([expect.objectContaining({ key: 'service', messages: 2, charged: 2 })]);
    expect(oct.byMember).toEqual([expect.objectContaining({ label: 'Bob Smith', messages: 2 })]);
    expect(oct.byNumber).toEqual([expect.objectContaining({ label: '+1 555 010 0001', messages: 2 })]);
    // No rate card yet: charged messages have no estimate.
    expect(oct.total.estimated).toBeNull();

    const sept = await usage('2026-09');
    expect(sept.total).toMatchObject({ messages: 1, charged: 0, estimated: 0 });
  });

  it('estimates spend with the rate card an admin sets, and archives the change', async () => {
    const put = await alice.put<RateCard>('/api/v1/admin/rate-card', {
      currency: 'EUR',
      rates: [
        { category: 'service', price: 0.01 },
        { category: 'marketing', price: 0.05 },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      currency: 'EUR',
      rates: expect.arrayContaining([{ category: 'service', price: 0.01 }]),
    });
    const oct = await usage('2026-10');
    expect(oct.currency).toBe('EUR');
    expect(oct.total.estimated).toBeCloseTo(0.02, 6);
    const records = await app.sql<{ n: string }>(
      `SELECT count(*) AS n FROM archive_records WHERE type = 'admin.rate_card_updated'`,
    );
    expect(Number(records[0]?.n)).toBe(1);
  });

  it('refuses a bad rate card or month with words, and members with admin_only', async () => {
    const bad = await alice.put<{ code: string }>('/api/v1/admin/rate-card', {
      currency: 'euro',
      rates: [{ category: 'service', price: -1 }],
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
    const twice = await alice.put<{ code: string; detail: string }>('/api/v1/admin/rate-card', {
      rates: [
        { category: 'service', price: 1 },
        { category: 'service', price: 2 },
      ],
    });
    expect([twice.status, twice.body.code]).toEqual([400, 'validation_failed']);
    const month = await alice.get<{ code: string }>('/api/v1/admin/usage?month=2026-13');
    expect([month.status, month.body.code]).toEqual([400, 'validation_failed']);
    const member = await bob.get<{ code: string }>('/api/v1/admin/usage');
    expect([member.status, member.body.code]).toEqual([403, 'admin_only']);
  });
});
