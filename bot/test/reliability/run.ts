/**
 * `npm run test:reliability [-- --short]`: the reliability suite (docs/reliability.md).
 *
 * The driver: a throwaway PostgreSQL cluster, the built server as two processes (ROLE=web, ROLE=worker) in sandbox
 * mode, a bounded load of signed webhooks (every one posted several times, in random order) and API sends, SIGKILLs of
 * web and worker mid-load, `pg_ctl restart -m immediate`; then it waits for the system to settle, counts, prints the
 * figures and exits 1 on any loss or duplicate. Loopback only; every process and the cluster are stopped on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openSse, type SseClient } from '../support/sse-client.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.js';
import { count, failures, pending, table } from './count.js';
import {
  deliverSend,
  deliverWebhook,
  inboundWebhook,
  newWamid,
  pool,
  shuffle,
  statusWebhook,
  type Inbound,
  type Send,
  type Webhook,
} from './load.js';
import { BridgelineProcess, freePort } from './processes.js';

const short = process.argv.includes('--short');
const plan = short
  ? {
      contacts: 30,
      messagesPerContact: 3,
      sendsPerContact: 2,
      replays: 3,
      afterRestart: 10,
      budgetMs: 170_000,
    }
  : {
      contacts: 150,
      messagesPerContact: 8,
      sendsPerContact: 4,
      replays: 4,
      afterRestart: 40,
      budgetMs: 900_000,
    };
/** Long runs wait for the sweep to fail the sends cut by a kill (5 minutes after their claim); short ones count them. */
const waitForSweep = !short;
const CONCURRENCY = 8;
const BATCH = 4;

const started = Date.now();
const deadline = started + plan.budgetMs;
const say = (line: string) =>
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: ThrowawayPostgres | null = null;
let web: BridgelineProcess | null = null;
let worker: BridgelineProcess | null = null;
let db: pg.Client | null = null;
let sse: SseClient | null = null;
let work: string | null = null;
let keepLogs = false;

