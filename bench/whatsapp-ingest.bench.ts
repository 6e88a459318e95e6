/**
 * WhatsApp webhook ingest (issue 3, Performance): realistic batches (one message and three statuses, 20% duplicates)
 * posted to the app's signed `/api/whatsapp/webhook`, against a bare restify handler doing one INSERT per request, on
 * the same real PostgreSQL database, side by side. Throughput (closed loop), acknowledgement latency at 320 requests/s
 * (open loop), and no duplicate rows afterwards.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import pino from 'pino';
import restify from 'restify';
import { startBridgeline } from '../bot/src/bootstrap.js';
import { loadConfig } from '../bot/src/config.js';
import { withBenchDatabase } from './support/bench-database.js';
import { closedLoop, describeStatuses, openLoop, percentile } from './support/load.js';
import { posted, shots } from './support/webhook-batches.js';

const THROUGHPUT_REQUESTS = 2_000;
const CONCURRENCY = 32;
const RATE = 320;
const RATE_SECONDS = 5;
const ROUNDS = 3;

async function startBare(url: string): Promise<{ url: string; stop(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(
    'CREATE TABLE bench_bare_events (id bigserial PRIMARY KEY, body jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())',
  );
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.post('/webhook', (req, res, next) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pool
        .query('INSERT INTO bench_bare_events (body) VALUES ($1)', [Buffer.concat(chunks).toString('utf8')])
        .then(() => {
          res.status(200);
          res.sendRaw('');
        })
        .catch(() => {
          res.status(500);
          res.sendRaw('');
        })
        .finally(() => next());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    async stop() {
      server.server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

export async function run(): Promise<void> {
  console.log(
    '\n# WhatsApp webhook ingest: signed batches (1 message + 3 statuses, 20% duplicates) vs a bare restify INSERT',
  );
  await withBenchDatabase(async (url) => {
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      ROLE: 'web',
      DATA_DIR: '.tmp/bench-data',
    });
    const app = await startBridgeline(config, { log: pino({ level: 'silent' }), tabDir: null });
    const bare = await startBare(url);
    const appUrl = `${app.url}/api/whatsapp/webhook`;
    try {
      // Warm both (connections, JIT, prepared plans).
      const warm = shots(200);
      await closedLoop(appUrl, warm, 8);
      await closedLoop(bare.url, warm, 8);

      // Each round its own fresh bodies (the same list to both servers): a body posted in an earlier round would be a
      // redelivery the app answers without the database.
      const rounds: { app: number; bare: number }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const load = shots(THROUGHPUT_REQUESTS);
        const b = await closedLoop(bare.url, load, CONCURRENCY);
        const a = await closedLoop(appUrl, load, CONCURRENCY);
        if (a.statuses.size !== 1 || !a.statuses.has(200))
          throw new Error(`app answered ${describeStatuses(a.statuses)}`);
        rounds.push({ app: a.perSecond, bare: b.perSecond });
      }
      const best = (k: 'app' | 'bare') => Math.max(...rounds.map((r) => r[k]));
      const ratio = best('app') / best('bare');
      console.log(
        `  throughput (${THROUGHPUT_REQUESTS} fresh requests per round, ${CONCURRENCY} clients, best of ${ROUNDS}): bare ${best('bare').toFixed(0)} req/s, ` +
          `app ${best('app').toFixed(0)} req/s → ratio ${ratio.toFixed(2)}× (target ≥ 0.5×: ${ratio >= 0.5 ? 'met' : 'NOT met'}; ` +
          `rounds app/bare ${rounds.map((r) => `${r.app.toFixed(0)}/${r.bare.toFixed(0)}`).join(', ')})`,
      );

      const paced = shots(RATE * RATE_SECONDS);
      const b = await openLoop(bare.url, paced, RATE);
      const a = await openLoop(appUrl, paced, RATE);
      const line = (name: string, r: typeof a) =>
        `${name} p50 ${percentile(r.latencies, 0.5).toFixed(1)} ms, p99 ${percentile(r.latencies, 0.99).toFixed(1)} ms, max ${Math.max(...r.latencies).toFixed(1)} ms (sent at ${r.achievedPerSecond.toFixed(0)} req/s; ${describeStatuses(r.statuses)})`;
      const p99 = percentile(a.latencies, 0.99);
      console.log(`  ack latency at ${RATE} req/s for ${RATE_SECONDS} s: ${line('bare', b)}`);
      console.log(`  ack latency at ${RATE} req/s for ${RATE_SECONDS} s: ${line('app', a)}`);
      console.log(
        `  app p99 ${p99.toFixed(1)} ms vs bare ${percentile(b.latencies, 0.99).toFixed(1)} ms → ratio ${(p99 / percentile(b.latencies, 0.99)).toFixed(2)}× (target p99 < 250 ms: ${p99 < 250 ? 'met' : 'NOT met'})`,
      );

      // Apply the inbox as a worker process would, then compare every table with what was posted.
      const worker = await startBridgeline(
        loadConfig({
          PORT: '0',
          LOG_LEVEL: 'silent',
          DATABASE_URL: url,
          ROLE: 'worker',
          DATA_DIR: '.tmp/bench-data',
        }),
        { log: pino({ level: 'silent' }), tabDir: null },
      );
      const applyStarted = performance.now();
      try {
        for (;;) {
          const [left] = await app.db.query<{ n: string }>(
            `SELECT count(*) AS n FROM webhook_inbox WHERE processed_at IS NULL`,
          );
          if (Number(left?.n) === 0) break;
          if (performance.now() - applyStarted > 300_000)
            throw new Error(`${left?.n} inbox items not applied in 5 min`);
          await new Promise((r) => setTimeout(r, 200));
        }
      } finally {
        await worker.stop();
      }
      const applySeconds = (performance.now() - applyStarted) / 1000;
      const count = async (text: string) => Number((await app.db.query<{ n: string }>(text))[0]?.n);
      const stored = {
        inboxMessages: await count(`SELECT count(*) AS n FROM webhook_inbox WHERE kind = 'message'`),
        inboxStatuses: await count(`SELECT count(*) AS n FROM webhook_inbox WHERE kind = 'status'`),
        inboxErrors: await count(`SELECT count(*) AS n FROM webhook_inbox WHERE error IS NOT NULL`),
        messages: await count(`SELECT count(*) AS n FROM messages WHERE direction = 'in'`),
        statuses: await count(`SELECT count(*) AS n FROM message_statuses`),
      };
      const dups =
        (await count(
          `SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE provider_message_id IS NOT NULL GROUP BY provider_message_id HAVING count(*) > 1) d`,
        )) +
        (await count(
          `SELECT count(*) AS n FROM (SELECT 1 FROM message_statuses GROUP BY tenant_id, provider_message_id, status HAVING count(*) > 1) d`,
        ));
      const expected = { messages: posted.messages.size, statuses: posted.statuses.size };
      const exact =
        stored.inboxMessages === expected.messages &&
        stored.messages === expected.messages &&
        stored.inboxStatuses === expected.statuses &&
        stored.statuses === expected.statuses &&
        stored.inboxErrors === 0 &&
        dups === 0;
      console.log(
        `  stored vs posted (unique): inbox ${stored.inboxMessages}/${expected.messages} messages and ${stored.inboxStatuses}/${expected.statuses} statuses; ` +
          `after one worker applied it (${applySeconds.toFixed(1)} s, ${((stored.inboxMessages + stored.inboxStatuses) / applySeconds).toFixed(0)} items/s): ` +
          `messages ${stored.messages}/${expected.messages}, message_statuses ${stored.statuses}/${expected.statuses}, ` +
          `set aside ${stored.inboxErrors}, duplicate rows ${dups} (target exact, zero duplicates: ${exact ? 'met' : 'NOT met'})`,
      );
      if (!exact)
        throw new Error(
          `stored rows differ from what was posted: ${JSON.stringify({ stored, expected, dups })}`,
        );
    } finally {
      await bare.stop();
      await app.stop();
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
