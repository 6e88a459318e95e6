import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BridgelineProcess, freePort } from '../../bot/test/reliability/processes.js';
import { signBody } from '../../bot/src/whatsapp/webhook/webhook-signature.js';

/**
 * The topology of the scale harness: two ROLE=web and two ROLE=worker processes of the built server
 * (bot/dist/main.js) on one PostgreSQL database, the WhatsApp adapter in Graph mode (not the sandbox) pointed at the
 * harness's stub, with an app secret, a verify token and an archive signing key as in production. Dev sign-in stays
 * (NODE_ENV=production would require Entra), and logs are at `warn`.
 */
export const PHONE_NUMBER_ID = '100000000000001';
export const WABA_ID = '200000000000001';

export interface Cluster {
  web: [BridgelineProcess, BridgelineProcess];
  workers: [BridgelineProcess, BridgelineProcess];
  db: pg.Pool;
  appSecret: string;
  /** Restarts both workers with these settings on top of the base ones (e.g. another rate limit). */
  restartWorkers(extra?: Record<string, string>): Promise<void>;
  stopWorkers(): Promise<void>;
  token(): Promise<string>;
  api<T>(
    web: BridgelineProcess,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export async function startCluster(url: string, graphBaseUrl: string): Promise<Cluster> {
  const work = mkdtempSync(path.join(tmpdir(), 'bl-scale-'));
  const appSecret = randomBytes(16).toString('hex');
  const signingKey = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const base: Record<string, string> = {
    DATABASE_URL: url,
    DATA_DIR: path.join(work, 'data'),
    LOG_LEVEL: process.env.SCALE_LOG_LEVEL ?? 'warn',
    AUTH_MODE: 'dev',
    WHATSAPP_ACCESS_TOKEN: 'bench-scale-access-token',
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: randomBytes(8).toString('hex'),
    WHATSAPP_GRAPH_BASE_URL: graphBaseUrl,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_WABA_ID: WABA_ID,
    // Meta's ceiling: the per-number limiter is in the path (its round trips paid) but does not bind.
    WHATSAPP_RATE_PER_SECOND: '1000',
    // The per-contact pacing is not what is measured here: it must never bind.
    WHATSAPP_CONTACT_INTERVAL_SECONDS: '0.001',
    WHATSAPP_CONTACT_BURST: '100',
    ARCHIVE_SIGNING_KEY: signingKey,
  };
  const make = async (role: 'web' | 'worker', name: string) =>
    new BridgelineProcess(role, await freePort(), base, path.join(work, `${name}.log`));
  const workers = [await make('worker', 'worker-1'), await make('worker', 'worker-2')] as Cluster['workers'];
  const web = [await make('web', 'web-a'), await make('web', 'web-b')] as Cluster['web'];
  const all = [...workers, ...web];
  const db = new pg.Pool({ connectionString: url, max: 4 });
  try {
    // The first process migrates the schema; the others start once it is ready.
    workers[0].start();
    await workers[0].waitReady();
    for (const p of [workers[1], ...web]) p.start();
    await Promise.all([workers[1], ...web].map((p) => p.waitReady()));
  } catch (error) {
    for (const p of all) p.killNow();
    throw new Error(`${error instanceof Error ? error.message : String(error)} (logs in ${work})`);
  }

  let tokenPromise: Promise<string> | null = null;
  const token = () =>
    (tokenPromise ??= (async () => {
      const res = await fetch(`${web[0].url}/api/v1/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'alice@contoso.test' }),
      });
      if (res.status !== 200) throw new Error(`dev token: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    })());
  const workerEnv = (extra: Record<string, string>) =>
    workers.map((w) => new BridgelineProcess('worker', w.port, { ...base, ...extra }, w.logFile));

  let current = workers;
  return {
    web,
    get workers() {
      return current;
    },
    db,
    appSecret,
    async restartWorkers(extra = {}) {
      await Promise.all(current.map((w) => w.stop()));
      current = workerEnv(extra) as Cluster['workers'];
      for (const w of current) w.start();
      await Promise.all(current.map((w) => w.waitReady()));
    },
    async stopWorkers() {
      await Promise.all(current.map((w) => w.stop()));
    },
    token,
    async api<T>(p: BridgelineProcess, method: string, route: string, body?: unknown) {
      const res = await fetch(`${p.url}${route}`, {
        method,
        headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as T };
    },
    async stop() {
      await Promise.all([...current, ...web].map((p) => p.stop()));
      await db.end();
      if (process.env.SCALE_KEEP_LOGS) process.stdout.write(`  logs kept in ${work}\n`);
      else rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A Meta-shaped webhook carrying one text from `waId`, escaped and signed as Meta does. */
export function signedInbound(
  appSecret: string,
  waId: string,
  text: string,
): { wamid: string; body: Buffer; signature: string } {
  const wamid = `wamid.scale${randomUUID().replace(/-/g, '')}`;
  const json = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100001', phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: `Scale ${waId.slice(-4)}` }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: wamid,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const body = Buffer.from(json);
  return { wamid, body, signature: signBody(body, appSecret) };
}

export async function postWebhook(
  p: BridgelineProcess,
  hook: { body: Buffer; signature: string },
): Promise<number> {
  const res = await fetch(`${p.url}/api/whatsapp/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': hook.signature },
    body: hook.body,
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  return res.status;
}
