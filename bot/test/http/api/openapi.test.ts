import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type LiveEventType, type LiveResync } from '@bridgeline/shared';
import { isUndescribed, openApiDocument, UNDESCRIBED_ROUTES } from '../../../src/http/openapi.js';
import { API_ROUTES } from '../../../src/http/routes/index.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

type Operation = { operationId: string; security?: unknown[]; parameters: { name: string }[] };
type Doc = { paths: Record<string, Record<string, Operation>> };

/** The routes the server registers (restify's own list), in restify's path form, with lower-case methods. */
function registeredRoutes(app: TestApp): { path: string; method: string }[] {
  const server = app.running.server!;
  const routes = (
    server.router as unknown as { getRoutes(): Record<string, { path: string; method: string }> }
  ).getRoutes();
  return Object.values(routes).map((r) => ({
    path: String(r.path),
    method: r.method.toLowerCase() === 'del' ? 'delete' : r.method.toLowerCase(),
  }));
}
const asOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** Every operation of the document, as `METHOD /path operationId`. */
const operations = (d: Doc) =>
  Object.entries(d.paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([m, op]) => ({ method: m, path: p, op })),
  );

let app: TestApp;
let tabDir: string;
let doc: Doc;
let apiMd: string;

beforeAll(async () => {
  // With the tab's files and the sandbox, so every kind of route the server has is registered.
  tabDir = await mkdtemp(path.join(tmpdir(), 'bridgeline-tab-'));
  app = await startTestApp({ tabDir });
  expect(app.running.dev).not.toBeNull();
  const res = await fetch(`${app.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
  apiMd = await readFile(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
});
afterAll(async () => {
  await app?.stop();
  if (tabDir) await rm(tabDir, { recursive: true, force: true });
});

describe('GET /api/openapi.json', () => {
  it('describes every route the server registers, with its method', () => {
    const routes = registeredRoutes(app)
      .filter((r) => !isUndescribed(r.method, r.path))
      .map((r) => ({ ...r, path: asOpenApi(r.path) }));
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter((r) => !doc.paths[r.path]?.[r.method]).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('describes no route the server does not serve', () => {
    const served = new Set(registeredRoutes(app).map((r) => `${r.method} ${asOpenApi(r.path)}`));
    const stale = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .map((m) => `${m} ${path}`)
        .filter((key) => !served.has(key)),
    );
    expect(stale).toEqual([]);
  });

  it("leaves out only the tab's files and the sandbox, each of them really registered and none of them described", () => {
    const left = registeredRoutes(app).filter((r) => isUndescribed(r.method, r.path));
    for (const r of UNDESCRIBED_ROUTES) {
      const matching = left.filter((l) =>
        'prefix' in r ? l.path.startsWith(r.prefix) : l.method === r.method && l.path === r.path,
      );
      expect(matching.length, r.why).toBeGreaterThan(0);
    }
    expect(operations(doc).filter((o) => isUndescribed(o.method, o.path))).toEqual([]);
  });

  it('names every operation with an operationId of its own', () => {
    const ids = operations(doc).map((o) => o.op.operationId);
    expect(ids.every((id) => /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("describes the WhatsApp webhook: the handshake's hub.* parameters and the signed POST, outside bearer auth", () => {
    const webhook = doc.paths['/api/whatsapp/webhook']!;
    expect(webhook.get!.parameters.map((p) => p.name)).toEqual([
      'hub.mode',
      'hub.verify_token',
      'hub.challenge',
    ]);
    expect(webhook.post!.parameters.map((p) => p.name)).toEqual(['X-Hub-Signature-256']);
    expect(webhook.post!.security).toEqual([]);
    expect(JSON.stringify(webhook.post)).toContain('whatsapp_business_account');
  });

  it('keeps the REST API behind the bearer token and lists query parameters from their schemas', () => {
    expect(doc.paths['/api/v1/templates']!.get!.security).toBeUndefined();
    expect(doc.paths['/api/v1/threads']!.get!.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['cursor']),
    );
  });

  it('lists the dev token endpoint only where dev sign-in is on', () => {
    expect(doc.paths['/api/v1/dev/token']?.post).toBeDefined();
    const entra = openApiDocument(API_ROUTES, { devSignIn: false }) as Doc;
    expect(entra.paths['/api/v1/dev/token']).toBeUndefined();
    expect(entra.paths['/api/v1/threads']).toBeDefined();
  });
});

describe('docs/api.md', () => {
  /** Its operation rows: | `GET` | `/api/v1/threads/{id}` | `getThread` | enabled | … */
  const rows = () =>
    [...apiMd.matchAll(/^\| `([A-Z]+)` \| `([^`]+)` \| `(\w+)` \| ([a-z-]+) \|/gm)].map(
      ([, method, path, operationId, auth]) => ({
        method: method!,
        path: path!,
        operationId: operationId!,
        auth: auth!,
      }),
    );

  it('describes every operation of the served document by method, path and operationId, and no other', () => {
    const described = rows().map((r) => `${r.method} ${r.path} ${r.operationId}`);
    const served = operations(doc).map((o) => `${o.method.toUpperCase()} ${o.path} ${o.op.operationId}`);
    expect(described.sort()).toEqual(served.sort());
  });

  it('says which operations need no bearer token, as the document does', () => {
    const security = new Map(operations(doc).map((o) => [o.op.operationId, o.op.security]));
    const wrong = rows().filter((r) => (r.auth === 'public') !== Array.isArray(security.get(r.operationId)));
    expect(wrong).toEqual([]);
    const table = new Map([...API_ROUTES].map((r) => [r.operationId, r.auth]));
    expect(rows().filter((r) => table.has(r.operationId) && table.get(r.operationId) !== r.auth)).toEqual([]);
  });

  it('lists every problem code with its status', () => {
    const missing = Object.entries(ERROR_CODES)
      .filter(([code, { status }]) => !new RegExp(`^\\| \`${code}\` \\| ${status} \\|`, 'm').test(apiMd))
      .map(([code]) => code);
    expect(missing).toEqual([]);
  });

  it('names every event the live stream sends', () => {
    const events = {
      'thread.updated': true,
      'message.created': true,
      'message.updated': true,
      resync: true,
    } satisfies Record<LiveEventType | LiveResync['type'], true>;
    expect(Object.keys(events).filter((e) => !apiMd.includes(`\`event: ${e}\``))).toEqual([]);
  });

  it('points readers to the served document and nowhere outside the repository', () => {
    expect(apiMd).toContain('/api/openapi.json');
    expect(apiMd).not.toMatch(/https?:\/\//);
  });
});
