/**
 * Scale (issue 17): the built server as 2 ROLE=web and 2 ROLE=worker processes on one real PostgreSQL, the WhatsApp
 * adapter pointed at a stub Graph API, measured side by side in one run:
 *  - outbound for one business number: a backlog of member sends made through the web processes' HTTP API, drained
 *    by the two workers to the stub, against a raw FOR UPDATE SKIP LOCKED loop in two processes of its own (same
 *    database, same stub, same connections per process); then the per-number limiter at a rate the box exceeds
 *    (achieved rate from the stub's arrivals); order per contact checked on the stub's arrivals throughout;
 *  - inbound: signed webhooks at 100/s to web A, each message seen on Alice's live stream (SSE) on web B.
 * SCALE_SECONDS (default 60) sets the outbound drain; the inbound run lasts half of it (at least 10 s).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { withBenchDatabase } from '../support/bench-database.js';
import { recordResult } from '../support/results.js';
import { postWebhook, signedInbound, startCluster, type Cluster } from './cluster.js';
import { inboundLatency } from './inbound.js';
import {
  appDrain,
  CONCURRENCY_PER_WORKER,
  fillThroughApi,
  orderViolations,
  rateOf,
  rawDrain,
  steadyRate,
  type Pair,
} from './outbound.js';
import { startScaleStub } from './stub-graph.js';

const SECONDS = Number(process.env.SCALE_SECONDS ?? 60);
const CONTACTS = 200;
const INBOUND_RATE = 100;
const LIMIT_SECONDS = Math.max(10, Math.min(20, SECONDS / 3));
/** At most this many member sends are made through the API for the unbound drain (the fill takes time too). */
const MAX_BACKLOG = Number(process.env.SCALE_MAX_BACKLOG ?? 40_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => console.log(`  ${line}`);

/** Every contact writes first (a thread each, opted in, window open); Alice claims every thread. */
async function seed(cluster: Cluster): Promise<Pair[]> {
  const waIds = Array.from({ length: CONTACTS }, (_, i) => `1415${String(7000000 + i)}`);
  const hooks = waIds.map((w) => signedInbound(cluster.appSecret, w, 'Hello'));
  for (let i = 0; i < hooks.length; i += 20)
    await Promise.all(hooks.slice(i, i + 20).map((h) => postWebhook(cluster.web[0], h)));
  const wamids = hooks.map((h) => h.wamid);
  let rows: { wamid: string; thread_id: string }[] = [];
  for (let t = 0; t < 600 && rows.length < CONTACTS; t++) {
    await sleep(100);
    rows = (
      await cluster.db.query<{ wamid: string; thread_id: string }>(
        `SELECT provider_message_id AS wamid, thread_id FROM messages WHERE provider_message_id = ANY($1)`,
        [wamids],
      )
    ).rows;
  }
  if (rows.length < CONTACTS) throw new Error(`only ${rows.length}/${CONTACTS} first messages applied`);
  const threadOf = new Map(rows.map((r) => [r.wamid, r.thread_id]));
  const pairs = hooks.map((h, i) => ({ waId: waIds[i]!, threadId: threadOf.get(h.wamid)! }));
  for (let i = 0; i < pairs.length; i += 10)
    await Promise.all(
      pairs.slice(i, i + 10).map(async (p) => {
        const r = await cluster.api(cluster.web[0], 'POST', `/api/v1/threads/${p.threadId}/claim`);
        if (![200, 201].includes(r.status)) throw new Error(`claim: ${r.status} ${JSON.stringify(r.body)}`);
      }),
    );
  return pairs;
}

/** Workers stopped: what one phase left queued is dropped, so the next phase measures only its own sends. */
async function dropQueued(cluster: Cluster): Promise<number> {
  const { rowCount } = await cluster.db.query(`DELETE FROM messages WHERE status = 'queued'`);
  return rowCount ?? 0;
}

export async function run(): Promise<void> {
  console.log(
    `\n# Scale: 2 web + 2 worker processes of bot/dist/main.js on one PostgreSQL, stub Graph API (${SECONDS} s drains)`,
  );
  await withBenchDatabase(async (url) => {
    // Commits wait for the WAL as on a production server (the throwaway cluster turns that off for tests).
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${new URL(url).pathname.slice(1)} SET synchronous_commit = on`);
    await admin.end();
    const stub = await startScaleStub();
    const cluster = await startCluster(url, stub.baseUrl);
    try {
      const t0 = performance.now();
      const pairs = await seed(cluster);
      say(
        `seeded ${pairs.length} contacts (threads claimed by alice) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );

      // ── Outbound, unbound: the raw loop, then the app on a backlog made through the API ──
      await cluster.stopWorkers();
      const raw = await rawDrain(cluster, stub, url, 200_000, SECONDS);
      say(
        `raw SKIP LOCKED loop (2 processes × ${CONCURRENCY_PER_WORKER} connections): ${raw.sent} sent in ${SECONDS} s → ${raw.perSecond.toFixed(0)} msg/s`,
      );
      const backlog = Math.min(MAX_BACKLOG, Math.ceil(raw.perSecond * SECONDS * 0.8));
      const fill = await fillThroughApi(cluster, pairs, backlog, 1);
      say(
        `backlog through the API (16 members' clients on web A and B): ${fill.accepted} sends accepted at ${fill.perSecond.toFixed(0)}/s (${fill.failures} refused)`,
      );
      const app = await appDrain(cluster, stub, fill.accepted, SECONDS);
      const appRate = rateOf(app);
      const ratio = appRate / raw.perSecond;
      const unboundViolations = orderViolations(app);
      say(
        `app (2 ROLE=worker × ${CONCURRENCY_PER_WORKER} deliver jobs): ${app.length}/${fill.accepted} sent in ${((app.at(-1)!.at - app[0]!.at) / 1000).toFixed(1)} s → ` +
          `${appRate.toFixed(0)} msg/s → ratio ${ratio.toFixed(2)}× the raw loop (target ≥ 0.8×: ${ratio >= 0.8 ? 'met' : 'NOT met'}); order violations ${unboundViolations}`,
      );

      // ── Outbound through the per-number limiter, at half of what the app just reached ──
      await cluster.stopWorkers();
      const left = await dropQueued(cluster);
      if (left > 0) say(`(${left} sends the unbound drain did not reach in ${SECONDS} s dropped)`);
      const limit = Math.max(5, Math.round(appRate / 2));
      const limitedFill = await fillThroughApi(
        cluster,
        pairs,
        Math.ceil(limit * LIMIT_SECONDS),
        Math.ceil(backlog / pairs.length) + 1,
      );
      const limited = await appDrain(cluster, stub, limitedFill.accepted, LIMIT_SECONDS + 5, {
        WHATSAPP_RATE_PER_SECOND: String(limit),
      });
      const achieved = steadyRate(limited);
      const limiterErrorPct = ((achieved - limit) / limit) * 100;
      const limitedViolations = orderViolations(limited);
      say(
        `per-number limiter at ${limit}/s: ${limited.length} sent, steady rate ${achieved.toFixed(1)}/s (after the first 1.5 s) → ` +
          `${limiterErrorPct.toFixed(1)}% off (target ±5%: ${Math.abs(limiterErrorPct) <= 5 ? 'met' : 'NOT met'}); order violations ${limitedViolations}`,
      );
      const orderViolationsTotal = unboundViolations + limitedViolations;
      recordResult({
        name: 'scale-outbound',
        target: '≥ 0.8× a raw SKIP LOCKED loop in the same topology; limiter within ±5%; 0 order violations',
        ratio: Number(ratio.toFixed(3)),
        unit: '× raw loop (msg/s)',
        figures: {
          seconds: SECONDS,
          rawPerSecond: Math.round(raw.perSecond),
          appPerSecond: Math.round(appRate),
          apiSendsPerSecond: Math.round(fill.perSecond),
          backlog: fill.accepted,
          limiterRate: limit,
          limiterAchieved: Number(achieved.toFixed(1)),
          limiterErrorPct: Number(limiterErrorPct.toFixed(2)),
          orderViolations: orderViolationsTotal,
          backlogSource:
            'POST /api/v1/threads/:id/messages on both web processes, workers stopped while filling',
        },
      });

      // ── Inbound: webhook on web A → message.created on web B's stream ──
      await cluster.stopWorkers();
      await dropQueued(cluster);
      await cluster.restartWorkers();
      const inSeconds = Math.max(10, SECONDS / 2);
      const inbound = await inboundLatency(cluster, pairs, INBOUND_RATE, inSeconds);
      const met = inbound.p99 < 250 && inbound.seen === inbound.acknowledged;
      say(
        `inbound at ${inbound.achievedPerSecond.toFixed(0)} msg/s for ${inSeconds} s: ${inbound.acknowledged}/${inbound.sent} acknowledged, ${inbound.seen} seen on web B's stream; ` +
          `latency p50 ${inbound.p50.toFixed(0)} ms, p95 ${inbound.p95.toFixed(0)} ms, p99 ${inbound.p99.toFixed(0)} ms, max ${inbound.max.toFixed(0)} ms (target p99 < 250 ms: ${met ? 'met' : 'NOT met'})`,
      );
      recordResult({
        name: 'scale-inbound',
        target: 'p99 < 250 ms at 100 messages/s, signed webhook on one web process → SSE on another',
        value: Number(inbound.p99.toFixed(1)),
        unit: 'ms (p99)',
        figures: {
          ratePerSecond: Number(inbound.achievedPerSecond.toFixed(1)),
          seconds: inSeconds,
          sent: inbound.sent,
          acknowledged: inbound.acknowledged,
          seen: inbound.seen,
          p50: Number(inbound.p50.toFixed(1)),
          p95: Number(inbound.p95.toFixed(1)),
          p99: Number(inbound.p99.toFixed(1)),
          max: Number(inbound.max.toFixed(1)),
        },
      });
    } finally {
      await cluster.stop();
      await stub.stop();
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
