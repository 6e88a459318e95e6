import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Problem, Thread } from '@bridgeline/shared';
import { applyStatus } from '../../../src/app/apply-status.use-case.js';
import { BUTTON_PAYLOADS } from '../../../src/domain/consent.js';
import { clientId, HOUR, newPhone, startTestApp, type Api, type TestApp } from '../../support/test-app.js';

let app: TestApp;
let alice: Api;

beforeAll(async () => {
  app = await startTestApp();
  alice = app.api(await app.token('alice@contoso.test'));
});
afterAll(async () => app?.stop());

async function threadWithOptIn(phone = newPhone()) {
  const r = await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone, sendOptIn: true });
  expect(r.status).toBe(201);
  await app.settle();
  return { thread: r.body, phone };
}
const sentTo = (phone: string) => app.gateway.sent.filter((m) => m.to.phoneE164 === phone);
const say = (threadId: string, text: string) =>
  alice.post<Message>(`/api/v1/threads/${threadId}/messages`, { clientMessageId: clientId(), text });
const messages = async (threadId: string) =>
  (await alice.get<{ items: Message[] }>(`/api/v1/threads/${threadId}/messages`)).body.items;
const thread = async (threadId: string) => (await alice.get<Thread>(`/api/v1/threads/${threadId}`)).body;

describe('consent (product.md §3)', () => {
  it('asks for confirmation (409 consent_required) and creates nothing when the contact has no consent', async () => {
    const phone = newPhone();
    const r = await alice.post<Problem>('/api/v1/threads', { channel: 'whatsapp', phone });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('consent_required');
    expect(sentTo(phone)).toHaveLength(0);
    const rows = await app.sql(
      `SELECT 1 FROM threads t JOIN contacts c ON c.id = t.contact_id WHERE c.phone_e164 = $1`,
      [phone],
    );
    expect(rows).toHaveLength(0);
  });

  it('sends the opt-in template with Start and Stop buttons once confirmed, and keeps the request as evidence', async () => {
    const { thread: t, phone } = await threadWithOptIn();
    expect(t.consent).toBe('requested');
    const [request] = sentTo(phone);
    expect(request?.content).toEqual({
      type: 'template',
      template: {
        name: 'bridgeline_opt_in',
        language: 'en_US',
        parameters: [],
        quickReplies: [BUTTON_PAYLOADS.accept, BUTTON_PAYLOADS.reject],
      },
    });
    const [evidence] = await app.sql<Record<string, unknown>>(
      `SELECT e.kind, e.template_name, e.template_language, m.email, msg.provider_message_id
         FROM consent_events e JOIN members m ON m.id = e.requested_by JOIN messages msg ON msg.id = e.request_message_id
         JOIN contacts c ON c.id = e.contact_id WHERE c.phone_e164 = $1`,
      [phone],
    );
    expect(evidence).toEqual({
      kind: 'requested',
      template_name: 'bridgeline_opt_in',
      template_language: 'en_US',
      email: 'alice@contoso.test',
      provider_message_id: request?.providerMessageId,
    });
  });

  it('holds messages typed before the contact answers and sends them in order once the contact accepts, after the confirmation', async () => {
    const { thread: t, phone } = await threadWithOptIn();
    expect((await say(t.id, 'first')).body.status).toBe('held');
    expect((await say(t.id, 'second')).body.status).toBe('held');
    expect(sentTo(phone)).toHaveLength(1);

    await app.inbound(phone, { type: 'text', text: undefined, buttonPayload: BUTTON_PAYLOADS.accept });

    // The contact sees the confirmation before the held messages it releases (product.md §7b).
    const texts = sentTo(phone).flatMap((m) => (m.content.type === 'text' ? [m.content.text] : []));
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/you can now receive messages/);
    expect(texts.slice(1)).toEqual(['first', 'second']);
    const after = await thread(t.id);
    expect(after).toMatchObject({ consent: 'opted_in', heldCount: 0, window: { open: true } });
    expect((await messages(t.id)).some((m) => m.notice?.kind === 'opted_in')).toBe(true);
  });

  it('tells members they can start the conversation when nothing was held at the opt-in', async () => {
    const { thread: t, phone } = await threadWithOptIn();
    await app.inbound(phone, { text: 'yes' });
    expect((await messages(t.id)).find((m) => m.notice?.kind === 'opted_in_nothing_held')?.text).toMatch(
      /start the conversation/,
    );
  });

  it('opts the contact out on Stop, disables sending and tells the contact how to opt back in', async () => {
    const { thread: t, phone } = await threadWithOptIn();
    await app.inbound(phone, { text: undefined, buttonPayload: BUTTON_PAYLOADS.reject });
    expect((await thread(t.id)).consent).toBe('opted_out');
    const refused = await say(t.id, 'hello?');
    expect(refused.status).toBe(409);
    expect((refused.body as unknown as Problem).code).toBe('opted_out');
    const last = sentTo(phone).at(-1);
    expect(last?.content).toMatchObject({ type: 'text', text: expect.stringMatching(/replying "yes"/) });
  });

  it('opts an opted-out contact back in when they reply "yes"', async () => {
    const { thread: t, phone } = await threadWithOptIn();
    await app.inbound(phone, { text: 'STOP' });
    await app.inbound(phone, { text: 'Yes' });
    expect((await thread(t.id)).consent).toBe('opted_in');
    expect((await say(t.id, 'welcome back')).body.status).toBe('queued');
    const kinds = await app.sql<{ kind: string }>(
      `SELECT e.kind FROM consent_events e JOIN contacts c ON c.id = e.contact_id WHERE c.phone_e164 = $1 ORDER BY e.id`,
      [phone],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['requested', 'opted_out', 'opted_in']);
    const [answer] = await app.sql<{ answer_text: string; answer_provider_message_id: string }>(
      `SELECT e.answer_text, e.answer_provider_message_id FROM consent_events e JOIN contacts c ON c.id = e.contact_id
        WHERE c.phone_e164 = $1 AND e.kind = 'opted_in'`,
      [phone],
    );
    expect(answer?.answer_text).toBe('Yes');
    expect(answer?.answer_provider_message_id).toMatch(/^wamid\./);
  });

  it('refuses to resend the opt-in within 24 hours and allows it after', async () => {
    const { thread: t, phone } = await threadWithOptIn();
    const early = await alice.post<Problem>(`/api/v1/threads/${t.id}/opt-in-requests`);
    expect(early.body.code).toBe('opt_in_too_soon');
    app.clock.advance(24 * HOUR);
    expect((await thread(t.id)).canResendOptIn).toBe(true);
    const later = await alice.post<Thread>(`/api/v1/threads/${t.id}/opt-in-requests`);
    expect(later.status).toBe(201);
    await app.settle();
    expect(sentTo(phone).filter((m) => m.content.type === 'template')).toHaveLength(2);
  });

  it('marks a contact unreachable when the opt-in fails with 131026, blocks WhatsApp and leaves SMS open', async () => {
    const phone = newPhone();
    app.gateway.failWhen((m) =>
      m.to.phoneE164 === phone
        ? { ok: false, kind: 'unreachable', code: '131026', title: 'Message undeliverable' }
        : null,
    );
    const { thread: t } = await threadWithOptIn(phone);
    const after = await thread(t.id);
    expect(after.reachability).toBe('unreachable');
    expect((await messages(t.id)).find((m) => m.notice?.kind === 'unreachable')?.text).toMatch(
      /can't be reached on WhatsApp/,
    );
    expect((await say(t.id, 'hi')).status).toBe(409);
    const sms = await alice.post<Thread>('/api/v1/threads', { channel: 'sms', contactId: t.contact.id });
    expect(sms.status).toBe(201);
    expect(sms.body.channel).toBe('sms');
  });

  it('needs no opt-in when the contact writes first', async () => {
    const phone = newPhone();
    await app.inbound(phone, { text: 'Hi, I have a question' });
    const r = await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone });
    expect(r.status).toBe(201);
    expect(r.body.consent).toBe('opted_in');
  });
});

