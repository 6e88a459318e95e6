import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_API_VERSION, GraphApiClient } from './graph-api.client.js';
import {
  GraphApiError,
  GraphClientError,
  GraphResponseError,
  GraphTransportError,
  MediaDownloadRefusedError,
} from './graph-errors.js';

const GRAPH = 'https://graph.facebook.com';
const TOKEN = 'EAAG-test-token';
const PNID = '106540352242922';
const MESSAGES = `/${GRAPH_API_VERSION}/${PNID}/messages`;
const LOOKASIDE = 'https://lookaside.fbsbx.com';
const MEDIA_PATH = '/whatsapp_business/attachments/';
const MEDIA_QUERY = { mid: '1003383421387256', source: 'getMedia', ext: '1749416383', hash: 'ARn6qAbc' };
const MEDIA_URL = `${LOOKASIDE}${MEDIA_PATH}?mid=1003383421387256&source=getMedia&ext=1749416383&hash=ARn6qAbc`;
// A real 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const SEND_OK = {
  messaging_product: 'whatsapp',
  contacts: [{ input: '+16505551234', wa_id: '16505551234' }],
  messages: [{ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA' }],
};

function client(overrides: Partial<ConstructorParameters<typeof GraphApiClient>[0]> = {}): GraphApiClient {
  return new GraphApiClient({ baseUrl: GRAPH, accessToken: TOKEN, timeoutMs: 2_000, ...overrides });
}

/** Captures the JSON body of one request so the test can compare it exactly. */
function jsonBody(): { matcher: (body: unknown) => boolean; value: () => unknown } {
  let captured: unknown = undefined;
  return {
    matcher: (body) => {
      captured = body;
      return true;
    },
    value: () => captured,
  };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

afterAll(() => {
  nock.enableNetConnect();
});

describe('GraphApiClient sends', () => {
  it('sends a text with the bearer token, JSON content type and the exact body', async () => {
    const body = jsonBody();
    const scope = nock(GRAPH)
      .post(MESSAGES, body.matcher)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', 'application/json')
      .reply(200, SEND_OK);

    const result = await client().sendText(PNID, '+16505551234', 'Your card has been shipped.', {
      bizOpaque: 'msg_01J8Z3Q4R5S6T7V8W9X0Y1Z2A3',
      replyTo: 'wamid.QUOTED',
    });

    expect(scope.isDone()).toBe(true);
    expect(body.value()).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+16505551234',
      type: 'text',
      text: { preview_url: false, body: 'Your card has been shipped.' },
      context: { message_id: 'wamid.QUOTED' },
      biz_opaque_callback_data: 'msg_01J8Z3Q4R5S6T7V8W9X0Y1Z2A3',
    });
    expect(result).toEqual({
      wamid: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA',
      waId: '16505551234',
      input: '+16505551234',
      messageStatus: null,
    });
  });

  it('sends an image by media id with its caption', async () => {
    const body = jsonBody();
    const scope = nock(GRAPH)
      .post(MESSAGES, body.matcher)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', 'application/json')
      .reply(200, SEND_OK);

    await client().sendImage(PNID, '16505551234', '1003383421387256', 'Statement, May', {
      bizOpaque: 'msg_2',
    });

    expect(scope.isDone()).toBe(true);
    expect(body.value()).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'image',
      image: { id: '1003383421387256', caption: 'Statement, May' },
      biz_opaque_callback_data: 'msg_2',
    });
  });

  it('sends a template with body parameters and quick-reply payloads, and reads its message status', async () => {
    const body = jsonBody();
    const scope = nock(GRAPH)
      .post(MESSAGES, body.matcher)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', 'application/json')
      .reply(200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: '551187654321', wa_id: '551187654321' }],
        messages: [{ id: 'wamid.TEMPLATE1', message_status: 'accepted' }],
      });

    const result = await client().sendTemplate(
      PNID,
      '5511987654321',
      {
        name: 'bridgeline_resume',
        language: 'pt_BR',
        bodyParameters: ['João'],
        quickReplyPayloads: ['bridgeline:resume'],
      },
      { bizOpaque: 'msg_3' },
    );

    expect(scope.isDone()).toBe(true);
    expect(body.value()).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511987654321',
      type: 'template',
      template: {
        name: 'bridgeline_resume',
        language: { code: 'pt_BR' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'João' }] },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'bridgeline:resume' }],
          },
        ],
      },
      biz_opaque_callback_data: 'msg_3',
    });
    // Meta resolved the number to the wa_id without Brazil's 9th digit: the core keeps both.
    expect(result).toEqual({
      wamid: 'wamid.TEMPLATE1',
      waId: '551187654321',
      input: '551187654321',
      messageStatus: 'accepted',
    });
  });

  it('marks a message as read', async () => {
    const body = jsonBody();
    const scope = nock(GRAPH)
      .post(MESSAGES, body.matcher)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', 'application/json')
      .reply(200, { success: true });

    expect(await client().markRead(PNID, 'wamid.IN1')).toBe(true);
    expect(scope.isDone()).toBe(true);
    expect(body.value()).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1' });
  });

  it('uses the configured base URL and the one API version', async () => {
    const scope = nock('http://127.0.0.1:3978')
      .post(`/sandbox/graph/${GRAPH_API_VERSION}/${PNID}/messages`)
      .reply(200, SEND_OK);
    await client({ baseUrl: 'http://127.0.0.1:3978/sandbox/graph/' }).sendText(PNID, '16505551234', 'hi');
    expect(scope.isDone()).toBe(true);
    expect(GRAPH_API_VERSION).toBe('v23.0');
  });
});

