import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Cluster } from './cluster.js';
import type { Arrival, ScaleStub } from './stub-graph.js';

/** One seeded contact: its WhatsApp id (as the stub sees `to`) and the thread Alice claimed. */
export interface Pair {
  waId: string;
  threadId: string;
}

const RAW_WORKER = fileURLToPath(new URL('./raw-worker.mjs', import.meta.url));
/** Each app worker runs 2 `deliver` jobs at once (bootstrap.ts); each raw worker process gets as many connections. */
export const CONCURRENCY_PER_WORKER = 2;
const FILL_CLIENTS = 16;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The baseline: the two app workers stopped, two raw-worker processes drain a backlog of queued rows (the same
 * threads, inserted by SQL) to the same stub for `seconds`. Messages per second, from the stub's arrivals.
 */
export async function rawDrain(
  cluster: Cluster,
  stub: ScaleStub,
  url: string,
  backlog: number,
  seconds: number,
): Promise<{ perSecond: number; sent: number }> {
  const [{ n: pairs } = { n: 0 }] = (
    await cluster.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM threads`)
  ).rows;
  await cluster.db.query(
    `INSERT INTO messages (tenant_id, thread_id, business_number_id, contact_id, direction, type, text, status)
     SELECT t.tenant_id, t.id, t.business_number_id, t.contact_id, 'out', 'text', 'raw ' || g, 'queued'
       FROM threads t, generate_series(1, $1::int) g ORDER BY g, t.id`,
    [Math.ceil(backlog / Math.max(1, pairs))],
  );
  const before = stub.arrivals.length;
  const run = promisify(execFile);
  await Promise.all(
    [0, 1].map(() =>
      run(process.execPath, [RAW_WORKER, url, stub.baseUrl, String(CONCURRENCY_PER_WORKER), String(seconds)]),
    ),
  );
  const arrivals = stub.arrivals.slice(before);
  // What the loop left (it stops at the deadline) is not the app's to send.
  await cluster.db.query(`DELETE FROM messages WHERE status = 'queued' AND text LIKE 'raw %'`);
  return { perSecond: rateOf(arrivals), sent: arrivals.length };
}

/** Arrivals per second from the first to the last (start-up excluded). */
export function rateOf(arrivals: Arrival[]): number {
  if (arrivals.length < 2) return 0;
  return (arrivals.length - 1) / ((arrivals.at(-1)!.at - arrivals[0]!.at) / 1000);
}

/**
 * A backlog made the way members make it: `total` texts POSTed to /api/v1/threads/:id/messages, alternately on web A
 * and web B, by 16 clients, each writing its contacts' texts in order ("scale <n>", one at a time per contact), with
 * the workers stopped so nothing drains meanwhile. Each send commits its row and its `deliver` job together.
 */
export async function fillThroughApi(
  cluster: Cluster,
  pairs: Pair[],
  total: number,
  from: number,
): Promise<{ accepted: number; perSecond: number; failures: number }> {
  const perPair = Math.ceil(total / pairs.length);
  let accepted = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: FILL_CLIENTS }, async (_, k) => {
      const mine = pairs.filter((_, i) => i % FILL_CLIENTS === k);
      for (let n = from; n < from + perPair; n++) {
        for (const [i, pair] of mine.entries()) {
          const web = cluster.web[(i + n) % 2]!;
          const r = await cluster.api(web, 'POST', `/api/v1/threads/${pair.threadId}/messages`, {
            clientMessageId: randomUUID(),
            text: `scale ${n}`,
          });
          if (r.status === 201) accepted++;
          else failures++;
        }
      }
    }),
  );
  return { accepted, perSecond: accepted / ((performance.now() - t0) / 1000), failures };
}

/** Starts the workers and waits until `expected` sends reached the stub, or `seconds` after the first one. */
export async function appDrain(
  cluster: Cluster,
  stub: ScaleStub,
  expected: number,
  seconds: number,
  workerEnv: Record<string, string> = {},
): Promise<Arrival[]> {
  const before = stub.arrivals.length;
  await cluster.restartWorkers(workerEnv);
  const started = performance.now();
  for (;;) {
    const got = stub.arrivals.length - before;
    if (got >= expected) break;
    const first = stub.arrivals[before]?.at;
    if (first !== undefined && performance.now() - first > seconds * 1000) break;
    if (first === undefined && performance.now() - started > 60_000)
      throw new Error('no send reached the stub within 60 s of the workers starting');
    await sleep(100);
  }
  return stub.arrivals.slice(before);
}

/**
 * Order per contact, from the stub's arrivals: per recipient, the `scale <n>` texts must arrive in increasing n.
 * Counts arrivals whose n is lower than one that arrived before it for the same recipient.
 */
export function orderViolations(arrivals: Arrival[]): number {
  const last = new Map<string, number>();
  let violations = 0;
  for (const a of arrivals) {
    const m = /^scale (\d+)$/.exec(a.text);
    if (!m) continue;
    const n = Number(m[1]);
    const prev = last.get(a.to) ?? -1;
    if (n < prev) violations++;
    else last.set(a.to, n);
  }
  return violations;
}

/**
 * The limiter's achieved rate, as in bench/whatsapp-drain.bench.ts: the bucket starts full (one second's worth), so
 * the steady rate is measured over the arrivals after the first 1.5 s.
 */
export function steadyRate(arrivals: Arrival[]): number {
  const first = arrivals[0]?.at ?? 0;
  const late = arrivals.filter((a) => a.at >= first + 1_500);
  return rateOf(late);
}
