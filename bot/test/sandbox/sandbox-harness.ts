import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import restify from 'restify';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/app/context.js';
import { createSandbox, type SandboxModule } from '../../src/sandbox/sandbox.module.js';
import { SANDBOX_ACCESS_TOKEN } from '../../src/sandbox/graph/graph.routes.js';
import type { SandboxSettingsUpdate } from '../../src/sandbox/sandbox-settings.js';
import { GraphApiClient } from '../../src/whatsapp/graph/graph-api.client.js';
import { parseWebhook, type WebhookBatch } from '../../src/whatsapp/webhook/webhook-payload.parser.js';
import { SANDBOX_APP_SECRET } from '../../src/whatsapp/webhook/sandbox-credentials.js';
import { verifySignature } from '../../src/whatsapp/webhook/webhook-signature.js';
import { TestClock } from '../support/test-app.js';
import { eventually } from '../support/eventually.js';

export interface ReceivedWebhook {
  raw: Buffer;
  signed: boolean;
  /** Whether the app's own parser accepted the body. */
  parsed: boolean;
  body: Record<string, unknown>;
  batch: WebhookBatch;
}

export interface SandboxHarness {
  url: string;
  clock: TestClock;
  sandbox: SandboxModule;
  client: GraphApiClient;
  webhooks: ReceivedWebhook[];
  /** What the webhook endpoint answers (default 200); tests make it fail to see retries. */
  webhookStatus: number;
  settings(update: SandboxSettingsUpdate): Promise<void>;
  /** Waits until `predicate` holds over the received webhooks (or fails after 5 s). */
  waitFor(predicate: (hooks: ReceivedWebhook[]) => boolean): Promise<void>;
  phone<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export const BUSINESS = { phoneNumberId: '100000000000001', wabaId: '200000000000001' };

/**
 * The sandbox alone on a restify server, with a stand-in webhook endpoint that records what it receives and checks the
 * signature over the raw bytes. Statuses are fast (5 ms apart) unless a test changes it.
 */
export async function startSandbox(): Promise<SandboxHarness> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
  const clock = new TestClock();
  const ctx = {
    clock,
    templates: { optIn: config.whatsapp.optInTemplate, resume: config.whatsapp.resumeTemplate },
  } as unknown as AppContext;
  const sandbox = createSandbox({ config, ctx, log: pino({ level: 'silent' }) });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  const webhooks: ReceivedWebhook[] = [];
  const harness = { webhookStatus: 200 } as SandboxHarness;
  server.post('/api/whatsapp/webhook', (req, res, next) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      const parsed = parseWebhook(body);
      if (harness.webhookStatus === 200) {
        webhooks.push({
          raw,
          signed: verifySignature(raw, req.headers['x-hub-signature-256'], SANDBOX_APP_SECRET),
          body,
          parsed: parsed.ok,
          batch: parsed.ok
            ? parsed
            : {
                numbers: [],
                templateUpdates: [],
                accountUpdates: [],
                ignoredFields: [],
                unapplied: [],
                skipped: [],
              },
        });
      }
      res.status(harness.webhookStatus);
      res.sendRaw('');
      next();
    });
  });
  sandbox.routes(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const phone = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  Object.assign(harness, {
    url,
    clock,
    sandbox,
    client: new GraphApiClient({
      baseUrl: `${url}/sandbox/graph`,
      accessToken: SANDBOX_ACCESS_TOKEN,
      mediaHosts: [new URL(url).host],
    }),
    webhooks,
    async settings(update: SandboxSettingsUpdate) {
      const r = await phone('PUT', '/sandbox/settings', update);
      if (r.status !== 200) throw new Error(`settings refused: ${JSON.stringify(r.body)}`);
    },
    async waitFor(predicate: (hooks: ReceivedWebhook[]) => boolean) {
      await eventually('the sandbox to post the webhooks expected', () => predicate(webhooks), {
        withinMs: 5_000,
        everyMs: 10,
      });
    },
    phone,
    async stop() {
      sandbox.close();
      server.server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  await harness.settings({ statusDelayMs: 5 });
  return harness;
}

/** Every status of every received webhook, flattened, in arrival order. */
export function statusesOf(hooks: ReceivedWebhook[]) {
  return hooks.flatMap((h) => h.batch.numbers.flatMap((n) => n.statuses));
}

export function inboundOf(hooks: ReceivedWebhook[]) {
  return hooks.flatMap((h) => h.batch.numbers.flatMap((n) => n.inbound));
}

/** Back to the settings every test starts from (fast statuses, no faults), the webhook endpoint accepting. */
/**
 * One sandbox for the test file: started before its tests, stopped after them, its settings reset before each test.
 * `newWaId` gives a fresh contact number per call (never ending in 0000).
 */
export function useSandbox(): { readonly h: SandboxHarness; newWaId(): string } {
  let started: SandboxHarness | undefined;
  let counter = 0;
  beforeAll(async () => {
    started = await startSandbox();
  });
  afterAll(async () => {
    await started?.stop();
  });
  beforeEach(() => resetSandbox(started!));
  return {
    get h() {
      if (!started) throw new Error('the sandbox is used before it started (outside a test)');
      return started;
    },
    newWaId: () => `1415555${String(2000 + ++counter)}`,
  };
}

export async function resetSandbox(h: SandboxHarness): Promise<void> {
  h.webhookStatus = 200;
  await h.settings({
    statusDelayMs: 5,
    latencyMs: 0,
    errorRate: 0,
    throughputPerSecond: 80,
    unreachable: [],
    failuresAs: 'response',
    webhooks: true,
    duplicateRate: 0,
  });
}

/** The contact writes a text on their phone; answers its wamid. */
export async function contactWrites(h: SandboxHarness, waId: string, text = 'Hello'): Promise<string> {
  const r = await h.phone<{ id: string }>('POST', `/sandbox/phone/chats/${waId}/messages`, {
    type: 'text',
    text,
  });
  expect(r.status).toBe(201);
  return r.body.id;
}
