import { describe, expect, it, vi } from 'vitest';
import { fakeApi, problem } from '../test/fake-api.js';
import { ApiError, describeError } from './api-error.js';
import { createApiClient } from './api-client.js';

describe('api client', () => {
  it('sends the token as Bearer', async () => {
    const api = fakeApi([['GET', '/me', () => ({ body: { id: 'x' } })]]);
    await createApiClient({ getToken: async () => 'abc' }).me();
    expect(api.calls[0]?.headers.Authorization).toBe('Bearer abc');
  });

  it('turns a problem+json answer into a typed error with the member-readable title', async () => {
    fakeApi([['POST', '/threads', () => problem(409, 'region_mismatch')]]);
    const error = await createApiClient({ getToken: async () => 't' })
      .createThread({ channel: 'whatsapp', phone: '+447700900123' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('region_mismatch');
    expect(describeError(error)).toBe('Only members of the same region as the conversation can join it.');
  });

  it('falls back to a known code when the body is not a problem', async () => {
    fakeApi([['GET', '/me', () => ({ status: 502, body: 'Bad gateway' })]]);
    const error = await createApiClient({ getToken: async () => 't' })
      .me()
      .catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('unavailable');
  });

  it('lists the invalid fields of a validation problem', async () => {
    fakeApi([
      [
        'POST',
        '/contacts',
        () => ({
          status: 400,
          body: { code: 'validation_failed', errors: [{ path: 'phone', message: 'Not a phone number.' }] },
        }),
      ],
    ]);
    const error = await createApiClient({ getToken: async () => 't' })
      .createContact({ phone: 'abc' })
      .catch((e: unknown) => e);
    expect(describeError(error)).toBe('Some fields are missing or invalid. Not a phone number.');
  });

  it('says so when the network is down', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await createApiClient({ getToken: async () => 't' })
      .me()
      .catch((e: unknown) => e);
    expect(describeError(error)).toBe('Cannot reach Bridgeline. Check your connection and try again.');
  });

  it('tells the shell when the token is refused', async () => {
    fakeApi([['GET', '/me', () => problem(401, 'unauthorized')]]);
    const onUnauthorized = vi.fn();
    await createApiClient({ getToken: async () => 't', onUnauthorized })
      .me()
      .catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('uploads an image as multipart form data', async () => {
    const api = fakeApi([['POST', '/media', () => ({ status: 201, body: { mediaId: 'm1' } })]]);
    const file = new File(['png'], 'cheque.png', { type: 'image/png' });
    expect(await createApiClient({ getToken: async () => 't' }).uploadMedia(file)).toEqual({ mediaId: 'm1' });
    expect(api.calls[0]?.body).toBeInstanceOf(FormData);
    expect(api.calls[0]?.headers['Content-Type']).toBeUndefined();
  });

  it('encodes path parameters and leaves empty query values out', async () => {
    const api = fakeApi([
      ['DELETE', /^\/threads\//, () => ({ body: null })],
      ['GET', /^\/threads/, () => ({ body: { items: [], nextCursor: null } })],
    ]);
    const client = createApiClient({ getToken: async () => 't' });
    await client.removeMember('t/1', 'm 2');
    await client.listThreads({ query: '', state: 'unassigned' }, 'c2');
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'DELETE /threads/t%2F1/members/m%202',
      'GET /threads?state=unassigned&cursor=c2',
    ]);
  });
});
