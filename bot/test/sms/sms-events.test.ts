import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Problem, Thread } from '@bridgeline/shared';
import { SANDBOX_SMS_EVENTS_SECRET } from '../../src/config.js';
import { clientId, eventually, startTestApp, type Api, type TestApp } from '../support/test-app.js';

/** Event Grid deliveries modelled on Microsoft's examples (articles/event-grid/communication-services-telephony-sms-events.md). */
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/sms/${name}`, import.meta.url), 'utf8'));

let app: TestApp;
let alice: Api;
const EVENTS = `/api/sms/events?code=${SANDBOX_SMS_EVENTS_SECRET}`;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(app.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const inboxCount = async () =>
  Number((await app.sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_inbox`))[0]?.n);
const smsEvent = (id: string, from: string, message: string) => ({
  id,
  topic: '/subscriptions/x/resourceGroups/x/providers/microsoft.communication/communicationservices/x',
  subject: '/phonenumber/15550100001',
  data: { messageId: id, from, to: '15550100001', message, receivedTimestamp: app.clock.now().toISOString() },
  eventType: 'Microsoft.Communication.SMSReceived',
  dataVersion: '1.0',
  metadataVersion: '1',
  eventTime: app.clock.now().toISOString(),
});
const messagesFrom = (phone: string) =>
  app.sql<{ text: string; direction: string; status: string; channel: string; error: unknown }>(
    `SELECT m.text, m.direction, m.status, t.channel, m.error FROM messages m JOIN threads t ON t.id = m.thread_id
      JOIN contacts c ON c.id = m.contact_id WHERE c.phone_e164 = $1 AND m.direction <> 'notice' ORDER BY m.seq`,
    [phone],
  );