describe('GraphApiClient media', () => {
  it('uploads media as multipart form data with messaging_product, type and file', async () => {
    let contentType = '';
    let raw = '';
    const scope = nock(GRAPH)
      .post(`/${GRAPH_API_VERSION}/${PNID}/media`, (body: unknown) => {
        raw = typeof body === 'string' ? body : JSON.stringify(body);
        return true;
      })
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', (value: string) => {
        contentType = value;
        return true;
      })
      .reply(200, { id: '4490709327384033' });

    const id = await client().uploadMedia(
      PNID,
      Buffer.from('fake-jpeg-bytes'),
      'image/jpeg',
      'statement.jpg',
    );

    expect(scope.isDone()).toBe(true);
    expect(id).toBe('4490709327384033');
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(contentType)?.[1];
    expect(boundary).toBeDefined();
    const parts = raw.split(`--${boundary ?? ''}`).map((p) => p.trim());
    expect(parts).toContain('Content-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp');
    expect(parts).toContain('Content-Disposition: form-data; name="type"\r\n\r\nimage/jpeg');
    expect(parts).toContain(
      'Content-Disposition: form-data; name="file"; filename="statement.jpg"\r\nContent-Type: image/jpeg\r\n\r\nfake-jpeg-bytes',
    );
  });

  it('gets a media URL, checking the media belongs to the number', async () => {
    const scope = nock(GRAPH)
      .get(`/${GRAPH_API_VERSION}/1003383421387256`)
      .query({ phone_number_id: PNID })
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, {
        messaging_product: 'whatsapp',
        url: MEDIA_URL,
        mime_type: 'image/jpeg',
        sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=',
        file_size: '303833',
        id: '1003383421387256',
      });

    expect(await client().getMediaUrl('1003383421387256', { phoneNumberId: PNID })).toEqual({
      mediaId: '1003383421387256',
      url: MEDIA_URL,
      mimeType: 'image/jpeg',
      sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=',
      fileSize: 303833,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('downloads from lookaside with the bearer token and sniffs the type from the bytes', async () => {
    const scope = nock(LOOKASIDE)
      .get(MEDIA_PATH)
      .query(MEDIA_QUERY)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, PNG, { 'Content-Type': 'image/jpeg', 'Content-Length': String(PNG.length) });

    const media = await client().downloadMedia(MEDIA_URL, { maxBytes: 5 * 1024 * 1024 });

    expect(scope.isDone()).toBe(true);
    expect(media.bytes.equals(PNG)).toBe(true);
    expect(media.mimeType).toBe('image/png');
    expect(media.extension).toBe('png');
    expect(media.declaredMimeType).toBe('image/jpeg');
    expect(media.sha256Base64).toBe(Buffer.from(media.sha256Hex, 'hex').toString('base64'));
  });

  it('follows a redirect to a Meta CDN host', async () => {
    const cdn = 'https://scontent.whatsapp.net';
    const first = nock(LOOKASIDE)
      .get(MEDIA_PATH)
      .query(MEDIA_QUERY)
      .reply(302, '', { Location: `${cdn}/v/t62/abc.png?oh=1` });
    const second = nock(cdn).get('/v/t62/abc.png').query({ oh: '1' }).reply(200, PNG);

    const media = await client().downloadMedia(MEDIA_URL, { maxBytes: 1024 });

    expect(first.isDone() && second.isDone()).toBe(true);
    expect(media.mimeType).toBe('image/png');
  });

  it('refuses a redirect to a host that is not Meta’s, without following it', async () => {
    const scope = nock(LOOKASIDE)
      .get(MEDIA_PATH)
      .query(MEDIA_QUERY)
      .reply(302, '', { Location: 'https://attacker.example/steal' });

    const error = await caught(client().downloadMedia(MEDIA_URL, { maxBytes: 1024 }));

    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(MediaDownloadRefusedError);
    expect((error as MediaDownloadRefusedError).refusal).toBe('redirect_not_allowed');
  });

  it.each([
    'https://attacker.example/whatsapp_business/attachments/?mid=1',
    'https://lookaside.fbsbx.com.attacker.example/x',
    'https://notfbcdn.net/x',
    'https://fbcdn.net.attacker.example/x',
    'http://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1',
    'file:///etc/passwd',
    'not a url',
  ])('refuses to download from %s and sends nothing', async (url) => {
    const error = await caught(client().downloadMedia(url, { maxBytes: 1024 }));
    expect(error).toBeInstanceOf(MediaDownloadRefusedError);
    expect((error as MediaDownloadRefusedError).refusal).toBe('host_not_allowed');
    expect((error as GraphClientError).decision.kind).toBe('permanent');
  });

  it('refuses an oversize download announced by Content-Length', async () => {
    const scope = nock(LOOKASIDE)
      .get(MEDIA_PATH)
      .query(MEDIA_QUERY)
      .reply(200, PNG, { 'Content-Length': String(6 * 1024 * 1024) });

    const error = await caught(client().downloadMedia(MEDIA_URL, { maxBytes: 5 * 1024 * 1024 }));

    expect(scope.isDone()).toBe(true);
    expect((error as MediaDownloadRefusedError).refusal).toBe('too_large');
  });

  it('refuses an oversize download that does not announce its length', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(4096)]);
    const scope = nock(LOOKASIDE)
      .get(MEDIA_PATH)
      .query(MEDIA_QUERY)
      .reply(200, () => big);

    const error = await caught(client().downloadMedia(MEDIA_URL, { maxBytes: 1024 }));

    expect(scope.isDone()).toBe(true);
    expect((error as MediaDownloadRefusedError).refusal).toBe('too_large');
  });

  it('refuses bytes whose type cannot be recognised, or is not allowed', async () => {
    nock(LOOKASIDE).get(MEDIA_PATH).query(MEDIA_QUERY).reply(200, 'plain text, not an image');
    const unknown = await caught(client().downloadMedia(MEDIA_URL, { maxBytes: 1024 }));
    expect((unknown as MediaDownloadRefusedError).refusal).toBe('unrecognised_type');

    nock(LOOKASIDE).get(MEDIA_PATH).query(MEDIA_QUERY).reply(200, PNG);
    const notAllowed = await caught(
      client().downloadMedia(MEDIA_URL, { maxBytes: 1024, allowedMimeTypes: ['image/jpeg'] }),
    );
    expect((notAllowed as MediaDownloadRefusedError).refusal).toBe('type_not_allowed');
  });

  it('gets the URL of inbound media and downloads it in one call', async () => {
    const graph = nock(GRAPH)
      .get(`/${GRAPH_API_VERSION}/1003383421387256`)
      .query({ phone_number_id: PNID })
      .reply(200, { url: MEDIA_URL, mime_type: 'image/png', file_size: PNG.length, id: '1003383421387256' });
    const cdn = nock(LOOKASIDE)
      .get(MEDIA_PATH)
      .query(MEDIA_QUERY)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, PNG);

    const media = await client().downloadMediaById('1003383421387256', {
      phoneNumberId: PNID,
      maxBytes: 1024,
    });

    expect(graph.isDone() && cdn.isDone()).toBe(true);
    expect(media.mimeType).toBe('image/png');
    expect(media.media.mediaId).toBe('1003383421387256');
  });

  it('refuses inbound media that Meta reports as oversize before downloading it', async () => {
    const graph = nock(GRAPH)
      .get(`/${GRAPH_API_VERSION}/1003383421387256`)
      .reply(200, { url: MEDIA_URL, mime_type: 'image/jpeg', file_size: '9000000', id: '1003383421387256' });

    const error = await caught(client().downloadMediaById('1003383421387256', { maxBytes: 5 * 1024 * 1024 }));

    expect(graph.isDone()).toBe(true);
    expect((error as MediaDownloadRefusedError).refusal).toBe('too_large');
  });

  it('times out a download whose body stalls, as a retryable transport error', async () => {
    nock(LOOKASIDE).get(MEDIA_PATH).query(MEDIA_QUERY).delayBody(500).reply(200, PNG);
    const e = await caught(client({ timeoutMs: 50 }).downloadMedia(MEDIA_URL, { maxBytes: 1024 }));
    expect(e).toBeInstanceOf(GraphTransportError);
    expect((e as GraphTransportError).failure).toBe('timeout');
    expect((e as GraphTransportError).message).not.toContain('hash=');
  });

  it('downloads media from the configured Graph base host, where the token already goes', async () => {
    const scope = nock('https://graph-stand-in.example:8443')
      .get('/media/abc')
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, PNG);
    const media = await client({ baseUrl: 'https://graph-stand-in.example:8443/graph' }).downloadMedia(
      'https://graph-stand-in.example:8443/media/abc',
      { maxBytes: 1024 },
    );
    expect(scope.isDone()).toBe(true);
    expect(media.mimeType).toBe('image/png');
  });

  it.each([
    'https://attacker.example/media/abc',
    'https://graph-stand-in.example:9443/media/abc',
    'http://graph-stand-in.example:8443/media/abc',
    'https://cdn.graph-stand-in.example:8443/media/abc',
  ])('still refuses media from %s when the Graph base host is configured', async (url) => {
    const error = await caught(
      client({ baseUrl: 'https://graph-stand-in.example:8443/graph' }).downloadMedia(url, { maxBytes: 1024 }),
    );
    expect(error).toBeInstanceOf(MediaDownloadRefusedError);
    expect((error as MediaDownloadRefusedError).refusal).toBe('host_not_allowed');
  });

  it('refuses a redirect from the Graph base host to another host', async () => {
    const scope = nock('https://graph-stand-in.example')
      .get('/media/abc')
      .reply(302, '', { Location: 'https://attacker.example/steal' });
    const error = await caught(
      client({ baseUrl: 'https://graph-stand-in.example' }).downloadMedia(
        'https://graph-stand-in.example/media/abc',
        { maxBytes: 1024 },
      ),
    );
    expect(scope.isDone()).toBe(true);
    expect((error as MediaDownloadRefusedError).refusal).toBe('redirect_not_allowed');
  });

  it('allows a listed loopback host over http (sandbox)', async () => {
    const scope = nock('http://127.0.0.1:3978').get('/sandbox/media/abc').reply(200, PNG);
    const media = await client({ mediaHosts: ['127.0.0.1:3978'] }).downloadMedia(
      'http://127.0.0.1:3978/sandbox/media/abc',
      { maxBytes: 1024 },
    );
    expect(scope.isDone()).toBe(true);
    expect(media.mimeType).toBe('image/png');
  });
});

