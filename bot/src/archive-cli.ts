import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ARCHIVE_EXPORT_FORMATS, type ArchiveExportFormat } from '@bridgeline/shared';
import { exportArchiveToFile } from './app/compliance/run-archive-export.use-case.js';
import { verifyArchive } from './app/compliance/verify-archive.use-case.js';
import { createArchiveModule } from './archive/archive.module.js';
import { loadConfig } from './config.js';
import { Database } from './db/index.js';
import { FilesystemMediaStore } from './media/index.js';
import type { CheckpointSigner } from './ports/index.js';

/**
 * `npm run archive -- <command>`: the compliance archive from the shell, on the database the server uses
 * (DATABASE_URL, or the embedded one in DATA_DIR: stop the server first, the embedded database has one owner).
 *   verify [--tenant <id>]
 *     every record, link and signed checkpoint; exit 0 when intact, 1 when broken. The last line is what scripts
 *     read: `archive intact: <n> records, head <hash>` or `archive broken at record <seq>: <reason>`.
 *   export --from <iso> --to <iso> --format jsonl|eml|rsmf --out <file.zip> [--tenant <id>] [--thread <id>]
 *          [--contact <id>] [--member <id>]
 *     the same zip as the admin screen's export (manifest.json at its root), archived as an export.
 */
const USAGE =
  'usage: npm run archive -- verify [--tenant <id>] | export --from <iso> --to <iso> --format jsonl|eml|rsmf --out <file.zip> [--tenant <id>] [--thread <id>] [--contact <id>] [--member <id>]';

type Out = (line: string) => void;

export async function runArchiveCli(
  argv: string[],
  out: Out,
  options: { env?: NodeJS.ProcessEnv; database?: Database; signer?: CheckpointSigner } = {},
): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'verify' && command !== 'export') {
    out(command ? `unknown command "${command}"; ${USAGE}` : USAGE);
    return 2;
  }
  let args;
  try {
    args = parseArgs({
      args: rest,
      strict: true,
      options: Object.fromEntries(
        ['tenant', 'from', 'to', 'format', 'out', 'thread', 'contact', 'member'].map((k) => [
          k,
          { type: 'string' },
        ]),
      ) as Record<string, { type: 'string' }>,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    out(`${(error as Error).message}; ${USAGE}`);
    return 2;
  }
  const config = loadConfig(options.env ?? process.env);
  // A database handed in (tests) stays open; one opened here is closed at the end.
  const db = options.database ?? (await Database.open({ url: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const archive = createArchiveModule({
      config,
      ctx: {
        uow: db.uow,
        clock: { now: () => new Date() },
        templates: { optIn: config.whatsapp.optInTemplate, resume: config.whatsapp.resumeTemplate },
      },
      log: pino({ level: 'silent' }),
      media: new FilesystemMediaStore(join(config.dataDir, 'media')),
    });
    const compliance = options.signer
      ? { ...archive.compliance, signer: options.signer }
      : archive.compliance;
    const tenants = args.tenant
      ? [args.tenant]
      : await db.uow.read((s) => s.archiveRead.tenantsWithRecords());
    return command === 'verify'
      ? await verify(compliance, tenants, out)
      : await exportTo(compliance, tenants, args, out);
  } finally {
    if (!options.database) await db.close();
  }
}

type Compliance = ReturnType<typeof createArchiveModule>['compliance'];

async function verify(compliance: Compliance, tenants: string[], out: Out): Promise<number> {
  let total = 0;
  let head = '0'.repeat(64);
  for (const tenantId of tenants) {
    const result = await verifyArchive(compliance, tenantId);
    if (!result.intact) {
      out(`tenant ${tenantId}: ${result.records} records verified before the break`);
      out(`archive broken at record ${result.brokenAt!.seq}: ${result.brokenAt!.reason}`);
      return 1;
    }
    if (tenants.length > 1)
      out(`tenant ${tenantId}: archive intact: ${result.records} records, head ${result.head}`);
    total += result.records;
    head = result.head;
  }
  out(`archive intact: ${total} records, head ${head}`);
  return 0;
}

async function exportTo(
  compliance: Compliance,
  tenants: string[],
  args: Record<string, string | undefined>,
  out: Out,
): Promise<number> {
  const missing = ['from', 'to', 'format', 'out'].filter((k) => !args[k]);
  if (missing.length > 0) {
    out(`export needs ${missing.map((k) => `--${k}`).join(', ')}; ${USAGE}`);
    return 2;
  }
  const from = new Date(args.from!);
  const to = new Date(args.to!);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    out(`--from and --to are ISO times, e.g. 2026-01-01T00:00:00Z; ${USAGE}`);
    return 2;
  }
  if (!(ARCHIVE_EXPORT_FORMATS as readonly string[]).includes(args.format!)) {
    out(`--format is one of ${ARCHIVE_EXPORT_FORMATS.join(', ')} (got "${args.format}")`);
    return 2;
  }
  if (tenants.length !== 1) {
    out(
      tenants.length === 0
        ? 'no tenant has archive records'
        : 'several tenants have records: name one with --tenant <id>',
    );
    return 2;
  }
  const result = await exportArchiveToFile(
    compliance,
    {
      tenantId: tenants[0]!,
      format: args.format as ArchiveExportFormat,
      from,
      to,
      threadId: args.thread ?? null,
      contactId: args.contact ?? null,
      memberId: args.member ?? null,
    },
    args.out!,
  );
  out(
    `exported ${result.manifest.records.total} records (${result.manifest.messages} messages) in ` +
      `${result.manifest.files.length} files to ${args.out}, sha256 ${result.zipSha256}`,
  );
  return 0;
}
