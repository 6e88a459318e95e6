import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import pino from 'pino';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStaticTab } from '../../src/http/static-tab.js';

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script src="/assets/app-1a2b3c.js"></script></body></html>';
const SCRIPT = `console.log(${JSON.stringify('Bridgeline '.repeat(2000))});`;

let dir: string;
let server: restify.Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bridgeline-tab-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), INDEX);
  await writeFile(path.join(dir, 'assets', 'app-1a2b3c.js'), SCRIPT);
  await writeFile(path.join(dir, 'assets', 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]));
  server = restify.createServer();
  registerStaticTab(server, dir, pino({ level: 'silent' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw GET (fetch would decompress and hide what was sent). */
function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(`${base}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the tab’s static files', () => {
  it('lets Teams frame the tab and nothing else', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toMatch(/frame-ancestors [^;]*teams\.microsoft\.com/);
    expect(csp).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the app’s index for any page path, fresh every time, and hashed assets as immutable', async () => {
    const page = await get('/threads/123');
    expect(page.body.toString()).toBe(INDEX);
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await get('/assets/app-1a2b3c.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the tab’s folder', async () => {
    const r = await get('/..%2f..%2fetc%2fpasswd');
    expect(r.body.toString()).toBe(INDEX);
  });

  it('answers an unknown API path with a problem, not the app', async () => {
    const r = await get('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body.toString()).code).toBe('not_found');
  });

  it('sends text compressed with Brotli when the browser takes it, the same bytes once decompressed', async () => {
    const r = await get('/assets/app-1a2b3c.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(r.body).toString()).toBe(SCRIPT);
    const again = await get('/assets/app-1a2b3c.js', { 'accept-encoding': 'br' });
    expect(again.body.equals(r.body)).toBe(true);
  });

  it('falls back to gzip, and to plain bytes for a client that takes neither', async () => {
    const gz = await get('/', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(INDEX);
    const refused = await get('/', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString()).toBe(INDEX);
    const plain = await get('/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(INDEX);
  });

  it('leaves images as they are', async () => {
    const r = await get('/assets/icon.png', { 'accept-encoding': 'br, gzip' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-type']).toBe('image/png');
    expect([...r.body]).toEqual([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
  });
});
