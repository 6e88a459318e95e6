/**
 * The compliance archive (issue 13, Performance), on a real PostgreSQL:
 * 1. Webhook ingest with the archive on vs off, side by side: signed batches (1 message + 3 statuses, 20%
 *    redeliveries) posted to one process (ROLE=all) until every item is applied — the acknowledgement never touches
 *    the archive, applying does (a record per message and status, sealed in the same transaction). Rounds alternate
 *    on/off, each on a fresh database. Target: on ≥ 0.9× off.
 * 2. Verify: a chain of synthetic records (sealed as the server seals them) verified by the use case the admin
 *    screen and `npm run archive -- verify` run. Target ≥ 100,000 records/s.
 * `ARCHIVE_BENCH_RECORDS` (default 200,000) sets the chain's length.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { verifyArchive } from '../bot/src/app/compliance/verify-archive.use-case.js';
import { startBridgeline } from '../bot/src/bootstrap.js';
import { loadConfig } from '../bot/src/config.js';
import { ARCHIVE_BATCH } from '../bot/src/app/compliance/compliance-context.js';
import { sha256Text } from '../bot/src/app/compliance/sha256-text.js';
import {
  canonicalJson,
  ChainVerifier,
  GENESIS_HASH,
  sealRecords,
  type ArchiveDraft,
  type StoredRecord,
} from '../bot/src/domain/archive/index.js';
import { withBenchDatabase } from './support/bench-database.js';
import { closedLoop, describeStatuses } from './support/load.js';
import { recordResult } from './support/results.js';
import { shots } from './support/webhook-batches.js';

const REQUESTS = 1_500;
const CONCURRENCY = 32;
const ROUNDS = 2;
const VERIFY_RECORDS = Number(process.env.ARCHIVE_BENCH_RECORDS ?? 200_000);

async function ingestRound(archive: 'on' | 'off'): Promise<{ perSecond: number; records: number }> {
  let result = { perSecond: 0, records: 0 };
  await withBenchDatabase(async (url) => {
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      DATA_DIR: '.tmp/bench-data',
    });
    const app = await startBridgeline(config, {
      log: pino({ level: 'silent' }),
      tabDir: null,
      ...(archive === 'off' ? { archive: 'off' as const } : {}),
    });
    try {
      const appUrl = `${app.url}/api/whatsapp/webhook`;
      await closedLoop(appUrl, shots(100), 8);
      const started = performance.now();
      const r = await closedLoop(appUrl, shots(REQUESTS), CONCURRENCY);
      if (r.statuses.size !== 1 || !r.statuses.has(200))
        throw new Error(`app answered ${describeStatuses(r.statuses)}`);
      for (;;) {
        const [left] = await app.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM webhook_inbox WHERE processed_at IS NULL`,
        );
        if (Number(left?.n) === 0) break;
        if (performance.now() - started > 300_000)
          throw new Error(`${left?.n} inbox items not applied in 5 min`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const seconds = (performance.now() - started) / 1000;
      const [items] = await app.db.query<{ n: string }>(`SELECT count(*) AS n FROM webhook_inbox`);
      const [records] = await app.db.query<{ n: string }>(`SELECT count(*) AS n FROM archive_records`);
      result = { perSecond: Number(items?.n) / seconds, records: Number(records?.n) };
    } finally {
      await app.stop();
    }
  });
  return result;
}

export async function verifyRate(): Promise<{
  perSecond: number;
  seconds: number;
  intact: boolean;
  readSeconds: number;
  checkSeconds: number;
}> {
  let outcome = { perSecond: 0, seconds: 0, intact: false, readSeconds: 0, checkSeconds: 0 };
  await withBenchDatabase(async (url) => {
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      DATA_DIR: '.tmp/bench-data',
      ROLE: 'web',
    });
    const app = await startBridgeline(config, { log: pino({ level: 'silent' }), tabDir: null });
    try {
      const [tenant] = await app.db.query<{ id: string }>(
        `SELECT id FROM tenants ORDER BY created_at LIMIT 1`,
      );
      const tenantId = tenant!.id;
      let head = { seq: 0, hash: GENESIS_HASH };
      const at = Date.parse('2026-01-01T00:00:00Z');
      for (let done = 0; done < VERIFY_RECORDS;) {
        const n = Math.min(2_000, VERIFY_RECORDS - done);
        const drafts: ArchiveDraft[] = Array.from({ length: n }, (_, i) => ({
          tenantId,
          type: 'message.in',
          at: new Date(at + (done + i) * 1000).toISOString(),
          event: 'message.received',
          channel: 'whatsapp',
          thread: { id: randomUUID() },
          contact: {
            id: randomUUID(),
            displayName: 'Bench',
            phone: '+14155550100',
            waId: '14155550100',
            userId: null,
            username: null,
          },
          message: {
            id: randomUUID(),
            direction: 'in',
            type: 'text',
            status: 'delivered',
            providerMessageId: `wamid.${done + i}`,
          },
          details: {},
          content: { text: `Could you confirm the transfer went through? (${done + i})` },
        }));
        const sealed = sealRecords(head, drafts, sha256Text);
        const values: unknown[] = [tenantId];
        const rows = sealed.map((r) => {
          values.push(
            r.seq,
            r.payload.at,
            r.payload.type,
            r.payload.content === null ? null : canonicalJson(r.payload.content),
            r.prevHash,
            r.hash,
            r.sealed,
          );
          const k = values.length;
          return `($1, $${k - 6}, $${k - 5}, $${k - 4}, $${k - 3}, $${k - 2}, $${k - 1}, $${k})`;
        });
        await app.db.query(
          `INSERT INTO archive_records (tenant_id, seq, at, type, content, prev_hash, hash, sealed) VALUES ${rows.join(', ')}`,
          values,
        );
        head = { seq: sealed.at(-1)!.seq, hash: sealed.at(-1)!.hash };
        done += n;
      }
      await app.db.query(
        `INSERT INTO archive_heads (tenant_id, seq, hash) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id) DO UPDATE SET seq = $2, hash = $3`,
        [tenantId, head.seq, head.hash],
      );
      // As an archive stands once written: vacuumed, so the first read does not also set every row's hint bits.
      await app.db.query('VACUUM ANALYZE archive_records');
      const started = performance.now();
      const result = await verifyArchive(app.archive.compliance, tenantId);
      const seconds = (performance.now() - started) / 1000;
      // Where the time goes: the same batches read alone, then checked alone (hashing, parsing, the verifier).
      const ctx = app.archive.compliance;
      const batches: StoredRecord[][] = [];
      const readStarted = performance.now();
      for (let after = 0; ;) {
        const batch = await ctx.uow.read((store) =>
          store.archiveRead.forVerify(tenantId, after, ARCHIVE_BATCH),
        );
        if (batch.length === 0) break;
        batches.push(batch);
        after = batch.at(-1)!.seq;
      }
      const readSeconds = (performance.now() - readStarted) / 1000;
      const checkStarted = performance.now();
      const verifier = new ChainVerifier(tenantId, sha256Text);
      for (const batch of batches) verifier.feed(batch);
      const checkSeconds = (performance.now() - checkStarted) / 1000;
      outcome = {
        perSecond: result.records / seconds,
        seconds,
        intact: result.intact && result.records === VERIFY_RECORDS && verifier.finish([], () => true).intact,
        readSeconds,
        checkSeconds,
      };
    } finally {
      await app.stop();
    }
  });
  return outcome;
}

export async function run(): Promise<void> {
  console.log('\n# Compliance archive: webhook ingest with the archive on vs off; verify rate');
  const rounds: { on: number; off: number; records: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so a machine getting busier mid-run does not favour one side.
    const first = round % 2 === 0 ? 'on' : 'off';
    const a = await ingestRound(first);
    const b = await ingestRound(first === 'on' ? 'off' : 'on');
    const on = first === 'on' ? a : b;
    const off = first === 'on' ? b : a;
    rounds.push({ on: on.perSecond, off: off.perSecond, records: on.records });
  }
  const best = (k: 'on' | 'off') => Math.max(...rounds.map((r) => r[k]));
  const ratio = best('on') / best('off');
  console.log(
    `  ingest, posted and applied (${REQUESTS} requests, ${CONCURRENCY} clients, best of ${ROUNDS}): archive off ${best('off').toFixed(0)} items/s, ` +
      `on ${best('on').toFixed(0)} items/s (${rounds[0]!.records} records) → ratio ${ratio.toFixed(2)}× (target ≥ 0.9×: ${ratio >= 0.9 ? 'met' : 'NOT met'}; ` +
      `rounds on/off ${rounds.map((r) => `${r.on.toFixed(0)}/${r.off.toFixed(0)}`).join(', ')})`,
  );
  recordResult({
    name: 'archive-ingest',
    target: '≥ 0.9× with the archive off',
    ratio,
    unit: 'items/s ratio',
    figures: { onItemsPerSecond: best('on'), offItemsPerSecond: best('off'), rounds },
  });
  const v = await verifyRate();
  console.log(
    `  verify: ${VERIFY_RECORDS} records in ${v.seconds.toFixed(2)} s → ${v.perSecond.toFixed(0)} records/s ` +
      `(target ≥ 100,000/s: ${v.perSecond >= 100_000 ? 'met' : 'NOT met'}; intact ${v.intact}; ` +
      `alone: reading ${(VERIFY_RECORDS / v.readSeconds).toFixed(0)}/s, checking ${(VERIFY_RECORDS / v.checkSeconds).toFixed(0)}/s)`,
  );
  if (!v.intact) throw new Error('the synthetic chain did not verify');
  recordResult({
    name: 'archive-verify',
    target: '≥ 100,000 records/s',
    value: v.perSecond,
    unit: 'records/s',
    figures: {
      records: VERIFY_RECORDS,
      seconds: v.seconds,
      readSeconds: v.readSeconds,
      checkSeconds: v.checkSeconds,
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
