import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobQueueTx, JobRequest } from '../ports/index.js';

/**
 * pg-boss on the application's own PostgreSQL. Jobs are inserted through the caller's transaction (`db` option), so a
 * message and the job that sends it commit together or not at all: the transactional outbox.
 */
export type SqlExecutor = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

export const QUEUES = {
  // At most one waiting job per (business number, contact): a burst of messages to one contact queues one drain. Order
  // within the pair is kept by the claim (one message in flight per pair, under a pair lock), not by the queue:
  // pg-boss's `stately` policy did it by refusing a pair's second active job, and a refused job at the head of the
  // queue held up every other contact's messages until the pair's drain ended (or, after a crash, its job expired).
  deliver: { name: 'deliver', policy: 'short', retryLimit: 8, retryDelay: 1, retryBackoff: true },
  notify: { name: 'notify', policy: 'standard', retryLimit: 5, retryDelay: 2, retryBackoff: true },
  'welcome-member': {
    name: 'welcome-member',
    policy: 'standard',
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
  },
  // Meta's media URLs live for minutes; a few quick retries, then the image is marked failed.
  'download-media': {
    name: 'download-media',
    policy: 'standard',
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
  },
  // Read receipts are best effort: a few retries for throttling and outages, then given up.
  'mark-read': { name: 'mark-read', policy: 'standard', retryLimit: 3, retryDelay: 5, retryBackoff: true },
  // Sends Meta never answered (a crash mid-send): failed with a reason, never resent. One sweep at a time.
  'sweep-unconfirmed-sends': {
    name: 'sweep-unconfirmed-sends',
    policy: 'singleton',
    retryLimit: 1,
    retryDelay: 30,
  },
  'sync-templates': {
    name: 'sync-templates',
    policy: 'singleton',
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
  },
  // The compliance archive. Checkpoints and retention: one run at a time, on a schedule.
  'archive-checkpoint': { name: 'archive-checkpoint', policy: 'singleton', retryLimit: 2, retryDelay: 60 },
  'archive-retention': { name: 'archive-retention', policy: 'singleton', retryLimit: 3, retryDelay: 300 },
  // An export is one long job (a million records take minutes): it fails itself in words, so a retry means the worker
  // died mid-export and the export starts over. It may run for hours before it counts as stalled and is retried.
  // Once its last retry failed (threw, or timed out: the worker died), pg-boss moves the job to its dead-letter queue,
  // whose worker marks the export failed with the reason: an export never stays "running" for good. The dead-letter
  // queue comes first: the export queue refers to it.
  'archive-export-gave-up': {
    name: 'archive-export-gave-up',
    policy: 'standard',
    retryLimit: 20,
    retryDelay: 30,
    retryBackoff: true,
  },
  'archive-export': {
    name: 'archive-export',
    policy: 'standard',
    retryLimit: 2,
    retryDelay: 10,
    expireInSeconds: 4 * 3600,
    deadLetter: 'archive-export-gave-up',
  },
  // Removes the zips of exports past ARCHIVE_EXPORT_KEEP_DAYS (hourly).
  'archive-export-expiry': {
    name: 'archive-export-expiry',
    policy: 'singleton',
    retryLimit: 2,
    retryDelay: 300,
  },
  // The journal and the CRM push follow a cursor per tenant: one drain at a time and one waiting (like deliver).
  'archive-journal': {
    name: 'archive-journal',
    policy: 'short',
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
  },
  'archive-crm': { name: 'archive-crm', policy: 'short', retryLimit: 10, retryDelay: 5, retryBackoff: true },
  'notify-admins': {
    name: 'notify-admins',
    policy: 'standard',
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
  },
} as const satisfies Record<JobRequest['name'], PgBoss.Queue>;

export class JobQueue {
  private readonly workers = new Map<string, string[]>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly log: Logger,
  ) {}

  static async start(url: string, log: Logger, options: { maintenance: boolean }): Promise<JobQueue> {
    const boss = new PgBoss({
      connectionString: url,
      max: 4,
      supervise: options.maintenance,
      schedule: options.maintenance,
      application_name: 'bridgeline-jobs',
    });
    boss.on('error', (error: Error) => log.error({ err: error }, 'job queue error'));
    await boss.start();
    for (const queue of Object.values(QUEUES)) {
      const existing = await boss.getQueue(queue.name);
      if (!existing) await boss.createQueue(queue.name, queue);
      // A queue made by an earlier version keeps its old policy unless told: bring it to this one's.
      else if (
        existing.policy !== queue.policy ||
        (existing.deadLetter ?? null) !== ('deadLetter' in queue ? queue.deadLetter : null)
      ) {
        await boss.updateQueue(queue.name, queue);
        log.info({ queue: queue.name, from: existing.policy, to: queue.policy }, 'job queue policy updated');
      }
    }
    return new JobQueue(boss, log);
  }

  /** Binds job sends to one transaction's connection. */
  inTransaction(db: SqlExecutor): JobQueueTx {
    return {
      send: async (job) => {
        const options: PgBoss.SendOptions = { db: db as PgBoss.Db };
        if ('singletonKey' in job) options.singletonKey = job.singletonKey;
        if ('startAfterMs' in job && job.startAfterMs !== undefined)
          options.startAfter = new Date(Date.now() + job.startAfterMs);
        await this.boss.send(job.name, job.data, options);
      },
    };
  }

  async work<D extends object>(
    name: JobRequest['name'],
    handler: (data: D) => Promise<void>,
    options: { concurrency?: number } = {},
  ): Promise<void> {
    const ids: string[] = [];
    for (let i = 0; i < (options.concurrency ?? 1); i++) {
      let id = '';
      id = await this.boss.work<D>(name, { pollingIntervalSeconds: 1, batchSize: 1 }, async (jobs) => {
        try {
          for (const job of jobs) await handler(job.data);
        } finally {
          // pg-boss sleeps the rest of the polling interval even after a job: with a backlog, fetch the next at once
          // (an empty fetch then waits the interval as usual).
          if (jobs.length > 0) this.boss.notifyWorker(id);
        }
      });
      ids.push(id);
    }
    this.workers.set(name, ids);
  }

  /**
   * A worker that also gets what pg-boss kept of the job (`output`: the last error of a dead letter, the job it stands
   * for having failed its last retry).
   */
  async workWithOutput<D extends object>(
    name: JobRequest['name'],
    handler: (data: D, output: unknown) => Promise<void>,
  ): Promise<void> {
    const id = await this.boss.work<D>(
      name,
      { pollingIntervalSeconds: 1, batchSize: 1, includeMetadata: true },
      async (jobs) => {
        for (const job of jobs) await handler(job.data, job.output);
      },
    );
    this.workers.set(name, [id]);
  }

  /** A recurring job (cron, UTC); pg-boss keeps one schedule per queue across every process. */
  async schedule(name: JobRequest['name'], cron: string, data: object): Promise<void> {
    await this.boss.schedule(name, cron, data, { tz: 'UTC' });
  }

  /** Wakes this process's workers of a queue at once instead of at their next poll. */
  nudge(name: JobRequest['name']): void {
    for (const id of this.workers.get(name) ?? []) this.boss.notifyWorker(id);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5_000, wait: true });
    this.log.debug('job queue stopped');
  }
}
