import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Thread } from '@bridgeline/shared';
import { BUTTON_PAYLOADS } from '../../../src/domain/consent.js';
import { clientId, newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';
import { aBody, aStatus, messagesValue, wamid, type Json } from './webhook-builders.js';
import { waIdOf, webhookHelpers } from './webhook-app.js';

let app: TestApp;
let alice: Api;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

const { post, count } = webhookHelpers(() => app);

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