/** Stops everything this run started, pass or fail (also from the signal and exit handlers). */
async function cleanup(): Promise<void> {
  sse?.close();
  await db?.end().catch(() => undefined);
  db = null;
  await Promise.all([web?.stop(), worker?.stop()]);
  await cluster?.stop().catch((err: unknown) => say(`cluster stop failed: ${String(err)}`));
  if (work && !keepLogs) rmSync(work, { recursive: true, force: true });
}
process.on('exit', () => {
  web?.killNow();
  worker?.killNow();
  try {
    cluster?.stopSync();
  } catch {
    // best effort on the way out
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    say(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function connectDb(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/** Queries the database, reconnecting once if PostgreSQL was restarted under the client. */
async function query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  try {
    return (await db!.query<T>(text, params)).rows;
  } catch {
    await db?.end().catch(() => undefined);
    db = await connectDb(cluster!.url);
    return (await db.query<T>(text, params)).rows;
  }
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | false>,
  timeoutMs: number,
): Promise<T> {
  const until = Math.min(deadline, Date.now() + timeoutMs);
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** Runs `tasks` while firing `chaos` steps once the given share of the tasks has started. */
async function withChaos(
  tasks: (() => Promise<void>)[],
  chaos: { at: number; what: string; run: () => Promise<void> }[],
): Promise<void> {
  let startedTasks = 0;
  const pendingChaos = [...chaos].sort((a, b) => a.at - b.at);
  const fired: Promise<void>[] = [];
  const wrapped = tasks.map((t) => async () => {
    startedTasks += 1;
    while (pendingChaos.length > 0 && startedTasks >= pendingChaos[0]!.at * tasks.length) {
      const step = pendingChaos.shift()!;
      say(step.what);
      fired.push(step.run());
    }
    await t();
  });
  await pool(CONCURRENCY, wrapped);
  await Promise.all(fired);
}

/** SIGKILL, then start again at once (a platform restarts a dead instance); the load keeps retrying meanwhile. */
const crash = (p: BridgelineProcess) => async () => {
  await p.kill();
  p.start();
  await p.waitReady();
  say(`${p.role} is back (start ${p.starts})`);
};

async function main(): Promise<void> {
  say(`reliability suite (${short ? 'short' : 'long'}): ${JSON.stringify(plan)}`);
  work = mkdtempSync(join(tmpdir(), 'bridgeline-reliability-'));
  cluster = await startThrowawayPostgres();
  say(`PostgreSQL: ${cluster.url}`);
  // The throwaway cluster runs with synchronous_commit=off (fast tests), so a commit answered to the client in the
  // last few hundred ms before `pg_ctl restart -m immediate` is gone after it: an artefact of the test cluster, not a
  // loss in Bridgeline. Every session of this database commits durably, as a production server does.
  const setup = await connectDb(cluster.url);
  await setup.query(`ALTER DATABASE bridgeline SET synchronous_commit = on`);
  await setup.end();
  const env = {
    DATABASE_URL: cluster.url,
    DATA_DIR: join(work, 'data'),
    LOG_LEVEL: process.env.RELIABILITY_LOG_LEVEL ?? 'warn',
    // A contact gets a burst of sends at once here; the per-contact limiter would only slow the run down.
    WHATSAPP_CONTACT_BURST: '20',
  };
  web = new BridgelineProcess('web', await freePort(), env, join(work, 'web.log'));
  worker = new BridgelineProcess('worker', await freePort(), env, join(work, 'worker.log'));
  // The worker first: it runs the migrations' peers (pg-boss maintenance) and syncs the template catalogue.
  worker.start();
  await worker.waitReady();
  web.start();
  await web.waitReady();
  db = await connectDb(cluster.url);
  const durable = (await db.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0];
  if (durable?.synchronous_commit !== 'on') throw new Error('the cluster does not commit durably');
  say(`web ${web.url} (pid ${web.pid}), worker ${worker.url} (pid ${worker.pid})`);

  let tokenPromise: Promise<string> | null = null;
  const token = () =>
    (tokenPromise ??= (async () => {
      const res = await fetch(`${web!.url}/api/v1/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'alice@contoso.test' }),
      });
      if (res.status !== 200) throw new Error(`dev token: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    })().catch((err: unknown) => {
      tokenPromise = null;
      throw err;
    }));
  const api = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${web!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  };
  await waitFor(
    'the template catalogue',
    async () => {
      const r = await api<{ name: string }[] | { items: { name: string }[] }>('GET', '/api/v1/templates');
      const list = Array.isArray(r.body) ? r.body : (r.body?.items ?? []);
      return list.some((t) => t.name === 'appointment_reminder');
    },
    30_000,
  );

  // ── The load: contacts, their messages, in batches across contacts ──
  const contacts = Array.from({ length: plan.contacts }, (_, i) => `1415${String(5550000 + 1 + i * 7)}`);
  const messages: Inbound[][] = contacts.map((waId) =>
    Array.from({ length: plan.messagesPerContact }, (_, n) => ({
      waId,
      wamid: newWamid(),
      text: `Message ${n + 1} from ${waId}`,
    })),
  );
  const batches = (items: Inbound[]): Webhook[] => {
    const out: Webhook[] = [];
    const mixed = shuffle(items);
    for (let i = 0; i < mixed.length; i += BATCH)
      out.push(inboundWebhook(mixed.slice(i, i + BATCH), new Date()));
    return out;
  };
  const webhooks: Webhook[] = [];
  const replayed = (hooks: Webhook[]) =>
    shuffle(hooks.flatMap((h) => Array.from({ length: plan.replays }, () => h))).map(
      (h) => () => deliverWebhook(() => web!.url, h, deadline),
    );

  // Phase 1: every contact writes first (a thread each, consent by the contact writing); web is killed midway.
  const first = batches(messages.map((m) => m[0]!));
  webhooks.push(...first);
  say(`phase 1: ${first.length} webhooks × ${plan.replays}, SIGKILL web at 50%`);
  await withChaos(replayed(first), [{ at: 0.5, what: 'SIGKILL web', run: crash(web) }]);

  const threadOf = new Map<string, string>();
  await waitFor(
    'the first messages to be applied',
    async () => {
      const rows = await query<{ wamid: string; thread_id: string }>(
        `SELECT provider_message_id AS wamid, thread_id FROM messages WHERE provider_message_id = ANY($1)`,
        [messages.map((m) => m[0]!.wamid)],
      );
      const byWamid = new Map(rows.map((r) => [r.wamid, r.thread_id]));
      for (const m of messages) {
        const t = byWamid.get(m[0]!.wamid);
        if (t) threadOf.set(m[0]!.waId, t);
      }
      return threadOf.size === contacts.length;
    },
    60_000,
  );
  await pool(
    CONCURRENCY,
    [...threadOf.values()].map((id) => async () => {
      await waitFor(
        'a claim',
        async () => [200, 201, 409].includes((await api('POST', `/api/v1/threads/${id}/claim`)).status),
        30_000,
      );
    }),
  );

  // Phase 2: the rest of the messages, and sends, together; the worker is killed, then web again.
  const rest = batches(messages.flatMap((m) => m.slice(1)));
  webhooks.push(...rest);
  const sends: Send[] = contacts.flatMap((waId) =>
    Array.from({ length: plan.sendsPerContact }, (_, n) => ({
      threadId: threadOf.get(waId)!,
      waId,
      clientMessageId: `rel-${waId}-${n}-${Math.random().toString(36).slice(2, 10)}`,
      acknowledged: false,
      messageId: null,
      answers: new Map(),
    })),
  );
  const sendTasks = sends.map((s) => () => deliverSend(() => web!.url, token, s, deadline));
  say(
    `phase 2: ${rest.length} webhooks × ${plan.replays} and ${sends.length} sends, SIGKILL worker, then web`,
  );
  await withChaos(shuffle([...replayed(rest), ...sendTasks]), [
    { at: 0.3, what: 'SIGKILL worker', run: crash(worker) },
    { at: 0.65, what: 'SIGKILL web', run: crash(web) },
  ]);

  // Phase 3: PostgreSQL restarts under both; a tab's stream opened before must see what arrives after.
  sse = await openSse(`${web.url}/api/v1/events?access_token=${encodeURIComponent(await token())}`);
  say('phase 3: pg_ctl restart -m immediate');
  await cluster.restartImmediate();
  // A web process that never gets its live events back shows up below as lost live events (and a 503 readiness).
  await Promise.all([
    web.waitReady(30_000).catch(() => say('web is not ready 30 s after the PostgreSQL restart')),
    worker.waitReady(),
  ]);
  say('PostgreSQL is back');
  const after = contacts.slice(0, plan.afterRestart).map((waId) => ({
    waId,
    wamid: newWamid(),
    text: `After the restart, from ${waId}`,
  }));
  const afterHooks = batches(after);
  webhooks.push(...afterHooks);
  await pool(CONCURRENCY, replayed(afterHooks));

  // Statuses for what was sent: the contact read it (replayed too).
  const wamids = await query<{ id: string; wamid: string; wa_id: string }>(
    `SELECT m.id, m.provider_message_id AS wamid, c.wa_id FROM messages m JOIN contacts c ON c.id = m.contact_id
      WHERE m.direction = 'out' AND m.provider_message_id IS NOT NULL AND m.client_message_id = ANY($1)`,
    [sends.map((s) => s.clientMessageId)],
  );
  const statusHooks: Webhook[] = [];
  for (let i = 0; i < wamids.length; i += BATCH)
    statusHooks.push(
      statusWebhook(
        wamids
          .slice(i, i + BATCH)
          .map((w) => ({ wamid: w.wamid, waId: w.wa_id, status: 'read', messageId: w.id })),
        new Date(),
      ),
    );
  webhooks.push(...statusHooks);
  say(`phase 3: ${afterHooks.length} webhooks after the restart, ${statusHooks.length} status webhooks`);
  await pool(CONCURRENCY, replayed(statusHooks));

  // ── Settle: everything acknowledged applied, nothing queued but what a kill cut ──
  say(waitForSweep ? 'settling (waiting for the sweep, up to 7 minutes)' : 'settling');
  await waitFor(
    'the system to settle',
    async () => {
      const p = await pending(db!).catch(async () => {
        db = await connectDb(cluster!.url);
        return pending(db);
      });
      const cut = waitForSweep ? 0 : p.unconfirmed + p.behindUnconfirmed;
      return p.inbox === 0 && p.queued === cut;
    },
    // Short runs wait for one pass of the once-a-minute sweep: a drain that died with the worker is taken again by the
    // stalled-pair rule (20 s after the message was queued), within 80 s.
    waitForSweep ? 420_000 : 100_000,
  ).catch((err: unknown) => say(`${(err as Error).message}: counting what there is`));

  const afterIds = await query<{ id: string }>(
    `SELECT id FROM messages WHERE direction = 'in' AND provider_message_id = ANY($1)`,
    [after.map((m) => m.wamid)],
  );
  const received = afterIds.filter((m) =>
    sse!.events.some((e) => e.event === 'message.created' && e.data.includes(m.id)),
  ).length;
  const figures = await count(db, {
    webhooks,
    sends,
    live: { expected: after.length, received },
  });
  process.stdout.write(
    `\nReliability figures (${short ? 'short' : 'long'} run, ${Math.round((Date.now() - started) / 1000)} s; web killed ${web.kills}×, worker ${worker.kills}×, PostgreSQL restarted 1×):\n${table(figures)}\n\n`,
  );
  const failed = failures(figures);
  if (failed.length > 0) {
    keepLogs = true;
    process.stdout.write(`FAILED:\n${failed.map((f) => `  - ${f}`).join('\n')}\nlogs kept in ${work}\n`);
    // What a post-mortem needs: the undelivered messages and their pair's delivery jobs.
    const stuck = await query(
      `SELECT m.id, m.status, m.sending_at, m.updated_at, m.provider_message_id,
              (SELECT json_agg(json_build_object('state', j.state, 'retries', j.retry_count, 'started', j.started_on))
                 FROM pgboss.job j WHERE j.name = 'deliver' AND j.data->>'contactId' = m.contact_id::text) AS jobs
         FROM messages m WHERE m.direction = 'out' AND m.status IN ('queued', 'sending')`,
    ).catch((err: unknown) => [{ error: String(err) }]);
    process.stdout.write(`undelivered: ${JSON.stringify(stuck, null, 1)}\n`);
    // …and the webhook items not applied: why each failed, and when it is due again.
    const unapplied = await query(
      `SELECT id, lane, kind, state, attempts, error, next_attempt_at, received_at FROM webhook_inbox
        WHERE processed_at IS NULL ORDER BY id LIMIT 20`,
    ).catch((err: unknown) => [{ error: String(err) }]);
    process.stdout.write(`webhook items not applied: ${JSON.stringify(unapplied, null, 1)}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('PASSED: nothing acknowledged was lost or duplicated\n');
  }
}

const watchdog = setTimeout(() => {
  say(`the run exceeded its budget of ${plan.budgetMs / 1000} s`);
  keepLogs = true;
  void cleanup().finally(() => process.exit(1));
}, plan.budgetMs + 30_000);
watchdog.unref();

main()
  .catch((err: unknown) => {
    keepLogs = true;
    say(`run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (work) say(`logs kept in ${work}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
