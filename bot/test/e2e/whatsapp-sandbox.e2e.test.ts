import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOUR,
  clientId,
  newPhone,
  startTestApp,
  type Api,
  type TestApp,
  eventually,
  phoneCall,
} from '../support/test-app.js';

/**
 * One run through real HTTP: the member uses the REST API, the contact uses the sandbox's phone endpoints, and
 * everything between them is the app's Graph client calling the simulated Cloud API, and signed webhooks coming back.
 */

interface PhoneMessage {
  id: string;
  from: 'business' | 'contact';
  type: string;
  text: string | null;
  template: { name: string; buttons: { text: string; payload: string }[] } | null;
}
interface AppMessage {
  id: string;
  direction: string;
  type: string;
  text?: string;
  status: string;
}

let app: TestApp;
let api: Api;

const phone = <T>(method: string, path: string, body?: unknown) => phoneCall<T>(app.url, method, path, body);

const chatOf = (waId: string) => phone<{ messages: PhoneMessage[] }>('GET', `/sandbox/phone/chats/${waId}`);
const businessTexts = async (waId: string) =>
  (await chatOf(waId)).messages.filter((m) => m.from === 'business' && m.type === 'text').map((m) => m.text);
const templatesOn = async (waId: string, name: string) =>
  (await chatOf(waId)).messages.filter((m) => m.template?.name === name);

async function messages(threadId: string): Promise<AppMessage[]> {
  const r = await api.get<{ items: AppMessage[] }>(`/api/v1/threads/${threadId}/messages`);
  return r.body.items;
}
async function statusOf(threadId: string, id: string): Promise<string | undefined> {
  return (await messages(threadId)).find((m) => m.id === id)?.status;
}
async function send(threadId: string, text: string): Promise<AppMessage> {
  const r = await api.post<AppMessage>(`/api/v1/threads/${threadId}/messages`, {
    clientMessageId: clientId(),
    text,
  });
  expect(r.status).toBe(201);
  return r.body;
}
/** The delivery events the app recorded for one message, in order. */
async function deliveryTrail(messageId: string): Promise<string[]> {
  const rows = await app.sql<{ type: string }>(
    `SELECT type FROM domain_events WHERE payload->>'messageId' = $1 AND type IN ('message.sent', 'message.delivered', 'message.read') ORDER BY id`,
    [messageId],
  );
  return rows.map((r) => r.type);
}

beforeAll(async () => {
  // Per-contact pacing (one every 6 s) is real time and not what this run is about: loosened so it takes seconds.
  app = await startTestApp({
    whatsapp: 'sandbox',
    env: { WHATSAPP_CONTACT_INTERVAL_SECONDS: '0.05', WHATSAPP_CONTACT_BURST: '10' },
  });
  api = app.api(await app.token('alice@contoso.test'));
  await phone('PUT', '/sandbox/settings', { statusDelayMs: 10 });
});
afterAll(async () => {
  await app?.stop();
});

describe('WhatsApp end to end through the sandbox', () => {
  it('holds messages until the contact accepts, delivers them in order, and after 25 hours of silence holds again with one resume template until the contact resumes', async () => {
    const phoneNumber = newPhone();
    const waId = phoneNumber.slice(1);
    await phone('POST', `/sandbox/phone/chats/${waId}/profile`, { name: 'Erin Walsh' });

    // The member starts the thread with the opt-in request and writes two messages: both are held.
    const started = await api.post<{ id: string; consent: string }>('/api/v1/threads', {
      channel: 'whatsapp',
      phone: phoneNumber,
      sendOptIn: true,
    });
    expect(started.status).toBe(201);
    const threadId = started.body.id;
    const first = await send(threadId, 'First: your statement is ready.');
    const second = await send(threadId, 'Second: shall we talk on Monday?');
    expect([first.status, second.status]).toEqual(['held', 'held']);

    // The contact's phone shows the opt-in template with its buttons; nothing else reached them.
    const [optIn] = await eventually('the opt-in template on the phone', async () => {
      const found = await templatesOn(waId, 'bridgeline_opt_in');
      return found.length > 0 && found;
    });
    expect(optIn!.template!.buttons.map((b) => b.text)).toEqual(['Start conversation', 'Stop']);
    expect(await businessTexts(waId)).toEqual([]);

    // The contact taps "Start conversation".
    await phone('POST', `/sandbox/phone/chats/${waId}/messages`, {
      type: 'button',
      messageId: optIn!.id,
      index: 0,
    });
    await eventually('consent opted in', async () => {
      const t = await api.get<{ consent: string }>(`/api/v1/threads/${threadId}`);
      return t.body.consent === 'opted_in';
    });

    // Held messages reach the phone in order, then go sent → delivered; read once the phone shows them.
    await eventually('both held messages on the phone', async () => {
      const texts = await businessTexts(waId);
      return texts.includes(first.text!) && texts.includes(second.text!);
    });
    const texts = await businessTexts(waId);
    expect(texts.indexOf(first.text!)).toBeLessThan(texts.indexOf(second.text!));
    for (const m of [first, second]) {
      await eventually(`${m.text} delivered`, async () => (await statusOf(threadId, m.id)) === 'delivered');
    }
    await phone('POST', `/sandbox/phone/chats/${waId}/read`, {});
    for (const m of [first, second]) {
      await eventually(`${m.text} read`, async () => (await statusOf(threadId, m.id)) === 'read');
      expect(await deliveryTrail(m.id)).toEqual(['message.sent', 'message.delivered', 'message.read']);
    }

    // 25 hours later (the tap's webhook timestamp is the contact's last message), the window is closed.
    app.clock.advance(25 * HOUR);
    const thread = await api.get<{ window: { open: boolean } }>(`/api/v1/threads/${threadId}`);
    expect(thread.body.window.open).toBe(false);
    const third = await send(threadId, 'Third: a question about your account.');
    const fourth = await send(threadId, 'Fourth: and one more thing.');
    expect([third.status, fourth.status]).toEqual(['held', 'held']);

    // The resume template goes out once for this pause, not once per message; the held texts don't.
    const [resume] = await eventually('the resume template on the phone', async () => {
      const found = await templatesOn(waId, 'bridgeline_resume');
      return found.length > 0 && found;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await templatesOn(waId, 'bridgeline_resume')).toHaveLength(1);
    const sentSoFar = [first.text, second.text, third.text, fourth.text];
    expect((await businessTexts(waId)).filter((t) => sentSoFar.includes(t ?? undefined))).toEqual([
      first.text,
      second.text,
    ]);

    // The contact taps "Resume conversation": the held messages are delivered, in order.
    await phone('POST', `/sandbox/phone/chats/${waId}/messages`, {
      type: 'button',
      messageId: resume!.id,
      index: 0,
    });
    await eventually('the held messages after resuming', async () => {
      const now = await businessTexts(waId);
      return now.includes(third.text!) && now.includes(fourth.text!) && now;
    });
    expect((await businessTexts(waId)).filter((t) => sentSoFar.includes(t ?? undefined))).toEqual(sentSoFar);
    for (const m of [third, fourth]) {
      await eventually(`${m.text} delivered`, async () => (await statusOf(threadId, m.id)) === 'delivered');
    }
    expect(await templatesOn(waId, 'bridgeline_resume')).toHaveLength(1);
  });
});