describe('messages (product.md §5)', () => {
  it('merges delivery statuses monotonically: a late delivered never downgrades read, failed keeps Meta’s reason', async () => {
    const phone = newPhone();
    const { threadId } = await app.inbound(phone, { text: 'hello' });
    await alice.post(`/api/v1/threads/${threadId}/claim`);
    const sent = await say(threadId, 'status please');
    await app.settle();
    const [row] = await app.sql<{ provider_message_id: string }>(
      'SELECT provider_message_id FROM messages WHERE id = $1',
      [sent.body.id],
    );
    const wamid = row!.provider_message_id;
    const status = (s: 'delivered' | 'read' | 'failed') =>
      applyStatus(app.running.ctx, {
        providerMessageId: wamid,
        status: s,
        at: app.clock.now(),
        ...(s === 'failed' ? { error: { code: '131000', title: 'Something went wrong' } } : {}),
      });
    await status('read');
    await status('delivered');
    await status('failed');
    const after = (await messages(threadId)).find((m) => m.id === sent.body.id);
    expect(after?.status).toBe('read');
    const other = await say(threadId, 'this one fails');
    await app.settle();
    const [o] = await app.sql<{ provider_message_id: string }>(
      'SELECT provider_message_id FROM messages WHERE id = $1',
      [other.body.id],
    );
    await applyStatus(app.running.ctx, {
      providerMessageId: o!.provider_message_id,
      status: 'failed',
      at: app.clock.now(),
      error: { code: '131049', title: 'Meta chose not to deliver', details: 'healthy ecosystem' },
    });
    const failed = (await messages(threadId)).find((m) => m.id === other.body.id);
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: '131049', title: 'Meta chose not to deliver' },
    });
  });

  it('refuses a text over 4,096 characters and stores nothing', async () => {
    const phone = newPhone();
    const { threadId } = await app.inbound(phone, { text: 'hello' });
    await alice.post(`/api/v1/threads/${threadId}/claim`);
    const r = await alice.post<Problem>(`/api/v1/threads/${threadId}/messages`, {
      clientMessageId: clientId(),
      text: 'x'.repeat(4097),
    });
    expect(r).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect((await messages(threadId)).filter((m) => m.direction === 'out')).toHaveLength(0);
  });

  it('carries only text in an SMS thread: a template or an image is refused and nothing is stored (§8)', async () => {
    const sms = await alice.post<Thread>('/api/v1/threads', { channel: 'sms', phone: newPhone() });
    expect(sms.status).toBe(201);
    const post = (body: object) =>
      alice.post<Problem>(`/api/v1/threads/${sms.body.id}/messages`, {
        clientMessageId: clientId(),
        ...body,
      });
    const template = await post({ template: { name: 'appointment_reminder', language: 'en_US' } });
    expect(template).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(template.body.detail).toMatch(/SMS has no templates/);
    const image = await post({ mediaId: '00000000-0000-4000-8000-0000000000aa' });
    expect(image).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(image.body.detail).toMatch(/SMS carries text only/);
    expect(await messages(sms.body.id)).toHaveLength(0);
  });
});

