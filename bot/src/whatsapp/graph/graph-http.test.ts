import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GRAPH_API_VERSION } from './graph-api.client.js';
import { GraphApiError, GraphClientError, GraphResponseError, GraphTransportError } from './graph-errors.js';
import {
  GRAPH,
  PNID,
  MESSAGES,
  MEDIA_URL,
  SEND_OK,
  client,
  caught,
  useNock,
} from './__tests__/graph-nock.js';

useNock();

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
