import type { Logger } from 'pino';
import type { ComplianceContext } from '../app/compliance/compliance-context.js';
import { signCheckpoints } from '../app/compliance/checkpoint.use-case.js';
import { purgeExpiredContent } from '../app/compliance/retention.use-case.js';
import type { AppContext } from '../app/context.js';
import type { ArchiveOptions, DbStore } from '../db/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { MediaStore } from '../ports/index.js';
import { loadCheckpointSigner } from './checkpoint-signer.js';

/** At least hourly, whatever the traffic: a signed checkpoint of every tenant's head that moved. */
const CHECKPOINT_CRON = '0 * * * *';
/** Daily, at a quiet hour (UTC): content past each tenant's retention and under no legal hold is purged. */
const RETENTION_CRON = '17 3 * * *';

export interface ArchiveModule {
  compliance: ComplianceContext<DbStore>;
  /** How the database seals records: who signs the checkpoints taken every N records. */
  sealing: ArchiveOptions;
  /** Registers the archive's jobs; retention deletes purged images' bytes from `media`. */
  workers(jobs: JobQueue, adapters: { media: MediaStore }): Promise<void>;
}

/**
 * The compliance archive's adapters: the checkpoint signer, and (as they land) the exporters, the SMTP journal and the
 * CRM push. The records themselves are written by the database adapter, in the transactions of the changes.
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
    sinks: async () => [],
  };
  return {
    compliance,
    sealing: { signer, checkpointEvery: config.archive.checkpointEvery },
    async workers(jobs, adapters) {
      await jobs.work('archive-checkpoint', async () => {
        const signed = await signCheckpoints(compliance);
        if (signed.length > 0) log.info({ tenants: signed.length }, 'archive checkpoints signed');
      });
      await jobs.schedule('archive-checkpoint', CHECKPOINT_CRON, {});
      await jobs.work('archive-retention', async () => {
        for (const run of await purgeExpiredContent(compliance, adapters.media))
          if (run.tombstones > 0)
            log.info(
              {
                tenantId: run.tenantId,
                retentionDays: run.retentionDays,
                before: run.before,
                messages: run.messages,
                media: run.media,
                records: run.records,
                files: run.filesDeleted,
              },
              'retention purged content past its time',
            );
      });
      await jobs.schedule('archive-retention', RETENTION_CRON, {});
    },
  };
}
