import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GRAPH_API_VERSION } from './graph-api.client.js';
import type { GraphClientError } from './graph-errors.js';
import { GraphTransportError, MediaDownloadRefusedError } from './graph-errors.js';
import {
  GRAPH,
  TOKEN,
  PNID,
  LOOKASIDE,
  MEDIA_PATH,
  MEDIA_QUERY,
  MEDIA_URL,
  PNG,
  client,
  caught,
  useNock,
} from './__tests__/graph-nock.js';

useNock();

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
