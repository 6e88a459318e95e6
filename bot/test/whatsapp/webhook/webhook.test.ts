import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Thread } from '@bridgeline/shared';
import { BUTTON_PAYLOADS } from '../../../src/domain/consent.js';
import { SANDBOX_VERIFY_TOKEN } from '../../../src/whatsapp/webhook/sandbox-credentials.js';
import { inboxItems } from '../../../src/whatsapp/webhook/webhook-inbox.js';
import { parseWebhook } from '../../../src/whatsapp/webhook/webhook-payload.parser.js';
import { clientId, newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';
import {
  aBody,
  aStatus,
  aText,
  messagesValue,
  inboxDrained,
  metaJson,
  postWebhook,
  wamid,
  type Json,
} from './webhook-builders.js';

let app: TestApp;
let alice: Api;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

const waIdOf = (phone: string) => phone.slice(1);
/** Posts like Meta, then waits for the workers to apply what the edge accepted. */
async function post(body: Json | string, opts?: Parameters<typeof postWebhook>[2]) {
  const r = await postWebhook(app.url, typeof body === 'string' ? body : metaJson(body), opts);
  await inboxDrained((text) => app.sql(text));
  return r;
}
const count = async (sql: string, params: unknown[] = []) =>
  Number((await app.sql<{ n: string }>(sql, params))[0]?.n ?? 0);
const messagesFrom = (phone: string) =>
  app.sql<{ type: string; text: string | null; provider_message_id: string; media_id: string | null }>(
    `SELECT m.type, m.text, m.provider_message_id, m.media_id FROM messages m JOIN contacts c ON c.id = m.contact_id
      WHERE c.phone_e164 = $1 AND m.direction = 'in' ORDER BY m.seq`,
    [phone],
  );

describe('webhook handshake', () => {
  const get = (q: string) => fetch(`${app.url}/api/whatsapp/webhook?${q}`);

  it('answers the challenge as plain text when the verify token matches', async () => {
    const res = await get(
      `hub.mode=subscribe&hub.verify_token=${SANDBOX_VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses a wrong verify token with 403', async () => {
    const res = await get('hub.mode=subscribe&hub.verify_token=not-the-token&hub.challenge=1');
    expect(res.status).toBe(403);
  });

  it('refuses a handshake without its parameters with 400', async () => {
    expect((await get('hub.mode=subscribe')).status).toBe(400);
  });
});

describe('webhook signature (raw bytes)', () => {
  it('refuses a body without a signature with 401 and stores nothing', async () => {
    const phone = newPhone();
    const r = await post(
      aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'hi', app.clock.now())])]),
      {
        signature: null,
      },
    );
    expect(r.status).toBe(401);
    expect(await messagesFrom(phone)).toHaveLength(0);
  });

  it('refuses a body signed with another secret with 401 and stores nothing', async () => {
    const phone = newPhone();
    const before = await count('SELECT count(*) AS n FROM webhook_events');
    const r = await post(
      aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'hi', app.clock.now())])]),
      {
        secret: 'someone-elses-secret',
      },
    );
    expect(r.status).toBe(401);
    expect(await messagesFrom(phone)).toHaveLength(0);
    expect(await count('SELECT count(*) AS n FROM webhook_events')).toBe(before);
  });

  it('accepts non-ASCII text escaped as \\uXXXX, checking the bytes as sent rather than re-serialised JSON', async () => {
    const phone = newPhone();
    const body = metaJson(
      aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'Olá, 日本 👋', app.clock.now())], 'José')]),
    );
    expect(body).toContain('\\u00e1');
    const r = await post(body);
    expect(r.status).toBe(200);
    expect((await messagesFrom(phone))[0]?.text).toBe('Olá, 日本 👋');
    const [raw] = await app.sql<{ body: string }>(`SELECT body FROM webhook_events WHERE body LIKE $1`, [
      `%${waIdOf(phone)}%`,
    ]);
    expect(raw?.body).toBe(body);
  });

  it('refuses the same bytes with one byte changed after signing', async () => {
    const phone = newPhone();
    const body = metaJson(
      aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'amount 100', app.clock.now())])]),
    );
    const good = await postWebhook(app.url, body.replace('100', '900'), {
      signature: (await import('../../../src/whatsapp/webhook/webhook-signature.js')).signBody(
        Buffer.from(body),
        (await import('../../../src/whatsapp/webhook/sandbox-credentials.js')).SANDBOX_APP_SECRET,
      ),
    });
    expect(good.status).toBe(401);
  });
});

describe('webhook body', () => {
  it('answers 400 to a signed body that is not JSON', async () => {
    expect((await postWebhook(app.url, '{"object": "whatsapp_business_account", ')).status).toBe(400);
  });

  it('answers 413 to a body over the size cap, before storing anything', async () => {
    const big = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [],
      pad: 'x'.repeat(4 * 1024 * 1024),
    });
    const r = await postWebhook(app.url, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text)).toMatchObject({ code: 'payload_too_large' });
  });

  it('acknowledges events of an unknown business number without storing them', async () => {
    const phone = newPhone();
    const r = await post(
      aBody([messagesValue(waIdOf(phone), [aText(waIdOf(phone), 'hi', app.clock.now())])], {
        phoneNumberId: '999999999999999',
      }),
    );
    expect(r.status).toBe(200);
    expect(await messagesFrom(phone)).toHaveLength(0);
  });

  it('tolerates unknown fields and subscriptions it does not handle', async () => {
    const phone = newPhone();
    const body = aBody([
      {
        ...messagesValue(waIdOf(phone), [
          aText(waIdOf(phone), 'hi', app.clock.now(), { brand_new: { x: 1 } }),
        ]),
        extra: true,
      },
    ]);
    (body['entry'] as Json[])[0]!['changes'] = [
      ...((body['entry'] as Json[])[0]!['changes'] as Json[]),
      { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
    ];
    expect((await post(body)).status).toBe(200);
    expect(await messagesFrom(phone)).toHaveLength(1);
  });
});

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

describe('webhook statuses', () => {
  async function sentMessage() {
    const phone = newPhone();
    const t = await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true });
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
    const m = await alice.post<Message>(`/api/v1/threads/${t.body.id}/messages`, {
      clientMessageId: clientId(),
      text: 'Your documents are ready',
    });
    await app.settle();
    const sent = app.gateway.sent.find((s) => s.messageId === m.body.id)!;
    return { phone, threadId: t.body.id, messageId: m.body.id, wamid: sent.providerMessageId };
  }
  const statusOf = async (id: string) =>
    (await app.sql<{ status: string }>(`SELECT status FROM messages WHERE id = $1`, [id]))[0]?.status;

  it('applies the template button: consent given by the Start payload', async () => {
    const { threadId } = await sentMessage();
    const t = await alice.get<Thread>(`/api/v1/threads/${threadId}`);
    expect(t.body.consent).toBe('opted_in');
  });

  it('never downgrades read when a late delivered arrives, and keeps each status once', async () => {
    const { messageId, wamid: id } = await sentMessage();
    const now = app.clock.now();
    const read = aBody([{ statuses: [aStatus(id, 'read', now)] }]);
    expect((await post(read)).status).toBe(200);
    expect((await post(aBody([{ statuses: [aStatus(id, 'delivered', now)] }]))).status).toBe(200);
    expect((await post(read)).status).toBe(200);
    expect(await statusOf(messageId)).toBe('read');
    expect(
      await count(`SELECT count(*) AS n FROM message_statuses WHERE provider_message_id = $1`, [id]),
    ).toBe(2);
  });

  // Each status is kept once per message, so each late failure gets its own message.
  it.each([
    ['delivered', 131049],
    ['delivered', 131026],
    ['delivered', 131047],
    ['read', 131049],
    ['read', 131026],
    ['read', 131047],
  ] as const)(
    'a late failed never downgrades %s (code %d): no error, no card, no unreachable, no resume template',
    async (reached, code) => {
      const { threadId, messageId, wamid: id, phone } = await sentMessage();
      const now = app.clock.now();
      expect((await post(aBody([{ statuses: [aStatus(id, reached, now)] }]))).status).toBe(200);
      const before = app.gateway.sent.filter((m) => m.to.phoneE164 === phone).length;
      const failed = aStatus(id, 'failed', now, { errors: [{ code, title: `Late failure ${code}` }] });
      expect((await post(aBody([{ statuses: [failed] }]))).status).toBe(200);
      await app.settle();
      const [row] = await app.sql<{ status: string; error: Json }>(
        `SELECT status, error FROM messages WHERE id = $1`,
        [messageId],
      );
      expect(row).toEqual({ status: reached, error: null });
      const t = await alice.get<Thread>(`/api/v1/threads/${threadId}`);
      expect(t.body.reachability).not.toBe('unreachable');
      expect(
        await count(
          `SELECT count(*) AS n FROM pgboss.job WHERE name = 'notify' AND data->>'subjectId' = $1`,
          [messageId],
        ),
      ).toBe(0);
      expect(app.gateway.sent.filter((m) => m.to.phoneE164 === phone).slice(before)).toEqual([]);
    },
  );

  it('keeps Meta code, title and details of a failed message for the member, and sends them a send-failed card', async () => {
    const { messageId, wamid: id } = await sentMessage();
    const failed = aStatus(id, 'failed', app.clock.now(), {
      errors: [
        {
          code: 131049,
          title: 'This message was not delivered to maintain healthy ecosystem engagement.',
          error_data: { details: 'In order to maintain a healthy ecosystem engagement, the message failed.' },
        },
      ],
    });
    expect((await post(aBody([{ statuses: [failed] }]))).status).toBe(200);
    const [row] = await app.sql<{ status: string; error: Json }>(
      `SELECT status, error FROM messages WHERE id = $1`,
      [messageId],
    );
    expect(row).toEqual({
      status: 'failed',
      error: {
        code: '131049',
        title: 'This message was not delivered to maintain healthy ecosystem engagement.',
        details: 'In order to maintain a healthy ecosystem engagement, the message failed.',
      },
    });
    // Most permanent failures come after Meta accepted the send: the sender hears of it in Teams too.
    const cards = await app.sql<{ kind: string; member_ids: string[] }>(
      `SELECT data->>'kind' AS kind, data->'memberIds' AS member_ids FROM pgboss.job
        WHERE name = 'notify' AND data->>'subjectId' = $1`,
      [messageId],
    );
    const [me] = await app.sql<{ id: string }>(`SELECT id FROM members WHERE email = 'alice@contoso.test'`);
    expect(cards).toEqual([{ kind: 'send_failed', member_ids: [me!.id] }]);
  });

  it('matches a status on our own id (biz_opaque_callback_data) when it outruns the send answer', async () => {
    const { threadId } = await sentMessage();
    const [row] = await app.sql<{ id: string }>(
      `INSERT INTO messages (tenant_id, thread_id, business_number_id, contact_id, direction, type, text, status, created_at)
       SELECT tenant_id, id, business_number_id, contact_id, 'out', 'text', 'racing', 'sending', now() FROM threads WHERE id = $1
       RETURNING id`,
      [threadId],
    );
    const id = wamid();
    const status = aStatus(id, 'delivered', app.clock.now(), { biz_opaque_callback_data: row!.id });
    expect((await post(aBody([{ statuses: [status] }]))).status).toBe(200);
    const [m] = await app.sql<{ status: string; provider_message_id: string }>(
      `SELECT status, provider_message_id FROM messages WHERE id = $1`,
      [row!.id],
    );
    expect(m).toEqual({ status: 'delivered', provider_message_id: id });
  });

  it('marks the contact unreachable on 131026, once', async () => {
    const { threadId, wamid: id } = await sentMessage();
    const failed = aStatus(id, 'failed', app.clock.now(), {
      errors: [{ code: 131026, title: 'Message undeliverable' }],
    });
    expect((await post(aBody([{ statuses: [failed] }]))).status).toBe(200);
    const t = await alice.get<Thread>(`/api/v1/threads/${threadId}`);
    expect(t.body.reachability).toBe('unreachable');
  });

  it('holds the message again on 131047 and sends the resume template once', async () => {
    const { threadId, messageId, wamid: id, phone } = await sentMessage();
    const before = app.gateway.sent.filter((m) => m.to.phoneE164 === phone).length;
    const failed = aStatus(id, 'failed', app.clock.now(), {
      errors: [{ code: 131047, title: 'Re-engagement message' }],
    });
    expect((await post(aBody([{ statuses: [failed] }]))).status).toBe(200);
    await app.settle();
    const [m] = await app.sql<{ status: string; provider_message_id: string | null }>(
      `SELECT status, provider_message_id FROM messages WHERE id = $1`,
      [messageId],
    );
    expect(m).toEqual({ status: 'held', provider_message_id: null });
    const after = app.gateway.sent.filter((s) => s.to.phoneE164 === phone).slice(before);
    expect(after.map((s) => s.content.type === 'template' && s.content.template.name)).toEqual([
      'bridgeline_resume',
    ]);
    // A late `sent` of the refused attempt does not revive it.
    expect(
      (
        await post(
          aBody([
            {
              statuses: [aStatus(id, 'delivered', app.clock.now(), { biz_opaque_callback_data: messageId })],
            },
          ]),
        )
      ).status,
    ).toBe(200);
    expect(
      (await app.sql<{ status: string }>(`SELECT status FROM messages WHERE id = $1`, [messageId]))[0]
        ?.status,
    ).toBe('held');
    expect(threadId).toBeTruthy();
  });
});
