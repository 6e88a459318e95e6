import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Thread } from '@bridgeline/shared';
import { inboxItems } from '../../../src/whatsapp/webhook/webhook-inbox.js';
import { parseWebhook } from '../../../src/whatsapp/webhook/webhook-payload.parser.js';
import { newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';
import { aBody, aText, messagesValue, wamid } from './webhook-builders.js';
import { waIdOf, webhookHelpers } from './webhook-app.js';

let app: TestApp;
let alice: Api;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

const { post, messagesFrom } = webhookHelpers(() => app);

describe('webhook ingest', () => {
  it('stores a redelivered message once', async () => {
    const phone = newPhone();
    const body = aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'once', app.clock.now())])]);
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    expect(await messagesFrom(phone)).toHaveLength(1);
  });

  it('stores every message of a batch of several changes, in order', async () => {
    const a = newPhone();
    const b = newPhone();
    const now = app.clock.now();
    const r = await post(
      aBody([
        messagesValue(waIdOf(a), [aText(waIdOf(a), 'first', now), aText(waIdOf(a), 'second', now)]),
        messagesValue(waIdOf(b), [aText(waIdOf(b), 'other', now)]),
      ]),
    );
    expect(r.status).toBe(200);
    expect((await messagesFrom(a)).map((m) => m.text)).toEqual(['first', 'second']);
    expect((await messagesFrom(b)).map((m) => m.text)).toEqual(['other']);
  });

  it('stores an image as an image message and queues its download', async () => {
    const phone = newPhone();
    const image = {
      from: waIdOf(phone),
      id: wamid(),
      timestamp: String(Math.floor(app.clock.now().getTime() / 1000)),
      type: 'image',
      image: { id: '1479537139650973', mime_type: 'image/jpeg', sha256: 'abc=', caption: 'the receipt' },
    };
    expect((await post(aBody([messagesValue(waIdOf(phone), [image])]))).status).toBe(200);
    const [m] = await messagesFrom(phone);
    expect(m).toMatchObject({ type: 'image', text: 'the receipt' });
    const [media] = await app.sql<{ provider_media_id: string; direction: string }>(
      `SELECT provider_media_id, direction FROM media WHERE id = $1`,
      [m?.media_id],
    );
    expect(media).toEqual({ provider_media_id: '1479537139650973', direction: 'in' });
  });

  it('keeps a message type Bridgeline cannot show as unsupported instead of dropping it', async () => {
    const phone = newPhone();
    const location = {
      from: waIdOf(phone),
      id: wamid(),
      timestamp: String(Math.floor(app.clock.now().getTime() / 1000)),
      type: 'location',
      location: { latitude: 1, longitude: 2 },
    };
    expect((await post(aBody([messagesValue(waIdOf(phone), [location])]))).status).toBe(200);
    expect((await messagesFrom(phone)).map((m) => m.type)).toEqual(['unsupported']);
  });

  it('stores interactive replies as the chosen title and reactions as a line tied to the reacted message', async () => {
    const phone = newPhone();
    const now = app.clock.now();
    const first = aText(waIdOf(phone), 'hello', now);
    const interactive = {
      from: waIdOf(phone),
      id: wamid(),
      timestamp: String(Math.floor(now.getTime() / 1000)),
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'b1', title: 'Tuesday' } },
    };
    const reaction = {
      from: waIdOf(phone),
      id: wamid(),
      timestamp: String(Math.floor(now.getTime() / 1000)),
      type: 'reaction',
      reaction: { message_id: first['id'], emoji: '👍' },
    };
    expect((await post(aBody([messagesValue(waIdOf(phone), [first, interactive, reaction])]))).status).toBe(
      200,
    );
    expect((await messagesFrom(phone)).map((m) => m.text)).toEqual(['hello', 'Tuesday', 'Reacted 👍']);
  });

  it('resolves the Brazilian spelling without the 9th digit to the contact a member created with it', async () => {
    const r = await alice.post<Thread>('/api/v1/threads', {
      channel: 'whatsapp',
      phone: '+5511987651234',
      sendOptIn: true,
    });
    expect(r.status).toBe(201);
    await app.settle();
    const legacy = '551187651234';
    const reply = aText(legacy, 'oi', app.clock.now());
    expect((await post(aBody([messagesValue(legacy, [reply])]))).status).toBe(200);
    const rows = await app.sql<{ contact_id: string }>(
      `SELECT DISTINCT contact_id FROM messages WHERE thread_id = $1 OR provider_message_id = $2`,
      [r.body.id, reply['id']],
    );
    expect(rows).toHaveLength(1);
  });

  it('accepts a sender known only by a business-scoped user id', async () => {
    const body = aBody([
      {
        contacts: [{ profile: { name: 'Private', username: '@priv' }, user_id: 'US.9999000011112222' }],
        messages: [
          {
            from_user_id: 'US.9999000011112222',
            id: wamid(),
            timestamp: String(Math.floor(app.clock.now().getTime() / 1000)),
            type: 'text',
            text: { body: 'no number' },
          },
        ],
      },
    ]);
    expect((await post(body)).status).toBe(200);
    const [c] = await app.sql<{ phone_e164: string | null; bsuid: string; username: string }>(
      `SELECT phone_e164, bsuid, username FROM contacts WHERE bsuid = 'US.9999000011112222'`,
    );
    expect(c).toEqual({ phone_e164: null, bsuid: 'US.9999000011112222', username: '@priv' });
  });
});

