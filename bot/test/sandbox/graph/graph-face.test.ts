import { describe, expect, it } from 'vitest';
import type { GraphApiError } from '../../../src/whatsapp/graph/graph-errors.js';
import { GraphWhatsAppGateway } from '../../../src/whatsapp/graph/graph-whatsapp.gateway.js';
import type { BusinessNumberRecord, ContactRecord, OutboundMessage } from '../../../src/ports/index.js';
import { HOUR } from '../../support/test-app.js';
import { BUSINESS, contactWrites as writes, inboundOf, statusesOf, useSandbox } from '../sandbox-harness.js';

const sandbox = useSandbox();
const { newWaId } = sandbox;
const contactWrites = (waId: string, text?: string) => writes(sandbox.h, waId, text);

function outbound(
  waId: string,
  content: OutboundMessage['content'],
  messageId = `m-${waId}`,
): OutboundMessage {
  return {
    channel: 'whatsapp',
    from: { providerNumberId: BUSINESS.phoneNumberId } as BusinessNumberRecord,
    to: { waId, phoneE164: `+${waId}` } as ContactRecord,
    messageId,
    content,
  };
}

const optIn = {
  name: 'bridgeline_opt_in',
  language: 'en_US',
  parameters: [],
  quickReplies: ['BRIDGELINE_OPT_IN', 'BRIDGELINE_OPT_OUT'],
};

