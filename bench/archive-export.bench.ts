/**
 * Archive export benchmark (issue 13): a tenant's archive of ARCHIVE_EXPORT_RECORDS records (100,000 by default;
 * `ARCHIVE_EXPORT_RECORDS=1000000 npm run bench -- archive-export` for the million) exported in each format, in a
 * process of its own running the compiled server (bot/dist, built first), on a real PostgreSQL server: wall time and the exporting process's peak RSS (target: under
 * 300 MB, whatever the count: records are read in batches and the zip is written as a stream). Records are inserted
 * with generate_series: a thread per 1,000 records (and a tenth of the records in no thread), spread over 30 days.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Database } from '../bot/src/db/database.js';
import { withBenchDatabase } from './support/bench-database.js';
import { recordResult } from './support/results.js';

const RECORDS = Number(process.env.ARCHIVE_EXPORT_RECORDS ?? 100_000);
/** A thousand records per thread (1,000 threads for a million), so a thread-day holds some 33 records. */
const THREADS = Math.max(10, Math.round(RECORDS / 1000));
const DAYS = 30;
const FORMATS = (process.env.ARCHIVE_EXPORT_FORMATS ?? 'jsonl,eml,rsmf').split(',');
const TARGET_RSS_MB = 300;
const START = '2026-01-01T00:00:00Z';
const here = path.dirname(fileURLToPath(import.meta.url));

