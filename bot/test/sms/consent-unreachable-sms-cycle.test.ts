import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Problem, Thread } from '@bridgeline/shared';
import { clientId, eventually, startTestApp, type Api, type TestApp } from '../support/test-app.js';

/**
 * The whole cycle through HTTP and both sandboxes (WhatsApp's simulated Cloud API, the SMS provider), as a member and
 * the contact would live it: consent asked on WhatsApp → the number can't be reached (131026) → "Continue by SMS" →
 * texts delivered with delivery reports → the contact texts STOP → a send is refused → START → texts flow again.
 */
let app: TestApp;
let alice: Api;
// Any number ending in 0000 can't be reached on WhatsApp in the sandbox (docs/sandbox.md).
const PHONE = '+14155560000';

beforeAll(async () => {
  app = await startTestApp({ whatsapp: 'sandbox' });
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

const thread = async (id: string) => (await alice.get<Thread>(`/api/v1/threads/${id}`)).body;
const messages = async (id: string) =>
  (await alice.get<{ items: Message[] }>(`/api/v1/threads/${id}/messages`)).body.items;
const say = (id: string, text: string) =>
  alice.post<Message | Problem>(`/api/v1/threads/${id}/messages`, { clientMessageId: clientId(), text });
const contactTexts = async (text: string) => {
  const r = await fetch(`${app.url}/sandbox/sms/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: PHONE, text }),
  });
  expect(r.status).toBe(201);
};
const phoneChat = async () => {
  const r = await fetch(`${app.url}/sandbox/sms`);
  const body = (await r.json()) as {
    chats: { contactPhone: string; messages: { from: string; text: string; state: string }[] }[];
  };
  return body.chats.find((c) => c.contactPhone === PHONE)?.messages ?? [];
};

describe('consent → unreachable → SMS → STOP → START (product.md §3.2, §8)', () => {
  it('runs end to end through HTTP and the sandbox', async () => {
    // 1. Consent asked on WhatsApp: the opt-in template fails with 131026.
    const wa = await alice.post<Thread>('/api/v1/threads', {
      channel: 'whatsapp',
      phone: PHONE,
      sendOptIn: true,
    });
    expect(wa.status).toBe(201);
    const unreachable = await eventually('WhatsApp says unreachable', async () => {
      const t = await thread(wa.body.id);
      return t.reachability === 'unreachable' && t;
    });
    // 2. One clear state with the offer: Alice has an SMS number, the contact a phone.
    expect(unreachable.smsFallback).toBe(true);
    const failed = (await messages(wa.body.id)).find((m) => m.status === 'failed');
    expect(failed?.error?.code).toBe('131026');

    // 3. "Continue by SMS": one call opens an SMS thread with the same contact.
    const sms = await alice.post<Thread>('/api/v1/threads', {
      channel: 'sms',
      contactId: unreachable.contact.id,
    });
    expect(sms.status).toBe(201);
    expect(sms.body).toMatchObject({
      channel: 'sms',
      contact: { id: unreachable.contact.id },
      smsFallback: false,
    });
    const first = await say(sms.body.id, 'We could not reach you on WhatsApp: is SMS fine?');
    expect(first.status).toBe(201);
    await eventually('the SMS delivered, by its delivery report', async () => {
      const m = (await messages(sms.body.id)).find((x) => x.id === (first.body as Message).id);
      return m?.status === 'delivered';
    });
    expect(await phoneChat()).toEqual([
      expect.objectContaining({
        from: 'business',
        text: 'We could not reach you on WhatsApp: is SMS fine?',
        state: 'delivered',
      }),
    ]);

    // 4. The contact texts STOP: opted out of that SMS number at once; a send is refused.
    await contactTexts('STOP');
    await eventually('opted out', async () => (await thread(sms.body.id)).consent === 'opted_out');
    const refused = await say(sms.body.id, 'Are you there?');
    expect(refused).toMatchObject({ status: 409, body: { code: 'opted_out' } });

    // 5. START: opted back in; texts flow again.
    await contactTexts('Start');
    await eventually('opted in', async () => (await thread(sms.body.id)).consent === 'opted_in');
    const again = await say(sms.body.id, 'Welcome back');
    expect(again.status).toBe(201);
    await eventually('the text reached the phone', async () =>
      (await phoneChat()).some((m) => m.from === 'business' && m.text === 'Welcome back'),
    );
    const kinds = await app.sql<{ kind: string }>(
      `SELECT e.kind FROM consent_events e JOIN contacts c ON c.id = e.contact_id WHERE c.phone_e164 = $1 ORDER BY e.id`,
      [PHONE],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['requested', 'unreachable', 'opted_out', 'opted_in']);
  });
});
