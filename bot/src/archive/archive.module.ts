import { join } from 'node:path';
import type { Logger } from 'pino';
import { archiveSinkStatuses } from '../app/compliance/archive-sinks-status.use-case.js';
import type { ComplianceContext } from '../app/compliance/compliance-context.js';
import { signCheckpoints } from '../app/compliance/checkpoint.use-case.js';
import {
  expireArchiveExports,
  giveUpArchiveExport,
  jobErrorText,
} from '../app/compliance/export-lifecycle.use-case.js';
import { purgeExpiredContent } from '../app/compliance/retention.use-case.js';
import { runArchiveExport } from '../app/compliance/run-archive-export.use-case.js';
import type { AppContext } from '../app/context.js';
import type { ArchiveOptions, DbStore } from '../db/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { ArchiveDelivery, MediaStore } from '../ports/index.js';
import { loadCheckpointSigner } from './checkpoint-signer.js';
import { createCrmPush } from './crm/crm-push.js';
import { FilesystemExportFiles } from './export/export-files.js';
import type { JournalMedia } from './journal/journal-message.js';
import { createSmtpJournal } from './journal/smtp-journal.js';
import { SinkDrainer } from './sink-drainer.js';

/** At least hourly, whatever the traffic: a signed checkpoint of every tenant's head that moved. */
const CHECKPOINT_CRON = '0 * * * *';
/** Hourly: zips of exports past ARCHIVE_EXPORT_KEEP_DAYS are removed. */
const EXPORT_EXPIRY_CRON = '41 * * * *';
/** Daily, at a quiet hour (UTC): content past each tenant's retention and under no legal hold is purged. */
const RETENTION_CRON = '17 3 * * *';

/** How long a stopping worker waits for the record in flight before closing the SMTP connection. */
const STOP_GRACE_MS = 5_000;

export interface ArchiveModule {
  compliance: ComplianceContext<DbStore>;
  /** How the database seals records: who signs the checkpoints taken every N records, whom to tell after commit. */
  sealing: ArchiveOptions;
  /** Starts the archive's jobs (checkpoints, retention) and the outward feeds' drains (worker role). */
  workers(jobs: JobQueue): Promise<void>;
  /** Looks for records to journal or push now (tests; commits do it by themselves). */
  nudgeSinks(): void;
  /** Lets the drains finish the record in flight (a few seconds at most) and closes the SMTP connection. */
  stop(): Promise<void>;
}

/**
 * The compliance archive's adapters: the checkpoint signer, the exports (export/: JSON Lines, EML, RSMF zips under
 * DATA_DIR/exports), the SMTP journal and the CRM push. The records themselves are written by the database adapter, in
 * the transactions of the changes.
 */
export function createArchiveModule(options: {
  config: {
    dataDir: string;
    archive: {
      signingKey: string | null;
      checkpointEvery: number;
      exportMaxDays: number;
      exportKeepDays: number;
      journal: { smtpUrl: string; to: string; from: string } | null;
      crm: { url: string; secret: string } | null;
    };
  };
  ctx: AppContext<DbStore>;
  log: Logger;
  /** Keep no key on disk (an in-memory database in tests): sign with a key of this process. */
  ephemeralKey?: boolean;
  /** Image bytes: attached to journal mails, deleted by retention (the WhatsApp adapter's media store). */
  media: MediaStore;
}): ArchiveModule {
  const { config, ctx, log } = options;
  const signer = loadCheckpointSigner({
    signingKey: config.archive.signingKey,
    dataDir: options.ephemeralKey ? null : config.dataDir,
  });
  const configured = { journal: config.archive.journal !== null, crm: config.archive.crm !== null };
  const compliance: ComplianceContext<DbStore> = {
    ...ctx,
    signer,
    exportMaxDays: config.archive.exportMaxDays,
    exportKeepDays: config.archive.exportKeepDays,
    exportFiles: new FilesystemExportFiles(join(config.dataDir, 'exports'), options.media),
    sinks: (tenantId) => archiveSinkStatuses(ctx, tenantId, configured),
  };
  const { media } = options;
  const journal = config.archive.journal
    ? createSmtpJournal({
        ...config.archive.journal,
        loadMedia: (t, id) => loadJournalMedia(ctx, media, t, id),
      })
    : null;
  const deliveries: ArchiveDelivery[] = [
    ...(journal ? [journal] : []),
    ...(config.archive.crm ? [createCrmPush(config.archive.crm)] : []),
  ];
  const drainer = new SinkDrainer({ ctx, deliveries, log });
  return {
    compliance,
    sealing: {
      signer,
      checkpointEvery: config.archive.checkpointEvery,
      onSealed: () => drainer.nudge(),
    },
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
      await jobs.workWithOutput<{ tenantId: string; exportId: string }>(
        'archive-export-gave-up',
        async (job, output) => {
          const error = jobErrorText(output);
          if (await giveUpArchiveExport(compliance, job, error))
            log.warn(
              { export: job.exportId, error },
              'archive export failed: its job gave up after the last retry',
            );
        },
      );
      await jobs.work('archive-export-expiry', async () => {
        const expired = await expireArchiveExports(compliance, config.archive.exportKeepDays);
        if (expired > 0)
          log.info(
            { expired, keepDays: config.archive.exportKeepDays },
            'archive export zips expired and removed',
          );
      });
      await jobs.schedule('archive-export-expiry', EXPORT_EXPIRY_CRON, {});
      await jobs.work('archive-retention', async () => {
        for (const run of await purgeExpiredContent(compliance, media))
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
      // "Drain this tenant's feed now", for any process to ask; the drainer's timer and commits do it by themselves.
      await jobs.work<{ tenantId: string }>('archive-journal', (job) =>
        drainer.drain(job.tenantId, 'journal'),
      );
      await jobs.work<{ tenantId: string }>('archive-crm', (job) => drainer.drain(job.tenantId, 'crm'));
      drainer.start();
      for (const d of deliveries) log.info({ sink: d.sink }, `archive feed on: ${d.sink}`);
    },
    nudgeSinks: () => drainer.nudge(),
    async stop() {
      // The record in flight gets a few seconds to be accepted; past that the SMTP connection is closed under it (the
      // record was not accepted, so its cursor did not move: it is sent again by the next worker).
      const drained = drainer.stop();
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
      journal?.close();
      await drained;
    },
  };
}

/** The image of a message record as it stands now: attached once stored; an inbound one may still be downloading. */
async function loadJournalMedia(
  ctx: AppContext<DbStore>,
  media: MediaStore,
  tenantId: string,
  mediaId: string,
): Promise<JournalMedia> {
  const row = await ctx.uow.read((store) => store.media.byId(tenantId, mediaId));
  if (!row) return { state: 'missing' };
  if (row.state !== 'stored' || !row.storageKey || !row.mimeType || !row.sha256) {
    return { state: row.state === 'pending' ? 'pending' : 'failed' };
  }
  const bytes = await media.get(row.storageKey);
  if (!bytes) return { state: 'missing' };
  return {
    state: 'stored',
    bytes,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes ?? bytes.length,
    sha256: row.sha256,
  };
}
