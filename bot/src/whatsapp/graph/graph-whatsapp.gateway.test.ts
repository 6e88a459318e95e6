import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../ports/index.js';
import { GraphApiClient } from './graph-api.client.js';
import { GraphWhatsAppGateway, type GatewayLogger } from './graph-whatsapp.gateway.js';

interface Call {
  url: string;
  method: string;
  body: unknown;
}

/** A fetch that records requests and answers from a script, one answer per call. */
function scriptedFetch(answers: Response[]): {
  calls: Call[];
  fetch: (url: string | URL, init?: RequestInit) => Promise<Response>;
} {
  const calls: Call[] = [];
  return {
    calls,
    fetch: (url, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : init?.body;
      calls.push({ url: String(url), method: init?.method ?? 'GET', body });
      const answer = answers.shift();
      if (!answer) throw new Error(`unexpected request to ${String(url)}`);
      return Promise.resolve(answer);
    },
  };
}

const NUMBER = {
  id: 'bn-1',
  tenantId: 't-1',
  channel: 'whatsapp' as const,
  providerNumberId: '106540352242922',
  displayPhone: '+1 555 078 3881',
  region: 'us' as const,
};

const CONTACT = {
  id: 'c-1',
  tenantId: 't-1',
  displayName: 'João Araújo',
  phoneE164: '+5511987654321',
  waId: '551187654321',
  bsuid: null,
  username: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

function message(
  content: OutboundMessage['content'],
  overrides: Partial<OutboundMessage> = {},
): OutboundMessage {
  return { channel: 'whatsapp', from: NUMBER, to: CONTACT, messageId: 'msg-42', content, ...overrides };
}

// A fresh Response each time: a body can be read only once.
const sent = (): Response =>
  Response.json({
    messages: [{ id: 'wamid.OUT1' }],
    contacts: [{ input: '551187654321', wa_id: '551187654321' }],
  });

function gateway(answers: Response[], extra: { logger?: GatewayLogger } = {}) {
  const script = scriptedFetch(answers);
  const client = new GraphApiClient({
    baseUrl: 'https://graph.facebook.com',
    accessToken: 't',
    fetch: script.fetch,
  });
  return { gateway: new GraphWhatsAppGateway({ client, ...extra }), calls: script.calls };
}

describe('GraphWhatsAppGateway', () => {
  it('sends text to Meta’s wa_id with our message id as opaque data and the quoted wamid', async () => {
    const { gateway: g, calls } = gateway([sent()]);
    const outcome = await g.send(message({ type: 'text', text: 'Olá', replyToProviderId: 'wamid.IN9' }));
    expect(outcome).toEqual({ ok: true, providerMessageId: 'wamid.OUT1' });
    expect(calls).toEqual([
      {
        url: 'https://graph.facebook.com/v23.0/106540352242922/messages',
        method: 'POST',
        body: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '551187654321',
          type: 'text',
          text: { preview_url: false, body: 'Olá' },
          context: { message_id: 'wamid.IN9' },
          biz_opaque_callback_data: 'msg-42',
        },
      },
    ]);
  });

  it('falls back on the E.164 number without + when Meta has not given a wa_id yet', async () => {
    const { gateway: g, calls } = gateway([sent()]);
    expect(
      await g.send(message({ type: 'text', text: 'hi' }, { to: { ...CONTACT, waId: null } })),
    ).toMatchObject({ ok: true });
    expect(calls[0]?.body).toMatchObject({ to: '5511987654321' });
  });

  it('sends a template with its parameters and quick-reply payloads', async () => {
    const { gateway: g, calls } = gateway([sent()]);
    const outcome = await g.send(
      message({
        type: 'template',
        template: {
          name: 'opt_in',
          language: 'pt_BR',
          parameters: ['João'],
          quickReplies: ['start', 'stop'],
        },
      }),
    );
    expect(outcome).toEqual({ ok: true, providerMessageId: 'wamid.OUT1' });
    expect(calls[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '551187654321',
      type: 'template',
      template: {
        name: 'opt_in',
        language: { code: 'pt_BR' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'João' }] },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'start' }],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '1',
            parameters: [{ type: 'payload', payload: 'stop' }],
          },
        ],
      },
      biz_opaque_callback_data: 'msg-42',
    });
  });

  it('uploads our image to Meta first when it can load it, then sends Meta’s media id', async () => {
    const script = scriptedFetch([Response.json({ id: 'meta-media-7' }), sent()]);
    const client = new GraphApiClient({
      baseUrl: 'https://graph.facebook.com',
      accessToken: 't',
      fetch: script.fetch,
    });
    const g = new GraphWhatsAppGateway({
      client,
      loadMedia: () =>
        Promise.resolve({ bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png', filename: 'a.png' }),
    });
    expect(await g.send(message({ type: 'image', mediaId: 'local-1', caption: 'Statement' }))).toEqual({
      ok: true,
      providerMessageId: 'wamid.OUT1',
    });
    expect(script.calls.map((c) => c.url)).toEqual([
      'https://graph.facebook.com/v23.0/106540352242922/media',
      'https://graph.facebook.com/v23.0/106540352242922/messages',
    ]);
    expect(script.calls[1]?.body).toMatchObject({
      type: 'image',
      image: { id: 'meta-media-7', caption: 'Statement' },
    });
  });

  it.each([
    [131026, 400, 'unreachable'],
    [131047, 400, 'window_closed'],
    [130429, 429, 'retry'],
    [132001, 400, 'permanent'],
  ] as const)(
    'turns Meta error %i into a %s outcome with code, title and details',
    async (code, status, kind) => {
      const { gateway: g } = gateway([
        Response.json(
          {
            error: {
              message: `(#${code}) Something`,
              code,
              error_data: { details: 'Meta says why' },
              fbtrace_id: 'F',
            },
          },
          { status },
        ),
      ]);
      expect(await g.send(message({ type: 'text', text: 'x' }))).toEqual({
        ok: false,
        kind,
        code: String(code),
        title: 'Something',
        details: 'Meta says why',
      });
    },
  );

  it('fails a message for good on a token problem and logs one line for operators', async () => {
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const logger: GatewayLogger = { error: (obj, msg) => lines.push({ obj, msg }) };
    const { gateway: g } = gateway(
      [
        Response.json(
          {
            error: {
              message: 'Invalid OAuth access token',
              type: 'OAuthException',
              code: 190,
              fbtrace_id: 'T1',
            },
          },
          { status: 401 },
        ),
      ],
      { logger },
    );
    const outcome = await g.send(message({ type: 'text', text: 'x' }));
    expect(outcome).toMatchObject({ ok: false, kind: 'permanent', code: '190' });
    expect(lines).toEqual([
      {
        obj: {
          code: 190,
          fbtraceId: 'T1',
          httpStatus: 401,
          messageId: 'msg-42',
          phoneNumberId: '106540352242922',
        },
        msg: 'WhatsApp configuration problem: Access token invalid or expired (WHATSAPP_ACCESS_TOKEN)',
      },
    ]);
  });

  it('retries when the network fails', async () => {
    const g = new GraphWhatsAppGateway({
      client: new GraphApiClient({
        accessToken: 't',
        fetch: () => Promise.reject(new TypeError('fetch failed')),
      }),
    });
    expect(await g.send(message({ type: 'text', text: 'x' }))).toMatchObject({ ok: false, kind: 'retry' });
  });

  it('refuses a contact without a number without calling Meta', async () => {
    const { gateway: g, calls } = gateway([]);
    const noNumber = { ...CONTACT, waId: null, phoneE164: null, bsuid: 'BR.1502576394655843' };
    expect(await g.send(message({ type: 'text', text: 'x' }, { to: noNumber }))).toMatchObject({
      ok: false,
      kind: 'permanent',
    });
    expect(calls).toEqual([]);
  });
});
