import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { GRAPH_API_VERSION, GraphApiClient } from '../graph-api.client.js';

/** What the Graph API client tests share: Meta's hosts and ids, a client on them, and nock with no real network. */
export const GRAPH = 'https://graph.facebook.com';
export const TOKEN = 'EAAG-test-token';
export const PNID = '106540352242922';
export const MESSAGES = `/${GRAPH_API_VERSION}/${PNID}/messages`;
export const LOOKASIDE = 'https://lookaside.fbsbx.com';
export const MEDIA_PATH = '/whatsapp_business/attachments/';
export const MEDIA_QUERY = {
  mid: '1003383421387256',
  source: 'getMedia',
  ext: '1749416383',
  hash: 'ARn6qAbc',
};
export const MEDIA_URL = `${LOOKASIDE}${MEDIA_PATH}?mid=1003383421387256&source=getMedia&ext=1749416383&hash=ARn6qAbc`;
// A real 1×1 PNG.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export const SEND_OK = {
  messaging_product: 'whatsapp',
  contacts: [{ input: '+16505551234', wa_id: '16505551234' }],
  messages: [{ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA' }],
};

export function client(
  overrides: Partial<ConstructorParameters<typeof GraphApiClient>[0]> = {},
): GraphApiClient {
  return new GraphApiClient({ baseUrl: GRAPH, accessToken: TOKEN, timeoutMs: 2_000, ...overrides });
}

/** Captures the JSON body of one request so the test can compare it exactly. */
export function jsonBody(): { matcher: (body: unknown) => boolean; value: () => unknown } {
  let captured: unknown = undefined;
  return {
    matcher: (body) => {
      captured = body;
      return true;
    },
    value: () => captured,
  };
}

export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** No real network in the file; every mocked request must have been made by the end of each test. */
export function useNock(): void {
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
}