describe('Event Grid at /api/sms/events (docs/admin.md, SMS)', () => {
  it('answers the Event Grid SubscriptionValidation handshake with the validation code', async () => {
    const res = await post(EVENTS, fixture('event-grid-subscription-validation.json'), {
      'aeg-event-type': 'SubscriptionValidation',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });
  });

  it("answers CloudEvents 1.0's OPTIONS handshake with the allowed origin, and 401 without the code", async () => {
    const ok = await fetch(app.url + EVENTS, {
      method: 'OPTIONS',
      headers: { 'webhook-request-origin': 'eventgrid.azure.net' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('webhook-allowed-origin')).toBe('eventgrid.azure.net');
    const refused = await fetch(`${app.url}/api/sms/events`, {
      method: 'OPTIONS',
      headers: { 'webhook-request-origin': 'eventgrid.azure.net' },
    });
    expect(refused.status).toBe(401);
  });

  it('refuses a wrong or missing code with 401 and stores nothing', async () => {
    const before = await inboxCount();
    for (const path of [
      '/api/sms/events',
      '/api/sms/events?code=wrong-code-of-the-same-size!',
      '/api/sms/events?code=',
    ]) {
      const res = await post(path, fixture('event-grid-sms-received.json'));
      expect(res.status).toBe(401);
      expect(((await res.json()) as Problem).code).toBe('unauthorized');
    }
    expect(await inboxCount()).toBe(before);
  });

  it('stores an SMSReceived before the 200 and routes it like WhatsApp: a new Unassigned SMS thread, once per message id', async () => {
    const body = fixture('event-grid-sms-received.json');
    const res = await post(EVENTS, body);
    expect(res.status).toBe(200);
    // In the inbox already when Event Grid has its answer.
    const [item] = await app.sql<{ kind: string; provider_id: string }>(
      `SELECT kind, provider_id FROM webhook_inbox WHERE provider_id LIKE 'sms:Incoming_20260302090000%'`,
    );
    expect(item).toEqual({
      kind: 'message',
      provider_id: 'sms:Incoming_20260302090000d29ebbea-3341-4466-9690-0a03af35228e',
    });
    expect((await post(EVENTS, body)).status).toBe(200);
    const stored = await eventually('the SMS applied', async () => {
      const rows = await messagesFrom('+14155550142');
      return rows.length > 0 && rows;
    });
    expect(stored).toEqual([
      {
        text: 'Hi, is my appointment still on?',
        direction: 'in',
        status: 'delivered',
        channel: 'sms',
        error: null,
      },
    ]);
    const [thread] = await app.sql<{ unassigned: boolean }>(
      `SELECT t.unassigned FROM threads t JOIN contacts c ON c.id = t.contact_id WHERE c.phone_e164 = '+14155550142'`,
    );
    expect(thread?.unassigned).toBe(true);
  });

  it('reads a CloudEvents 1.0 delivery too', async () => {
    expect(
      (
        await post(EVENTS, fixture('cloudevents-sms-received.json'), {
          'content-type': 'application/cloudevents+json',
        })
      ).status,
    ).toBe(200);
    await eventually('the CloudEvent applied', async () => (await messagesFrom('+14155550143')).length === 1);
  });

  it('answers 400 for a malformed event and stores its siblings', async () => {
    const good = smsEvent('Incoming_sibling-1', '14155550144', 'the good sibling');
    const bad = { ...smsEvent('Incoming_sibling-2', '14155550144', 'x'), data: { from: '14155550144' } };
    const res = await post(EVENTS, [good, bad]);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('validation_failed');
    expect(problem.detail).toMatch(/event 1 \(Incoming_sibling-2\): data\.messageId/);
    await eventually('the sibling applied', async () => (await messagesFrom('+14155550144')).length === 1);
  });

  it('merges a delivery report into the status: Failed carries the carrier reason', async () => {
    const phone = '+14155550145';
    const t = await alice.post<Thread>('/api/v1/threads', { channel: 'sms', phone });
    expect(t.status).toBe(201);
    // No delivery report from the sandbox: this test posts its own.
    app.running.smsSandbox!.settings = { deliveryReports: 'off', reportDelayMs: 0 };
    const sent = await alice.post<Message>(`/api/v1/threads/${t.body.id}/messages`, {
      clientMessageId: clientId(),
      text: 'Your appointment is at 10',
    });
    expect(sent.status).toBe(201);
    await app.settle();
    const [row] = await app.sql<{ provider_message_id: string; status: string }>(
      'SELECT provider_message_id, status FROM messages WHERE id = $1',
      [sent.body.id],
    );
    expect(row?.status).toBe('sent');
    const [report] = fixture('event-grid-delivery-report.json') as [{ data: Record<string, unknown> }];
    report.data = { ...report.data, messageId: row!.provider_message_id, to: phone, Tag: sent.body.id };
    expect((await post(EVENTS, [report])).status).toBe(200);
    const failed = await eventually('the report applied', async () => {
      const [m] = await messagesFrom(phone);
      return m?.status === 'failed' && m;
    });
    expect(failed.error).toEqual({ code: 'sms_undelivered', title: 'Unknown subscriber.' });
    // A duplicate (or a late Delivered) changes nothing.
    expect((await post(EVENTS, [report])).status).toBe(200);
    app.running.smsSandbox!.settings = { deliveryReports: 'delivered', reportDelayMs: 0 };
  });
});

describe('carrier keywords on SMS (product.md §8)', () => {
  const phone = '+14155550146';
  const text = (body: string) => app.running.smsSandbox!.contactSends({ from: phone, text: body });
  const consent = async () =>
    (
      await app.sql<{ state: string }>(
        `SELECT s.state FROM consents s JOIN contacts c ON c.id = s.contact_id JOIN business_numbers b
            ON b.id = s.business_number_id WHERE c.phone_e164 = $1 AND b.channel = 'sms'`,
        [phone],
      )
    )[0]?.state;

  it('opts out on " Stop ", refuses a later send with 409 opted_out, opts back in on START, answers HELP; each kept and archived', async () => {
    const t = await alice.post<Thread>('/api/v1/threads', { channel: 'sms', phone });
    expect(t.status).toBe(201);
    await text(' Stop ');
    await eventually('opted out', async () => (await consent()) === 'opted_out');
    const refused = await alice.post<Problem>(`/api/v1/threads/${t.body.id}/messages`, {
      clientMessageId: clientId(),
      text: 'still there?',
    });
    expect(refused).toMatchObject({ status: 409, body: { code: 'opted_out' } });
    await text('start');
    await eventually('opted in again', async () => (await consent()) === 'opted_in');
    await text('HELP');
    const chat = () => app.running.smsSandbox!.allChats().find((c) => c.contactPhone === phone);
    await eventually('the help text sent', () =>
      chat()?.messages.some((m) => m.from === 'business' && /Reply STOP to stop/.test(m.text)),
    );
    const evidence = await app.sql<{ kind: string; answer_text: string }>(
      `SELECT e.kind, e.answer_text FROM consent_events e JOIN contacts c ON c.id = e.contact_id
        WHERE c.phone_e164 = $1 ORDER BY e.id`,
      [phone],
    );
    expect(evidence).toEqual([
      { kind: 'opted_out', answer_text: ' Stop ' },
      { kind: 'opted_in', answer_text: 'start' },
      { kind: 'help', answer_text: 'HELP' },
    ]);
    const archived = await eventually('archived', async () => {
      const rows = await app.sql<{ type: string }>(
        `SELECT type FROM archive_records WHERE type LIKE 'consent.%' AND payload->'contact'->>'phone' = $1 ORDER BY seq`,
        [phone],
      );
      return rows.length === 3 && rows;
    });
    expect(archived.map((r) => r.type)).toEqual(['consent.opted_out', 'consent.opted_in', 'consent.help']);
  });
});