describe('GraphApiClient templates', () => {
  it('lists templates across pages with status, quality, category, language and components', async () => {
    const path = `/${GRAPH_API_VERSION}/102290129340398/message_templates`;
    const fields = 'id,name,language,status,category,quality_score,components';
    const scope = nock(GRAPH)
      .get(path)
      .query({ fields, limit: '100' })
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, {
        data: [
          {
            id: '1192339204654487',
            name: 'bridgeline_opt_in',
            language: 'en_US',
            status: 'APPROVED',
            category: 'UTILITY',
            quality_score: { score: 'GREEN', date: 1750000000 },
            components: [
              { type: 'BODY', text: 'Hi {{1}}, {{2}} would like to message you on WhatsApp.' },
              {
                type: 'BUTTONS',
                buttons: [
                  { type: 'QUICK_REPLY', text: 'Start conversation' },
                  { type: 'QUICK_REPLY', text: 'Stop' },
                ],
              },
            ],
          },
        ],
        paging: {
          cursors: { before: 'MAZDZD', after: 'MjQZD' },
          next: `${GRAPH}${path}?after=MjQZD`,
        },
      })
      .get(path)
      .query({ fields, limit: '100', after: 'MjQZD' })
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, {
        data: [
          {
            id: '920070352646140',
            name: '2023_april_promo',
            language: 'en_US',
            status: 'REJECTED',
            category: 'MARKETING',
            components: [{ type: 'HEADER', format: 'TEXT', text: 'Fall Sale' }],
          },
        ],
        paging: { cursors: { before: 'MjQZD', after: 'MjQZE' } },
      });

    const templates = await client().listTemplates('102290129340398');

    expect(scope.isDone()).toBe(true);
    expect(templates).toEqual([
      {
        id: '1192339204654487',
        name: 'bridgeline_opt_in',
        language: 'en_US',
        status: 'APPROVED',
        category: 'UTILITY',
        quality: 'GREEN',
        components: [
          {
            type: 'BODY',
            format: null,
            text: 'Hi {{1}}, {{2}} would like to message you on WhatsApp.',
            buttons: [],
          },
          {
            type: 'BUTTONS',
            format: null,
            text: null,
            buttons: [
              { type: 'QUICK_REPLY', text: 'Start conversation' },
              { type: 'QUICK_REPLY', text: 'Stop' },
            ],
          },
        ],
        bodyParameterCount: 2,
        quickReplies: ['Start conversation', 'Stop'],
      },
      {
        id: '920070352646140',
        name: '2023_april_promo',
        language: 'en_US',
        status: 'REJECTED',
        category: 'MARKETING',
        quality: null,
        components: [{ type: 'HEADER', format: 'TEXT', text: 'Fall Sale', buttons: [] }],
        bodyParameterCount: 0,
        quickReplies: [],
      },
    ]);
  });
});

