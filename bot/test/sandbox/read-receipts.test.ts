import type { Message, Thread } from '@bridgeline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newPhone,
  startTestApp,
  type Api,
  type TestApp,
  eventually,
  phoneCall,
} from '../support/test-app.js';

/**
 * Read receipts through real HTTP: the contact writes from the sandbox's phone, the member reads the thread through the
 * REST API, and the app's Graph client marks the message read with the simulated Cloud API — whose phone page then
 * shows the contact's message as read by the business (blue ticks).
 */
let app: TestApp;
let alice: Api;

interface PhoneMessage {
  id: string;
  from: 'business' | 'contact';
  text: string | null;
  state: string;
}

const phone = <T>(method: string, path: string, body?: unknown) => phoneCall<T>(app.url, method, path, body);

const contactMessages = async (waId: string) =>
  (await phone<{ messages: PhoneMessage[] }>('GET', `/sandbox/phone/chats/${waId}`)).messages.filter(
    (m) => m.from === 'contact',
  );

beforeAll(async () => {
  app = await startTestApp({ whatsapp: 'sandbox' });
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

describe('read receipts through the sandbox', () => {
  it("shows the contact's messages as read on the phone once a member reads the thread", async () => {
    const phoneNumber = newPhone();
    const waId = phoneNumber.slice(1);
    await phone('POST', `/sandbox/phone/chats/${waId}/messages`, {
      type: 'text',
      text: 'Are you open today?',
    });
    await phone('POST', `/sandbox/phone/chats/${waId}/messages`, { type: 'text', text: 'And tomorrow?' });

    // The contact wrote first: an Unassigned thread, which Alice claims.
    const thread = await eventually('the contact’s thread with both messages', async () => {
      const queue = await alice.get<{ items: Thread[] }>('/api/v1/threads?state=unassigned');
      const found = queue.body.items.find((t) => t.contact.phone === phoneNumber);
      if (!found) return null;
      const items = (await alice.get<{ items: Message[] }>(`/api/v1/threads/${found.id}/messages`)).body
        .items;
      return items.filter((m) => m.direction === 'in').length === 2 && found;
    });
    expect((await alice.post(`/api/v1/threads/${thread.id}/claim`)).status).toBe(200);
    expect((await contactMessages(waId)).map((m) => m.state)).not.toContain('read');

    const items = (await alice.get<{ items: Message[] }>(`/api/v1/threads/${thread.id}/messages`)).body.items;
    const latest = items.find((m) => m.direction === 'in')!; // newest first
    expect((await alice.post(`/api/v1/threads/${thread.id}/read`, { upTo: latest.id })).status).toBe(204);

    // One receipt for the latest message; WhatsApp shows the earlier one read with it.
    const read = await eventually('both messages read on the phone', async () => {
      const mine = await contactMessages(waId);
      return mine.every((m) => m.state === 'read') && mine;
    });
    expect(read.map((m) => m.text)).toEqual(['Are you open today?', 'And tomorrow?']);
  });
});
