import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../src/http/openapi.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/** The routes the server registers, as OpenAPI paths (`:id` → `{id}`), with their lower-case methods. */
function registeredRoutes(app: TestApp): { path: string; method: string }[] {
  const server = app.running.server!;
  const routes = (
    server.router as unknown as { getRoutes(): Record<string, { path: string; method: string }> }
  ).getRoutes();
  return Object.values(routes).map((r) => ({
    path: String(r.path).replace(/:(\w+)/g, '{$1}'),
    method: r.method.toLowerCase() === 'del' ? 'delete' : r.method.toLowerCase(),
  }));
}

/** Not Bridgeline's API: the tab's static files, and the sandbox standing in for Meta's Cloud API. */
const undocumented = (path: string) => path === '/*' || path === '/sandbox' || path.startsWith('/sandbox/');

let app: TestApp;
let doc: { paths: Record<string, Record<string, { security?: unknown[]; parameters: { name: string }[] }>> };

beforeAll(async () => {
  app = await startTestApp();
  const res = await fetch(`${app.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as typeof doc;
});
afterAll(async () => app?.stop());

describe('GET /api/openapi.json', () => {
  it('describes every route the server registers, with its method', () => {
    const routes = registeredRoutes(app).filter((r) => !undocumented(r.path));
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter((r) => !doc.paths[r.path]?.[r.method]).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('describes no route the server does not serve', () => {
    const served = new Set(registeredRoutes(app).map((r) => `${r.method} ${r.path}`));
    const stale = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .map((m) => `${m} ${path}`)
        .filter((key) => !served.has(key)),
    );
    expect(stale).toEqual([]);
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
    const entra = openApiDocument({ devSignIn: false }) as typeof doc;
    expect(entra.paths['/api/v1/dev/token']).toBeUndefined();
    expect(entra.paths['/api/v1/threads']).toBeDefined();
  });
});
