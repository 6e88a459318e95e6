import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ComplianceContext } from '../app/compliance/compliance-context.js';
import { signCheckpoints } from '../app/compliance/checkpoint.use-case.js';
import { runArchiveExport } from '../app/compliance/run-archive-export.use-case.js';
import type { AppContext } from '../app/context.js';
import type { ArchiveOptions, DbStore } from '../db/index.js';
import type { JobQueue } from '../jobs/index.js';
import { FilesystemMediaStore } from '../media/index.js';
import type { MediaStore } from '../ports/index.js';
import { loadCheckpointSigner } from './checkpoint-signer.js';
import { FilesystemExportFiles } from './export/export-files.js';

/** At least hourly, whatever the traffic: a signed checkpoint of every tenant's head that moved. */
const CHECKPOINT_CRON = '0 * * * *';

export interface ArchiveModule {
  compliance: ComplianceContext<DbStore>;
  /** How the database seals records: who signs the checkpoints taken every N records. */
  sealing: ArchiveOptions;
  workers(jobs: JobQueue): Promise<void>;
}

/**
 * The compliance archive's adapters: the checkpoint signer, the exports (export/: JSON Lines, EML, RSMF zips under
 * DATA_DIR/exports), and (as they land) the SMTP journal and the CRM push. The records themselves are written by the database adapter, in the transactions of the changes.
 */
export function createArchiveModule(options: {
  config: {
    dataDir: string;
    archive: { signingKey: string | null; checkpointEvery: number; exportMaxDays: number };
  };
  ctx: AppContext<DbStore>;
  log: Logger;
  /** Keep no key on disk (an in-memory database in tests): sign with a key of this process. */
  ephemeralKey?: boolean;
  /** Where exports read the images they attach (default: the filesystem store under DATA_DIR/media). */
  media?: MediaStore;
}): ArchiveModule {
  const { config, ctx, log } = options;
  const signer = loadCheckpointSigner({
    signingKey: config.archive.signingKey,
    dataDir: options.ephemeralKey ? null : config.dataDir,
  });
  const compliance: ComplianceContext<DbStore> = {
    ...ctx,
    signer,
    exportMaxDays: config.archive.exportMaxDays,
    exportFiles: new FilesystemExportFiles(
      join(config.dataDir, 'exports'),
      options.media ?? new FilesystemMediaStore(join(config.dataDir, 'media')),
    ),
    sinks: async () => [],
  };
  return {
    compliance,
    sealing: { signer, checkpointEvery: config.archive.checkpointEvery },
    async workers(jobs) {
      await jobs.work('archive-checkpoint', async () => {
        const signed = await signCheckpoints(compliance);
        if (signed.length > 0) log.info({ tenants: signed.length }, 'archive checkpoints signed');
      });
      await jobs.schedule('archive-checkpoint', CHECKPOINT_CRON, {});
      await jobs.work<{ tenantId: string; exportId: string }>('archive-export', async (job) => {
        const outcome = await runArchiveExport(compliance, job);
        if (outcome === 'failed') log.warn({ export: job.exportId }, 'archive export failed');
        else if (outcome === 'done') log.info({ export: job.exportId }, 'archive export written');
      });
    },
  };
}
