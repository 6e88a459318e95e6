import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { startBridgeline, type Running } from '../../src/bootstrap.js';
import { receiveMessage, type InboundMessage } from '../../src/app/receive-message.use-case.js';
import { InMemoryWhatsAppGateway } from '../../src/sandbox/in-memory-whatsapp.gateway.js';
import type { Clock } from '../../src/ports/index.js';
import { freshDatabaseUrl } from './test-database.js';
import { eventually } from './eventually.js';

export class TestClock implements Clock {
  private t: number;
  constructor(start = Date.parse('2026-03-02T09:00:00Z')) {
    this.t = start;
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export const HOUR = 3_600_000;
export const PHONE_NUMBER_ID = '100000000000001';

export interface TestApp {
  running: Running;
  clock: TestClock;
  gateway: InMemoryWhatsAppGateway;
  url: string;
  token(email: string): Promise<string>;
  api(token: string): Api;
  /** A message from a contact, as the WhatsApp adapter hands it over. */
  inbound(
    from: string,
    over?: Partial<InboundMessage>,
  ): Promise<{ threadId: string; messageId: string; providerMessageId: string }>;
  /** Waits until no message is queued or being sent. */
  settle(): Promise<void>;
  sql<T>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export interface Api {
  get<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  post<T = unknown>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  patch<T = unknown>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  put<T = unknown>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  del<T = unknown>(path: string): Promise<{ status: number; body: T }>;
}

export interface TestAppOptions {
  /**
   * `in-memory` (default): sends are kept by `gateway`. `sandbox`: the app's own sandbox gateway, i.e. the real Graph
   * client over HTTP to the simulated Cloud API at /sandbox (and `gateway` stays unused).
   */
  whatsapp?: 'in-memory' | 'sandbox';
  /** Extra settings, as environment variables (e.g. WHATSAPP_CONTACT_BURST). */
  env?: Record<string, string>;
  /** Serve the tab's files from this folder (default: no tab routes). */
  tabDir?: string;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await freshDatabaseUrl();
  const clock = new TestClock();
  const gateway = new InMemoryWhatsAppGateway();
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...(db.url ? { DATABASE_URL: db.url } : {}),
    ...options.env,
  });
  const running = await startBridgeline(config, {
    clock,
    ...(options.whatsapp === 'sandbox' ? {} : { gateway }),
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    inMemoryDatabase: true,
    embeddedSnapshot: db.snapshot,
    tabDir: options.tabDir ?? null,
  });
  const url = running.url;
  const call = (token: string | null) => async (method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const app: TestApp = {
    running,
    clock,
    gateway,
    url,
    async token(email) {
      const r = await call(null)('POST', '/api/v1/dev/token', { email });
      if (r.status !== 200) throw new Error(`no token for ${email}: ${JSON.stringify(r.body)}`);
      return (r.body as { token: string }).token;
    },
    api(token) {
      const c = call(token);
      return {
        get: (p) => c('GET', p),
        post: (p, b) => c('POST', p, b ?? {}),
        patch: (p, b) => c('PATCH', p, b ?? {}),
        put: (p, b) => c('PUT', p, b ?? {}),
        del: (p) => c('DELETE', p),
      } as Api;
    },
    async inbound(from, over = {}) {
      const providerMessageId = over.providerMessageId ?? `wamid.in.${randomUUID()}`;
      const r = await receiveMessage(running.ctx, {
        channel: 'whatsapp',
        providerNumberId: PHONE_NUMBER_ID,
        from: { waId: from.replace(/^\+/, ''), profileName: 'Test Contact' },
        sentAt: clock.now(),
        type: 'text',
        text: 'Hello',
        ...over,
        providerMessageId,
      });
      if (!r.ok) throw new Error(`inbound refused: ${r.code} ${r.detail ?? ''}`);
      if (r.value.status !== 'stored') throw new Error('inbound was a duplicate');
      await app.settle();
      return { threadId: r.value.threadId, messageId: r.value.messageId, providerMessageId };
    },
    async settle() {
      await eventually('no message left queued or sending', async () => {
        const [row] = await running.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM messages WHERE status IN ('queued', 'sending')`,
        );
        return Number(row?.n) === 0;
      });
    },
    sql: (text, params) => running.db.query(text, params),
    async stop() {
      await running.stop();
      await db.drop();
    },
  };
  return app;
}

let phoneCounter = 0;
/** A fresh, valid US number per call, so tests sharing an app never share a contact. */
export function newPhone(): string {
  phoneCounter += 1;
  return `+1415555${String(1000 + phoneCounter)}`;
}
export const clientId = () => `c-${randomUUID()}`;

export { eventually } from './eventually.js';

/** A JSON call to the sandbox's phone page API (`/sandbox/phone/…`), as the contact's browser makes it. */
export async function phoneCall<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(url + path, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