describe('the 24-hour window (product.md §4)', () => {
  async function optedInContactWhoLastWrote(hoursAgo: number) {
    const phone = newPhone();
    const { threadId } = await app.inbound(phone, {
      text: 'hello',
      sentAt: new Date(app.clock.now().getTime() - hoursAgo * HOUR),
    });
    const claim = await alice.post<Thread>(`/api/v1/threads/${threadId}/claim`);
    expect(claim.status).toBe(200);
    return { threadId, phone };
  }

  it('sends at once when the contact wrote within 24 hours', async () => {
    const { threadId, phone } = await optedInContactWhoLastWrote(23);
    expect((await say(threadId, 'on it')).body.status).toBe('queued');
    await app.settle();
    expect(sentTo(phone).at(-1)?.content).toEqual({ type: 'text', text: 'on it' });
  });

  it('holds messages when the contact last wrote 25 hours ago and sends the resume template once per pause', async () => {
    const { threadId, phone } = await optedInContactWhoLastWrote(25);
    expect((await say(threadId, 'one')).body.status).toBe('held');
    expect((await say(threadId, 'two')).body.status).toBe('held');
    await app.settle();
    const sent = sentTo(phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.content).toMatchObject({
      type: 'template',
      template: { name: 'bridgeline_resume', quickReplies: [BUTTON_PAYLOADS.resume] },
    });
    const notice = (await messages(threadId)).find((m) => m.notice?.kind === 'window_closed_held');
    expect(notice?.text).toBe(
      "The contact hasn't written for more than 24 hours: your messages will be delivered when they resume the conversation.",
    );
    expect((await thread(threadId)).heldCount).toBe(2);
  });

  it('sends held messages in order when the contact taps Resume conversation', async () => {
    const { threadId, phone } = await optedInContactWhoLastWrote(30);
    await say(threadId, 'one');
    await say(threadId, 'two');
    await app.inbound(phone, { text: undefined, buttonPayload: BUTTON_PAYLOADS.resume });
    const texts = sentTo(phone).flatMap((m) => (m.content.type === 'text' ? [m.content.text] : []));
    expect(texts).toEqual(['one', 'two']);
    expect((await messages(threadId)).some((m) => m.notice?.kind === 'resumed')).toBe(true);
  });

  it('gives members the [Auto Message] notice when the contact resumes and nothing was held', async () => {
    const { threadId, phone } = await optedInContactWhoLastWrote(30);
    await alice.post(`/api/v1/threads/${threadId}/messages`, {
      clientMessageId: clientId(),
      template: { name: 'appointment_reminder', language: 'en_US', parameters: ['Tuesday'] },
    });
    await app.sql(
      `UPDATE consents SET resume_requested_at = $2 WHERE contact_id = (SELECT contact_id FROM threads WHERE id = $1)`,
      [threadId, app.clock.now()],
    );
    await app.inbound(phone, { text: 'back!' });
    expect((await messages(threadId)).find((m) => m.notice?.kind === 'resumed_nothing_held')?.text).toBe(
      '[Auto Message] The contact has resumed the conversation. You can now continue messaging with them.',
    );
  });

  it('sends an approved template outside the window', async () => {
    const { threadId, phone } = await optedInContactWhoLastWrote(48);
    const r = await alice.post<Message>(`/api/v1/threads/${threadId}/messages`, {
      clientMessageId: clientId(),
      template: { name: 'appointment_reminder', language: 'en_US', parameters: ['Tuesday'] },
    });
    expect(r.body.status).toBe('queued');
    await app.settle();
    expect(sentTo(phone).at(-1)?.content).toMatchObject({
      type: 'template',
      template: { parameters: ['Tuesday'] },
    });
  });

  it('counts the window from the time Meta stamped, so a late redelivery does not reopen it', async () => {
    const { threadId, phone } = await optedInContactWhoLastWrote(30);
    await app.inbound(phone, { text: 'old news', sentAt: new Date(app.clock.now().getTime() - 26 * HOUR) });
    const t = await thread(threadId);
    expect(t.window.open).toBe(false);
  });

  it('shares consent and window across all threads of the same contact', async () => {
    const { threadId, phone } = await optedInContactWhoLastWrote(1);
    const second = await alice.post<Thread>('/api/v1/threads', { channel: 'whatsapp', phone });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(threadId);
    expect(second.body).toMatchObject({ consent: 'opted_in', window: { open: true } });
  });
});