export async function seed(db: Database): Promise<string> {
  const t0 = performance.now();
  const [tenant] = await db.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Bench') RETURNING id`);
  const tenantId = tenant!.id;
  // A payload shaped as the archive writes one (thread, contact, number, member, message, words, digest).
  await db.query(
    `INSERT INTO archive_records (tenant_id, seq, at, type, sealed, content, prev_hash, hash)
     SELECT tenant_id, g, at, type, (p - 'content')::text, NULLIF(p->'content', 'null'::jsonb)::text, prev_hash, hash
     FROM (SELECT $1::uuid AS tenant_id, g, at, type, jsonb_build_object(
              'tenantId', $3::text, 'seq', g, 'type', type, 'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'event', type, 'channel', 'whatsapp',
              'thread', CASE WHEN g % 10 = 0 THEN NULL ELSE jsonb_build_object('id', thread) END,
              'contact', jsonb_build_object('id', contact, 'displayName', 'Contact ' || (g % ${THREADS}),
                 'phone', '+1415' || lpad((g % ${THREADS})::text, 7, '0'), 'waId', '1415' || lpad((g % ${THREADS})::text, 7, '0'),
                 'userId', null, 'username', null),
              'businessNumber', jsonb_build_object('id', '00000000-0000-4000-8000-000000000001', 'channel', 'whatsapp',
                 'phone', '+1 555 000 1111', 'providerNumberId', '999000111'),
              'actor', CASE WHEN type = 'message.out' THEN jsonb_build_object('id', '00000000-0000-4000-8000-0000000000a1',
                 'aadObjectId', null, 'email', 'alice@bench.test', 'displayName', 'Alice Bench') ELSE NULL END,
              'subject', NULL,
              'message', jsonb_build_object('id', gen_random_uuid(), 'direction', CASE WHEN type = 'message.in' THEN 'in' ELSE 'out' END,
                 'type', 'text', 'status', CASE WHEN type = 'message.status' THEN 'delivered' ELSE 'sent' END,
                 'providerMessageId', 'wamid.' || g, 'providerTimestamp', null, 'clientMessageId', null,
                 'holdReason', null, 'error', null, 'noticeKind', null, 'template', null, 'media', null),
              'details', '{}'::jsonb,
              'content', CASE WHEN type = 'message.status' THEN NULL ELSE
                 jsonb_build_object('text', 'Message ' || g || ' of the benchmark, about the quarterly statement and its figures') END,
              'contentSha256', CASE WHEN type = 'message.status' THEN NULL ELSE encode(sha256(g::text::bytea), 'hex') END) AS p,
            encode(sha256((g - 1)::text::bytea), 'hex') AS prev_hash, encode(sha256(g::text::bytea), 'hex') AS hash
       FROM (SELECT g, $2::timestamptz + (g * (${DAYS} * 86400.0 / ${RECORDS})) * interval '1 second' AS at,
                    (ARRAY['message.in', 'message.out', 'message.status', 'message.status', 'message.in'])[1 + g % 5] AS type,
                    ('00000000-0000-4000-a000-' || lpad((g % ${THREADS})::text, 12, '0'))::uuid AS thread,
                    ('00000000-0000-4000-b000-' || lpad((g % ${THREADS})::text, 12, '0'))::uuid AS contact
               FROM generate_series(1, ${RECORDS}) g) s) r`,
    [tenantId, START, tenantId],
  );
  await db.query(
    `INSERT INTO archive_heads (tenant_id, seq, hash)
     SELECT tenant_id, seq, hash FROM archive_records WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`,
    [tenantId],
  );
  await db.query('VACUUM ANALYZE archive_records');
  console.log(
    `  seeded ${RECORDS.toLocaleString('en')} archive records in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return tenantId;
}

interface Figures {
  seconds: number;
  peakRssMb: number;
  zipBytes: number;
  records: number;
  files: number;
}

/**
 * The exporting process's heap cap (--max-old-space-size, MB). Uncapped, V8 lets the heap grow to about four times
 * what is live before it collects (an export keeps some 45 MB live), so the peak RSS says more about V8's appetite
 * than about the export; with the cap it shows what the export needs. Each format runs capped, JSON Lines once more
 * with V8's default, for comparison.
 */
const HEAP_MB = Number(process.env.ARCHIVE_EXPORT_HEAP_MB ?? 128);

function exportIn(
  url: string,
  tenantId: string,
  format: string,
  dir: string,
  heapMb: number | null,
): Figures {
  const out = path.join(dir, `${format}.zip`);
  const to = new Date(Date.parse(START) + (DAYS + 1) * 86_400_000).toISOString();
  const stdout = execFileSync(
    process.execPath,
    [
      ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
      path.join(here, 'support', 'archive-export-child.mjs'),
      ...[url, tenantId, format, START, to, out, dir],
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  rmSync(out, { force: true });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Figures;
}

export async function run(): Promise<void> {
  // The exporting process runs the compiled server, as the command line does (tsx's compiler would weigh on its RSS).
  execFileSync(
    process.execPath,
    [path.join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'shared', 'bot'],
    {
      stdio: 'inherit',
    },
  );
  console.log(
    `\n# Archive export: ${RECORDS.toLocaleString('en')} records, ${FORMATS.join(', ')}, in a process of its own (target: peak RSS < ${TARGET_RSS_MB} MB)`,
  );
  await withBenchDatabase(async (url) => {
    const db = await Database.open({ url, dataDir: null, poolSize: 2 });
    let tenantId: string;
    try {
      tenantId = await seed(db);
    } finally {
      await db.close();
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'bl-bench-export-'));
    const figures: Record<
      string,
      Figures & { recordsPerSecond: number; zipMb: number; heapCapMb: number | null }
    > = {};
    const runs: [string, string, number | null][] = [
      ...FORMATS.map((f): [string, string, number | null] => [f, f, HEAP_MB]),
      ...(FORMATS.includes('jsonl')
        ? [['jsonl (V8 default heap)', 'jsonl', null] as [string, string, null]]
        : []),
    ];
    try {
      for (const [label, format, heapMb] of runs) {
        const f = exportIn(url, tenantId, format, dir, heapMb);
        if (f.records < RECORDS)
          throw new Error(`${format}: ${f.records} records exported, ${RECORDS} expected`);
        const perSecond = f.records / f.seconds;
        figures[label] = {
          ...f,
          recordsPerSecond: Math.round(perSecond),
          zipMb: +(f.zipBytes / 1048576).toFixed(1),
          heapCapMb: heapMb,
        };
        const target = heapMb
          ? ` (target < ${TARGET_RSS_MB} MB: ${f.peakRssMb < TARGET_RSS_MB ? 'met' : 'NOT met'})`
          : '';
        console.log(
          `  ${label}${heapMb ? `, heap cap ${heapMb} MB` : ''}: ${f.records.toLocaleString('en')} records in ` +
            `${f.files.toLocaleString('en')} files, ${f.seconds.toFixed(1)} s ` +
            `(${Math.round(perSecond).toLocaleString('en')} records/s), zip ${(f.zipBytes / 1048576).toFixed(1)} MB, ` +
            `peak RSS ${f.peakRssMb.toFixed(0)} MB${target}`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const capped = Object.values(figures).filter((f) => f.heapCapMb !== null);
    recordResult({
      name: `archive-export-${RECORDS}`,
      target: `peak RSS < ${TARGET_RSS_MB} MB`,
      value: Math.max(...capped.map((f) => f.peakRssMb)),
      unit: 'MB (highest peak RSS of the formats)',
      figures: { node: process.version, records: RECORDS, threads: THREADS, days: DAYS, runs: figures },
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
