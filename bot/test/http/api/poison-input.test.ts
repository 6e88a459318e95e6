import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem, Thread } from '@bridgeline/shared';
import { newPhone, startTestApp, type TestApp } from '../../support/test-app.js';

/** Input PostgreSQL cannot store (NUL, lone surrogates) or absurd nesting is refused at the edge, never a 500. */

let app: TestApp;
let token: string;
let threadId: string;

beforeAll(async () => {
  app = await startTestApp();
  token = await app.token('alice@contoso.test');
  const r = await app.api(token).post<Thread>('/api/v1/threads', {
    channel: 'whatsapp',
    phone: newPhone(),
    sendOptIn: true,
  });
  if (r.status !== 201) throw new Error(`no thread: ${r.status} ${JSON.stringify(r.body)}`);
  threadId = r.body.id;
});
afterAll(async () => app?.stop());

/** Sends the body text as given: JSON.stringify would never produce some of these spellings. */
async function call(method: string, path: string, rawBody?: string) {
  const res = await fetch(app.url + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(rawBody !== undefined ? { body: rawBody } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Problem };
}

describe('poison characters in API input', () => {
  it('answers 400 validation_failed to a JSON body with a NUL in a string', async () => {
    const r = await call(
      'POST',
      `/api/v1/threads/${threadId}/messages`,
      '{"clientMessageId":"c-nul-0001","text":"a\\u0000b"}',
    );
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.detail).toContain('text');
  });

  it('answers 400 validation_failed to a JSON body with a lone surrogate, in a value or a key', async () => {
    const value = await call('POST', '/api/v1/contacts', '{"phone":"+14155550100","displayName":"x\\ud800"}');
    const key = await call('POST', '/api/v1/contacts', '{"phone":"+14155550100","\\udc00":1}');
    expect([value.status, value.body.code]).toEqual([400, 'validation_failed']);
    expect([key.status, key.body.code]).toEqual([400, 'validation_failed']);
  });

  it('answers 400 validation_failed to a query string with a NUL', async () => {
    const threads = await call('GET', '/api/v1/threads?query=a%00b');
    const contacts = await call('GET', '/api/v1/contacts?query=%00');
    expect([threads.status, threads.body.code]).toEqual([400, 'validation_failed']);
    expect([contacts.status, contacts.body.code]).toEqual([400, 'validation_failed']);
  });

  it('answers 400 validation_failed to a path parameter with a NUL', async () => {
    const r = await call('GET', '/api/v1/threads/a%00b');
    expect([r.status, r.body.code]).toEqual([400, 'validation_failed']);
    expect(r.body.detail).toBe('id: contains a character that cannot be stored (NUL or a lone surrogate)');
  });

  it('answers 400 validation_failed to a JSON body nested absurdly deep', async () => {
    const deep = `{"phone":"+14155550100","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const r = await call('POST', '/api/v1/contacts', deep);
    expect([r.status, r.body.code]).toEqual([400, 'validation_failed']);
  });
});

describe('bodies the server cannot read', () => {
  it('answers 400 to a Bot Framework body that is not an activity (no type), not 500', async () => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"hello"}',
    });
    expect(res.status).toBe(400);
  });

  it('answers a body its parser refuses (malformed JSON to the bot endpoint) with 400 validation_failed, not 500', async () => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).code).toBe('validation_failed');
  });
});