describe('GraphApiClient errors', () => {
  it('turns a 131047 answer into a GraphApiError with every field and a window_closed decision', async () => {
    nock(GRAPH)
      .post(MESSAGES)
      .reply(400, {
        error: {
          message: '(#131047) Re-engagement message',
          type: 'OAuthException',
          code: 131047,
          error_data: {
            messaging_product: 'whatsapp',
            details:
              'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          },
          fbtrace_id: 'AXsgnV2Cm3ZMGF3dF_cfYIn',
        },
      });

    const error = await caught(client().sendText(PNID, '16505551234', 'late'));

    expect(error).toBeInstanceOf(GraphApiError);
    const e = error as GraphApiError;
    expect({
      httpStatus: e.httpStatus,
      code: e.code,
      subcode: e.subcode,
      type: e.type,
      title: e.title,
      message: e.message,
      details: e.details,
      fbtraceId: e.fbtraceId,
    }).toEqual({
      httpStatus: 400,
      code: 131047,
      subcode: null,
      type: 'OAuthException',
      title: 'Re-engagement message',
      message: '(#131047) Re-engagement message',
      details:
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      fbtraceId: 'AXsgnV2Cm3ZMGF3dF_cfYIn',
    });
    expect(e.decision.kind).toBe('window_closed');
    expect(e.toDetail()).toMatchObject({ code: 131047, title: 'Re-engagement message' });
  });

  it.each([
    [401, { message: 'Invalid OAuth access token', type: 'OAuthException', code: 190 }, 'config'],
    [
      400,
      { message: '(#131026) Message undeliverable', type: 'OAuthException', code: 131026 },
      'unreachable',
    ],
    [
      429,
      { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, fbtrace_id: 'A1' },
      'retry',
    ],
    [
      400,
      { message: '(#131056) (Business Account, Consumer Account) pair rate limit hit', code: 131056 },
      'retry',
    ],
    [
      400,
      { message: '(#132001) Template name does not exist in the translation', code: 132001 },
      'permanent',
    ],
    [400, { message: 'Invalid parameter', type: 'OAuthException', code: 100 }, 'permanent'],
    [
      500,
      {
        message: 'Service temporarily unavailable',
        type: 'GraphMethodException',
        code: 2,
        is_transient: true,
      },
      'retry',
    ],
  ])('maps HTTP %i %j to %s', async (status, error, kind) => {
    nock(GRAPH).post(MESSAGES).reply(status, { error });
    const e = await caught(client().sendText(PNID, '16505551234', 'x'));
    expect(e).toBeInstanceOf(GraphApiError);
    expect((e as GraphApiError).decision.kind).toBe(kind);
    expect((e as GraphApiError).code).toBe(error.code);
  });

  it('retries a 502 from a proxy that is not JSON', async () => {
    nock(GRAPH).post(MESSAGES).reply(502, '<html>Bad Gateway</html>', { 'x-fb-trace-id': 'Bx9' });
    const e = (await caught(client().sendText(PNID, '16505551234', 'x'))) as GraphApiError;
    expect(e).toBeInstanceOf(GraphApiError);
    expect(e.code).toBeNull();
    expect(e.httpStatus).toBe(502);
    expect(e.fbtraceId).toBe('Bx9');
    expect(e.decision.kind).toBe('retry');
  });

  it('times out a request that takes too long, as a retryable transport error', async () => {
    nock(GRAPH).post(MESSAGES).delay(500).reply(200, SEND_OK);
    const e = await caught(client({ timeoutMs: 50 }).sendText(PNID, '16505551234', 'x'));
    expect(e).toBeInstanceOf(GraphTransportError);
    expect((e as GraphTransportError).failure).toBe('timeout');
    expect((e as GraphTransportError).decision.kind).toBe('retry');
  });

  it('reports a connection failure as a retryable network error', async () => {
    nock(GRAPH).post(MESSAGES).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const e = await caught(client().sendText(PNID, '16505551234', 'x'));
    expect(e).toBeInstanceOf(GraphTransportError);
    expect((e as GraphTransportError).failure).toBe('network');
  });

  it('refuses a 200 answer without a message id', async () => {
    nock(GRAPH).post(MESSAGES).reply(200, { messaging_product: 'whatsapp', messages: [] });
    const e = await caught(client().sendText(PNID, '16505551234', 'x'));
    expect(e).toBeInstanceOf(GraphResponseError);
  });

  it('asks fetch not to follow redirects on API calls, so the token goes nowhere else', async () => {
    const seen: RequestInit['redirect'][] = [];
    const fakeFetch = (_url: string | URL, init?: RequestInit): Promise<Response> => {
      seen.push(init?.redirect);
      return Promise.resolve(Response.json(SEND_OK));
    };
    await client({ fetch: fakeFetch }).sendText(PNID, '16505551234', 'x');
    expect(seen).toEqual(['error']);
  });

  it('reports a redirect answer to an API call as a failure', async () => {
    const scope = nock(GRAPH).post(MESSAGES).reply(307, '', { Location: 'https://attacker.example/collect' });
    const e = await caught(client().sendText(PNID, '16505551234', 'x'));
    expect(scope.isDone()).toBe(true);
    expect(e).toBeInstanceOf(GraphClientError);
  });

  it('encodes ids in the path, so an odd id cannot reach another endpoint', async () => {
    const scope = nock(GRAPH)
      .get(`/${GRAPH_API_VERSION}/..%2F..%2Fme`)
      .reply(200, { id: '1', url: MEDIA_URL });
    await client().getMediaUrl('../../me');
    expect(scope.isDone()).toBe(true);
  });

  it('never puts the token in the URL', async () => {
    const scope = nock(GRAPH)
      .post(MESSAGES)
      .query((q) => Object.keys(q).length === 0)
      .reply(200, SEND_OK);
    await client().sendText(PNID, '16505551234', 'x');
    expect(scope.isDone()).toBe(true);
  });
});
