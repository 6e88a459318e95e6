import { parseArgs } from 'node:util';
import { verifyArchive } from './app/compliance/verify-archive.use-case.js';
import type { ComplianceContext } from './app/compliance/compliance-context.js';
import { loadCheckpointSigner } from './archive/checkpoint-signer.js';
import { loadConfig } from './config.js';
import { Database, type DbStore } from './db/index.js';
import type { CheckpointSigner } from './ports/index.js';

/**
 * `npm run archive -- <command>`: the compliance archive from the shell, on the database the server uses
 * (DATABASE_URL, or the embedded one in DATA_DIR: stop the server first, the embedded database has one owner).
 *   verify [--tenant <id>]   every record, link and signed checkpoint; exit 0 when intact, 1 when broken.
 * The last line is what scripts read: `archive intact: <n> records, head <hash>` or
 * `archive broken at record <seq>: <reason>`.
 */
const USAGE = 'usage: npm run archive -- verify [--tenant <id>]';

export async function runArchiveCli(
  argv: string[],
  out: (line: string) => void,
  options: { env?: NodeJS.ProcessEnv; database?: Database; signer?: CheckpointSigner } = {},
): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'verify') {
    out(command ? `unknown command "${command}"; ${USAGE}` : USAGE);
    return 2;
  }
  let args;
  try {
    args = parseArgs({ args: rest, options: { tenant: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    out(`${(error as Error).message}; ${USAGE}`);
    return 2;
  }
  const config = loadConfig(options.env ?? process.env);
  // A database handed in (tests) stays open; one opened here is closed at the end.
  const db = options.database ?? (await Database.open({ url: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const ctx: ComplianceContext<DbStore> = {
      uow: db.uow,
      clock: { now: () => new Date() },
      templates: { optIn: config.whatsapp.optInTemplate, resume: config.whatsapp.resumeTemplate },
      signer:
        options.signer ??
        loadCheckpointSigner({ signingKey: config.archive.signingKey, dataDir: config.dataDir }),
      exportMaxDays: config.archive.exportMaxDays,
      sinks: async () => [],
    };
    const tenants = args.tenant
      ? [args.tenant]
      : await db.uow.read((s) => s.archiveRead.tenantsWithRecords());
    let total = 0;
    let head = '0'.repeat(64);
    for (const tenantId of tenants) {
      const result = await verifyArchive(ctx, tenantId);
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
  } finally {
    if (!options.database) await db.close();
  }
}