describe('automatic texts follow the window (product.md §7b)', () => {
  const textsTo = (phone: string) =>
    sentTo(phone).flatMap((m) => (m.content.type === 'text' ? [m.content.text] : []));
  const memberId = async (email: string) =>
    (await app.sql<{ id: string }>(`SELECT id FROM members WHERE email = $1`, [email]))[0]!.id;

  it('holds the opt-in confirmation when Meta stamped the Start tap more than 24 hours ago, and sends it before the held messages when the contact writes', async () => {
    const { thread: t, phone } = await threadWithOptIn();
    expect((await say(t.id, 'first')).body.status).toBe('held');
    await app.inbound(phone, {
      type: 'text',
      text: undefined,
      buttonPayload: BUTTON_PAYLOADS.accept,
      sentAt: new Date(app.clock.now().getTime() - 25 * HOUR),
    });
    expect((await thread(t.id)).consent).toBe('opted_in');
    expect(textsTo(phone)).toEqual([]);
    // Members' messages wait too: the contact is asked to resume, once.
    expect(sentTo(phone).at(-1)?.content).toMatchObject({ template: { name: 'bridgeline_resume' } });

    await app.inbound(phone, { text: 'hi again' });
    const texts = textsTo(phone);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/you can now receive messages/);
    expect(texts[1]).toBe('first');
  });

  it('holds "… left the conversation" when the contact has been silent for 2 days, without a template, and sends it when they write', async () => {
    const phone = newPhone();
    const { threadId } = await app.inbound(phone, {
      text: 'hello',
      sentAt: new Date(app.clock.now().getTime() - 48 * HOUR),
    });
    await alice.post(`/api/v1/threads/${threadId}/claim`);
    const bob = await memberId('bob@contoso.test');
    await alice.post(`/api/v1/threads/${threadId}/members`, { memberId: bob, shareHistory: false });
    expect((await alice.del(`/api/v1/threads/${threadId}/members/${bob}`)).status).toBeLessThan(300);
    await app.settle();
    expect(sentTo(phone)).toEqual([]);
    const held = await app.sql<{ text: string; status: string }>(
      `SELECT text, status FROM messages WHERE thread_id = $1 AND direction = 'out' ORDER BY seq`,
      [threadId],
    );
    expect(held.map((m) => m.status)).toEqual(['held', 'held']);

    await app.inbound(phone, { text: 'anyone there?' });
    expect(textsTo(phone)).toEqual(held.map((m) => m.text));
    expect(textsTo(phone).at(-1)).toMatch(/left the conversation/);
  });

  it('never holds the opt-out confirmation: a Stop stamped more than 24 hours ago is confirmed by nothing', async () => {
    const { thread: t, phone } = await threadWithOptIn();
    await app.inbound(phone, {
      text: undefined,
      buttonPayload: BUTTON_PAYLOADS.reject,
      sentAt: new Date(app.clock.now().getTime() - 25 * HOUR),
    });
    expect((await thread(t.id)).consent).toBe('opted_out');
    expect(textsTo(phone)).toEqual([]);
    expect(
      await app.sql(`SELECT 1 FROM messages WHERE thread_id = $1 AND status = 'held'`, [t.id]),
    ).toHaveLength(0);
  });
});
