import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Thread } from '@bridgeline/shared';
import { newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';
import {
  aBody,
  aText,
  epoch,
  inboxDrained,
  messagesValue,
  metaJson,
  postWebhook,
  wamid,
  type Json,
} from './webhook-builders.js';

/**
 * Poison input (docs/whatsapp.md "Text Bridgeline cannot store as sent"): a signed batch is acknowledged once stored,
 * whatever its characters; each item stands alone.
 */

let app: TestApp;
let alice: Api;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

const waIdOf = (phone: string) => phone.slice(1);
async function post(body: Json | string) {
  const r = await postWebhook(app.url, typeof body === 'string' ? body : metaJson(body));
  await inboxDrained((text) => app.sql(text));
  return r;
}
const messagesOf = (wamids: string[]) =>
  app.sql<{ provider_message_id: string; text: string | null; thread_id: string }>(
    `SELECT provider_message_id, text, thread_id FROM messages WHERE provider_message_id = ANY($1::text[])
      ORDER BY provider_message_id`,
    [wamids],
  );

async function unassignedThreadOf(messageWamid: string): Promise<Thread> {
  const [row] = await app.sql<{ thread_id: string }>(
    `SELECT thread_id FROM messages WHERE provider_message_id = $1`,
    [messageWamid],
  );
  expect(row).toBeDefined();
  const queue = await alice.get<{ items: Thread[] }>('/api/v1/threads?state=unassigned&limit=100');
  const thread = queue.body.items.find((t) => t.id === row!.thread_id);
  expect(thread).toBeDefined();
  return thread!;
}

describe('poison characters in a signed webhook', () => {
  it('acknowledges a batch with a NUL in one text and a lone surrogate in a profile name, and stores every message with those characters made safe', async () => {
    const [a, b, c] = [newPhone(), newPhone(), newPhone()];
    const now = app.clock.now();
    const nul = aText(waIdOf(a), 'before\u0000after', now);
    const surrogate = aText(waIdOf(b), 'from a broken name', now);
    const sibling = aText(waIdOf(c), 'an ordinary message', now);
    const body = metaJson(
      aBody([
        messagesValue(waIdOf(a), [nul], 'Ana'),
        messagesValue(waIdOf(b), [surrogate], 'Bo\ud800b'),
        messagesValue(waIdOf(c), [sibling], 'Cy'),
      ]),
    );
    expect(body).toContain('\\u0000');
    expect(body).toContain('\\ud800');

    const r = await post(body);

    expect(r.status).toBe(200);
    const stored = await messagesOf([nul['id'], surrogate['id'], sibling['id']] as string[]);
    expect(new Map(stored.map((m) => [m.provider_message_id, m.text]))).toEqual(
      new Map([
        [nul['id'], 'before\ufffdafter'],
        [surrogate['id'], 'from a broken name'],
        [sibling['id'], 'an ordinary message'],
      ]),
    );
    const [named] = await app.sql<{ display_name: string }>(
      `SELECT display_name FROM contacts WHERE phone_e164 = $1`,
      [b],
    );
    expect(named?.display_name).toBe('Bo\ufffdb');
    // The signed bytes themselves are kept exactly as received.
    const [raw] = await app.sql<{ body: string }>(`SELECT body FROM webhook_events WHERE body LIKE $1`, [
      `%${nul['id'] as string}%`,
    ]);
    expect(raw?.body).toBe(body);
    const thread = await unassignedThreadOf(nul['id'] as string);
    const listed = await alice.get<{ items: Message[] }>(`/api/v1/threads/${thread.id}/messages`);
    expect(listed.body.items.map((m) => m.text)).toContain('before\ufffdafter');
  });

  it('stores nothing twice when the same poisoned body is delivered again', async () => {
    const phone = newPhone();
    const message = aText(waIdOf(phone), 'nul\u0000 and \udc00 alone', app.clock.now());
    const body = metaJson(aBody([messagesValue(waIdOf(phone), [message], 'Zed\u0000')]));
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    const stored = await messagesOf([message['id'] as string]);
    expect(stored.map((m) => m.text)).toEqual(['nul\ufffd and \ufffd alone']);
    const [events] = await app.sql<{ n: string }>(
      `SELECT count(*) AS n FROM webhook_events WHERE body LIKE $1`,
      [`%${message['id'] as string}%`],
    );
    expect(Number(events?.n)).toBe(1);
  });

  it('keeps a message it cannot read raw and rejected on its inbox row, and stores its siblings', async () => {
    const phone = newPhone();
    const now = app.clock.now();
    const broken = { from: waIdOf(phone), id: wamid(), timestamp: 'yesterday', type: 'text', text: 'x' };
    const sibling = aText(waIdOf(phone), 'the sibling', now);
    const body = aBody([messagesValue(waIdOf(phone), [broken, sibling])]);
    expect((await post(body)).status).toBe(200);
    expect((await messagesOf([sibling['id'] as string])).map((m) => m.text)).toEqual(['the sibling']);
    const [row] = await app.sql<{ state: string; error: string; payload: Json }>(
      `SELECT state, error, payload FROM webhook_inbox WHERE payload::text LIKE $1`,
      [`%${broken.id}%`],
    );
    expect(row?.state).toBe('rejected');
    expect(row?.error).toContain('timestamp');
    expect(JSON.stringify(row?.payload)).toContain('yesterday');
    // Delivered again, it is kept once.
    expect((await post(body)).status).toBe(200);
    const [n] = await app.sql<{ n: string }>(
      `SELECT count(*) AS n FROM webhook_inbox WHERE payload::text LIKE $1`,
      [`%${broken.id}%`],
    );
    expect(Number(n?.n)).toBe(1);
  });
});

describe('ids no index can hold', () => {
  it('keeps a message with an absurdly long id as rejected, stores its sibling, and ignores an absurd template name', async () => {
    const phone = newPhone();
    const now = app.clock.now();
    const long = aText(waIdOf(phone), 'long id', now, { id: `wamid.${'x'.repeat(5_000)}` });
    const sibling = aText(waIdOf(phone), 'short id', now);
    const body = aBody([messagesValue(waIdOf(phone), [long, sibling])]);
    (body['entry'] as Json[]).push({
      id: '200000000000001',
      changes: [
        {
          field: 'message_template_status_update',
          value: {
            event: 'APPROVED',
            message_template_id: 1,
            message_template_name: 'n'.repeat(5_000),
            message_template_language: 'en_US',
          },
        },
      ],
    });
    expect((await post(body)).status).toBe(200);
    expect((await messagesOf([sibling['id'] as string])).map((m) => m.text)).toEqual(['short id']);
    const [row] = await app.sql<{ state: string }>(
      `SELECT state FROM webhook_inbox WHERE payload::text LIKE '%xxxxxxxxxx%'`,
    );
    expect(row?.state).toBe('rejected');
  });
});

describe('senders Meta names in a form that is not a phone number', () => {
  it('stores a message from a wa_id that is not a valid number, routes it to Unassigned and lists it with its text', async () => {
    const message = aText('999123', 'from a short id', app.clock.now());
    expect((await post(aBody([messagesValue('999123', [message], 'Shorty')]))).status).toBe(200);
    const thread = await unassignedThreadOf(message['id'] as string);
    expect(thread.contact).toMatchObject({ waId: '999123', phone: null, displayName: 'Shorty' });
    const listed = await alice.get<{ items: Message[] }>(`/api/v1/threads/${thread.id}/messages`);
    expect(listed.body.items.map((m) => m.text)).toContain('from a short id');
    // The next message from the same id joins the same contact and thread.
    const again = aText('999123', 'and again', app.clock.now());
    expect((await post(aBody([messagesValue('999123', [again], 'Shorty')]))).status).toBe(200);
    expect((await messagesOf([again['id'] as string]))[0]?.thread_id).toBe(thread.id);
  });

  it('stores a message from a sender known only by a business-scoped user id, routes it to Unassigned and lists it', async () => {
    const id = wamid();
    const body = aBody([
      {
        contacts: [{ user_id: 'US.1234567890123456', profile: {} }],
        messages: [
          {
            from_user_id: 'US.1234567890123456',
            id,
            timestamp: epoch(app.clock.now()),
            type: 'text',
            text: { body: 'only a user id' },
          },
        ],
      },
    ]);
    expect((await post(body)).status).toBe(200);
    const thread = await unassignedThreadOf(id);
    expect(thread.contact).toMatchObject({ phone: null, waId: null });
    const listed = await alice.get<{ items: Message[] }>(`/api/v1/threads/${thread.id}/messages`);
    expect(listed.body.items.map((m) => m.text)).toContain('only a user id');
  });
});