describe('webhook under concurrency', () => {
  it('stores one row per message when Meta sends the same batch many times at once', async () => {
    const phone = newPhone();
    const now = app.clock.now();
    const body = aBody([
      messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'one', now), aText(waIdOf(phone), 'two', now)]),
    ]);
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect((await messagesFrom(phone)).map((m) => m.text)).toEqual(['one', 'two']);
    const [thread] = await app.sql<{ n: string }>(
      `SELECT count(DISTINCT m.thread_id) AS n FROM messages m JOIN contacts c ON c.id = m.contact_id
        WHERE c.phone_e164 = $1`,
      [phone],
    );
    expect(Number(thread?.n)).toBe(1);
  });

  it('stores every message of batches that name the same contacts in opposite orders', async () => {
    const a = newPhone();
    const b = newPhone();
    const now = app.clock.now();
    const batches = Array.from({ length: 8 }, (_, i) => {
      const [x, y] = i % 2 === 0 ? [a, b] : [b, a];
      return aBody([
        messagesValue(waIdOf(x), [aText(waIdOf(x), `x${i}`, now)]),
        messagesValue(waIdOf(y), [aText(waIdOf(y), `y${i}`, now)]),
      ]);
    });
    const answers = await Promise.all(batches.map((body) => post(body)));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect((await messagesFrom(a)).length + (await messagesFrom(b)).length).toBe(16);
  });
});

describe('webhook inbox', () => {
  it('sets aside an item that cannot be applied, with its error, and goes on with the rest of its lane', async () => {
    const phone = newPhone();
    const body = aBody([
      messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'after the poison', app.clock.now())]),
    ]);
    const parsed = parseWebhook(body);
    if (!parsed.ok) throw new Error('bad body');
    const lane = inboxItems(parsed)[0]!.lane;
    const [tenant] = await app.sql<{ id: string }>(`SELECT id FROM tenants WHERE name = 'Contoso'`);
    const [poison] = await app.sql<{ id: string }>(
      `INSERT INTO webhook_inbox (tenant_id, kind, provider_id, lane, payload, received_at)
       VALUES ($1, 'message', $2, $3, '{"not": "a webhook"}', now()) RETURNING id`,
      [tenant!.id, wamid(), lane],
    );
    expect((await post(body)).status).toBe(200);
    expect((await messagesFrom(phone)).map((m) => m.text)).toEqual(['after the poison']);
    const [row] = await app.sql<{ attempts: number; error: string; processed_at: Date | null }>(
      `SELECT attempts, error, processed_at FROM webhook_inbox WHERE id = $1`,
      [poison!.id],
    );
    expect(row).toMatchObject({ attempts: 1, processed_at: null });
    expect(row?.error).toContain('not a webhook body');
  });
});
