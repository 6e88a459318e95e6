import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeline, type Running } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { InMemoryWhatsAppGateway } from '../../src/sandbox/in-memory-whatsapp.gateway.js';
import { TestClock } from '../support/test-app.js';
import { freshDatabaseUrl } from '../support/test-database.js';

/** The server as started (HOST=127.0.0.1, the tab served from a folder): what every answer carries. */
let running: Running;
let tabDir: string;
let dropDatabase: () => Promise<void>;
let token: string;

const silent = () => pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

beforeAll(async () => {
  tabDir = await mkdtemp(path.join(tmpdir(), 'bridgeline-answers-'));
  await writeFile(path.join(tabDir, 'index.html'), '<!doctype html><title>Bridgeline</title>');
  const db = await freshDatabaseUrl();
  dropDatabase = () => db.drop();
  running = await startBridgeline(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ...(db.url ? { DATABASE_URL: db.url } : {}),
    }),
    {
      clock: new TestClock(),
      gateway: new InMemoryWhatsAppGateway(),
      log: silent(),
      inMemoryDatabase: true,
      embeddedSnapshot: db.snapshot,
      tabDir,
    },
  );
  const res = await fetch(`${running.url}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'alice@contoso.test' }),
  });
  token = ((await res.json()) as { token: string }).token;
});
afterAll(async () => {
  await running?.stop();
  await dropDatabase?.();
  await rm(tabDir, { recursive: true, force: true });
});

function call(method: string, pathname: string, init: RequestInit = {}) {
  return fetch(`${running.url}${pathname}`, { method, ...init });
}
const signedIn = () => ({ headers: { authorization: `Bearer ${token}` } });

describe('HOST', () => {
  it('is the address the server listens on', () => {
    expect((running.server!.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('stops start with one line when this machine has no such address', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): a valid address no machine here has.
    // The run's migrated database (a copy on a server, the snapshot embedded): the refusal comes after the database
    // is up, and migrating a new one would only make the test slow.
    const db = await freshDatabaseUrl();
    const config = loadConfig({
      PORT: '0',
      HOST: '192.0.2.1',
      LOG_LEVEL: 'silent',
      ...(db.url ? { DATABASE_URL: db.url } : {}),
    });
    const start = startBridgeline(config, {
      gateway: new InMemoryWhatsAppGateway(),
      log: silent(),
      inMemoryDatabase: true,
      embeddedSnapshot: db.snapshot,
      tabDir: null,
    }).finally(() => db.drop());
    const error = await start.then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^listen EADDRNOTAVAIL\b.*192\.0\.2\.1/);
    expect(error?.message).not.toContain('\n');
  });
});

describe('X-Content-Type-Options: nosniff', () => {
  it('is on an API JSON answer', async () => {
    const res = await call('GET', '/api/v1/me', signedIn());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is on a problem answer, and on restify refusals', async () => {
    const unauthorized = await call('GET', '/api/v1/me');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('content-type')).toBe('application/problem+json');
    expect(unauthorized.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await call('GET', '/api/v1/nothing-here', signedIn());
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    const wrongMethod = await call('DELETE', '/api/v1/me', signedIn());
    expect(wrongMethod.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is on a static file of the tab, and on the health answers', async () => {
    const page = await call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const health = await call('GET', '/healthz');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('a wrong method on an existing path', () => {
  it('answers 405 method_not_allowed with an Allow header (DELETE /api/v1/me)', async () => {
    const res = await call('DELETE', '/api/v1/me', signedIn());
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')?.split(', ')).toContain('GET');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 405,
      code: 'method_not_allowed',
      type: 'https://bridgeline.dev/problems/method-not-allowed',
    });
  });

  it('answers 405 on the WhatsApp webhook, naming GET and POST (PUT /api/whatsapp/webhook)', async () => {
    const res = await call('PUT', '/api/whatsapp/webhook', {
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'POST']);
    expect(await res.json()).toMatchObject({ code: 'method_not_allowed' });
  });

  it('still answers 404 not_found on a path that does not exist for any method', async () => {
    const res = await call('DELETE', '/api/v1/nothing-here', signedIn());
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found' });
  });
});

describe('a body the bot endpoint cannot parse', () => {
  it('answers 400 validation_failed, not 500', async () => {
    const res = await call('POST', '/api/messages', {
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message",',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'validation_failed' });
  });
});