describe("Meta's side of the sandbox: the simulated Cloud API", () => {
  it('answers a template send like Meta and posts signed statuses sent then delivered, echoing our message id', async () => {
    const waId = newWaId();
    const sent = await sandbox.h.client.sendTemplate(
      BUSINESS.phoneNumberId,
      waId,
      {
        name: 'bridgeline_opt_in',
        language: 'en_US',
        quickReplyPayloads: ['BRIDGELINE_OPT_IN', 'BRIDGELINE_OPT_OUT'],
      },
      { bizOpaque: 'msg-1' },
    );
    expect(sent).toEqual({
      wamid: expect.stringMatching(/^wamid\./),
      waId,
      input: waId,
      messageStatus: 'accepted',
    });
    await sandbox.h.waitFor((hooks) => statusesOf(hooks).filter((s) => s.wamid === sent.wamid).length === 2);
    const mine = sandbox.h.webhooks.filter((w) => statusesOf([w]).some((s) => s.wamid === sent.wamid));
    expect(mine.every((w) => w.signed && w.parsed)).toBe(true);
    const statuses = statusesOf(mine);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered']);
    expect(statuses[0]).toMatchObject({
      bizOpaque: 'msg-1',
      recipient: { waId },
      timestamp: new Date(Math.floor(sandbox.h.clock.now().getTime() / 1000) * 1000),
      conversation: { originType: 'utility' },
    });
    expect(mine[0]!.body).toMatchObject({
      object: 'whatsapp_business_account',
      entry: [{ id: BUSINESS.wabaId }],
    });
  });

  it('refuses a template with the wrong number of parameters (132000) or an unknown name (132001)', async () => {
    const waId = newWaId();
    await expect(
      sandbox.h.client.sendTemplate(BUSINESS.phoneNumberId, waId, {
        name: 'appointment_reminder',
        language: 'en_US',
      }),
    ).rejects.toMatchObject({ code: 132000 });
    await expect(
      sandbox.h.client.sendTemplate(BUSINESS.phoneNumberId, waId, {
        name: 'spring_promotion',
        language: 'en_US',
      }),
    ).rejects.toMatchObject({ code: 132001, httpStatus: 404 });
  });

  it('refuses free-form text outside the 24-hour window with 131047, accepts it after the contact writes, and refuses it again 25 hours later', async () => {
    const waId = newWaId();
    const gateway = new GraphWhatsAppGateway({ client: sandbox.h.client });
    expect(await gateway.send(outbound(waId, { type: 'text', text: 'Hi' }))).toMatchObject({
      ok: false,
      kind: 'window_closed',
      code: '131047',
      title: 'Re-engagement message',
    });
    await contactWrites(waId);
    expect(await gateway.send(outbound(waId, { type: 'text', text: 'Hi' }))).toMatchObject({ ok: true });
    sandbox.h.clock.advance(25 * HOUR);
    expect(await gateway.send(outbound(waId, { type: 'text', text: 'Hi' }))).toMatchObject({
      ok: false,
      kind: 'window_closed',
    });
  });

  it('answers 131026 for numbers ending in 0000 and for numbers configured as unreachable', async () => {
    const gateway = new GraphWhatsAppGateway({ client: sandbox.h.client });
    expect(await gateway.send(outbound('14155550000', { type: 'template', template: optIn }))).toMatchObject({
      ok: false,
      kind: 'unreachable',
      code: '131026',
    });
    const waId = newWaId();
    await sandbox.h.settings({ unreachable: [waId] });
    expect(await gateway.send(outbound(waId, { type: 'template', template: optIn }))).toMatchObject({
      ok: false,
      kind: 'unreachable',
    });
  });

  it('can report 131026 the way Meta mostly does: accepted, then a failed status webhook', async () => {
    await sandbox.h.settings({ failuresAs: 'status' });
    const sent = await sandbox.h.client.sendTemplate(
      BUSINESS.phoneNumberId,
      '14155550000',
      { name: 'bridgeline_opt_in', language: 'en_US' },
      { bizOpaque: 'opt-in-1' },
    );
    await sandbox.h.waitFor((hooks) => statusesOf(hooks).some((s) => s.wamid === sent.wamid));
    const failed = statusesOf(sandbox.h.webhooks).find((s) => s.wamid === sent.wamid)!;
    expect(failed).toMatchObject({
      status: 'failed',
      bizOpaque: 'opt-in-1',
      errors: [{ code: 131026, title: 'Message undeliverable' }],
    });
  });

  it('answers 130429 to sends over the configured throughput of the business number', async () => {
    await sandbox.h.settings({ throughputPerSecond: 3 });
    const waId = newWaId();
    // A number of its own, so earlier tests' sends don't count against this second.
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        sandbox.h.client.sendTemplate('100000000000009', waId, {
          name: 'bridgeline_resume',
          language: 'en_US',
        }),
      ),
    );
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason as GraphApiError);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(refused.map((e) => [e.code, e.decision.kind])).toEqual([
      [130429, 'retry'],
      [130429, 'retry'],
      [130429, 'retry'],
    ]);
  });

  it('fails sends with the transient 131000 at the configured error rate, and delays answers by the configured latency', async () => {
    await sandbox.h.settings({ errorRate: 1 });
    await expect(
      sandbox.h.client.sendTemplate(BUSINESS.phoneNumberId, newWaId(), {
        name: 'bridgeline_resume',
        language: 'en_US',
      }),
    ).rejects.toMatchObject({ code: 131000, httpStatus: 500, decision: { kind: 'retry' } });
    await sandbox.h.settings({ errorRate: 0, latencyMs: 120 });
    const t = Date.now();
    await sandbox.h.client.sendTemplate(BUSINESS.phoneNumberId, newWaId(), {
      name: 'bridgeline_resume',
      language: 'en_US',
    });
    expect(Date.now() - t).toBeGreaterThanOrEqual(115);
  });

  it('delivers a contact image through GET media id, then the short-lived URL with the bearer token', async () => {
    const waId = newWaId();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const r = await sandbox.h.phone('POST', `/sandbox/phone/chats/${waId}/messages`, {
      type: 'image',
      data: png.toString('base64'),
      mimeType: 'image/png',
      caption: 'my card',
    });
    expect(r.status).toBe(201);
    await sandbox.h.waitFor((hooks) => inboundOf(hooks).some((m) => m.from.waId === waId));
    const content = inboundOf(sandbox.h.webhooks).find((m) => m.from.waId === waId)!.content;
    if (content.type !== 'image') throw new Error('expected an image');
    expect(content.caption).toBe('my card');
    const downloaded = await sandbox.h.client.downloadMediaById(content.mediaId, {
      maxBytes: 5_000_000,
      phoneNumberId: BUSINESS.phoneNumberId,
    });
    expect(downloaded.bytes.equals(png)).toBe(true);
    expect(downloaded.mimeType).toBe('image/png');
    expect(downloaded.sha256Base64).toBe(content.sha256);
    // Without the token the URL gives nothing away.
    const noToken = await fetch(downloaded.media.url);
    expect(noToken.status).toBe(401);
  });

  it('takes an uploaded image and sends it by id; an unknown media id is an invalid parameter', async () => {
    const waId = newWaId();
    await contactWrites(waId);
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
    ]);
    const mediaId = await sandbox.h.client.uploadMedia(
      BUSINESS.phoneNumberId,
      jpeg,
      'image/jpeg',
      'photo.jpg',
    );
    expect(mediaId).toMatch(/^\d{16}$/);
    await sandbox.h.client.sendImage(BUSINESS.phoneNumberId, waId, mediaId, 'Your statement');
    await expect(sandbox.h.client.sendImage(BUSINESS.phoneNumberId, waId, '999')).rejects.toMatchObject({
      code: 100,
    });
    const chat = await sandbox.h.phone<{ messages: { type: string; text: string; imageUrl: string }[] }>(
      'GET',
      `/sandbox/phone/chats/${waId}`,
    );
    const image = chat.body.messages.find((m) => m.type === 'image')!;
    expect(image.text).toBe('Your statement');
    expect(Buffer.from(await (await fetch(sandbox.h.url + image.imageUrl)).arrayBuffer()).equals(jpeg)).toBe(
      true,
    );
  });

  it('lists the account templates page by page with approved ones marked', async () => {
    const templates = await sandbox.h.client.listTemplates(BUSINESS.wabaId, { pageSize: 3 });
    expect(templates.map((t) => [t.name, t.status])).toEqual([
      ['bridgeline_opt_in', 'APPROVED'],
      ['bridgeline_resume', 'APPROVED'],
      ['appointment_reminder', 'APPROVED'],
      ['spring_promotion', 'REJECTED'],
    ]);
    expect(templates[0]).toMatchObject({
      quickReplies: ['Start conversation', 'Stop'],
      bodyParameterCount: 0,
    });
    expect(templates[2]).toMatchObject({ bodyParameterCount: 2 });
  });

  it('marks the contact message read when the business sends a read receipt; an unknown id is refused', async () => {
    const waId = newWaId();
    const id = await contactWrites(waId);
    await expect(sandbox.h.client.markRead(BUSINESS.phoneNumberId, id)).resolves.toBe(true);
    const chat = await sandbox.h.phone<{ messages: { id: string; state: string }[] }>(
      'GET',
      `/sandbox/phone/chats/${waId}`,
    );
    expect(chat.body.messages.find((m) => m.id === id)?.state).toBe('read');
    await expect(sandbox.h.client.markRead(BUSINESS.phoneNumberId, 'wamid.nope')).rejects.toMatchObject({
      code: 100,
    });
  });

  it('refuses calls without a token (104) or with a wrong one (190)', async () => {
    const url = `${sandbox.h.url}/sandbox/graph/v23.0/${BUSINESS.phoneNumberId}/messages`;
    const none = await fetch(url, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: number } }).error.code).toBe(104);
    const wrong = await fetch(url, { method: 'POST', body: '{}', headers: { authorization: 'Bearer nope' } });
    expect(((await wrong.json()) as { error: { code: number; type: string } }).error).toMatchObject({
      code: 190,
      type: 'OAuthException',
    });
  });
});
