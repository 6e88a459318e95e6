import type { DataSource } from 'typeorm';
import type { AdminStore, BusEvent, ComplianceStore, JobQueueTx, Store, UnitOfWork } from '../ports/index.js';
import type { TeamsStore } from '../teams/teams.store.js';
import type { RateLimitsPort } from '../whatsapp/graph/rate-limits.port.js';
import type { InboxPort, WebhookEventsPort } from '../whatsapp/webhook/webhook-inbox.port.js';
import {
  archiveCheckpoints,
  archiveReader,
  archiveSettingsRepository,
  archiveWriter,
  sealArchive,
  type ArchiveOptions,
  type PendingEntry,
} from './archive/archive.repository.js';
import { legalHoldsRepository } from './archive/legal-holds.repository.js';
import { retentionRepository } from './archive/retention.repository.js';
import { archiveSinksRepository } from './archive/archive-sinks.repository.js';
import { archiveExportsRepository } from './archive/archive-exports.repository.js';
import { createDataSource } from './data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { contactsRepository } from './repositories/contacts.repository.js';
import { deliveryRepository } from './repositories/delivery.repository.js';
import {
  dlpMessagesRepository,
  dlpReviewsRepository,
  dlpRulesRepository,
} from './repositories/dlp.repository.js';
import {
  eventsRepository,
  messagesRepository,
  rejoinRepository,
} from './repositories/messages.repository.js';
import { pairsRepository } from './repositories/pairs.repository.js';
import {
  auditRepository,
  numbersAdminRepository,
  tenantSettingsRepository,
} from './repositories/admin.repository.js';
import { membersRepository, numbersRepository, tenantsRepository } from './repositories/people.repository.js';
import { participantsRepository } from './repositories/participants.repository.js';
import { threadsRepository } from './repositories/threads.repository.js';
import { teamsRepository } from './repositories/teams.repository.js';
import { inboxRepository } from './repositories/inbox.repository.js';
import { mediaRepository } from './repositories/media.repository.js';
import { rateLimitsRepository } from './repositories/rate-limits.repository.js';
import { templatesRepository } from './repositories/templates.repository.js';
import {
  numberHealthRepository,
  rateCardsRepository,
  usageRepository,
} from './repositories/account-health.repository.js';
import {
  identitiesRepository,
  statusesRepository,
  webhookEventsRepository,
} from './repositories/whatsapp.repository.js';
import { preparedName, sqlOf, type Sql } from './sql.js';

type PgPool = {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
};
type TenantEvent = BusEvent;
export type JobsFactory = (db: {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}) => JobQueueTx;

/**
 * The PostgreSQL connection of the process: a real server (DATABASE_URL) or the embedded one in DATA_DIR.
 */
export class Database {
  private jobsFactory: JobsFactory | null = null;
  private jobsCommitted: ((queues: Set<string>) => void) | null = null;
  private liveSink: ((events: TenantEvent[], sql: Sql) => Promise<void>) | null = null;
  private afterCommit: ((events: TenantEvent[]) => void) | null = null;
  private archiveOptions: ArchiveOptions = { signer: null, checkpointEvery: 1000 };

  private constructor(
    readonly url: string,
    readonly embedded: boolean,
    private readonly dataSource: DataSource,
    private readonly embeddedServer: EmbeddedPostgres | null,
  ) {}

  /**
   * Connects and brings the schema up to date. `dataDir: null` keeps an embedded database in memory (tests), started
   * from `snapshot` (a `snapshot()` of another embedded database) when given.
   */
  static async open(options: {
    url?: string | undefined;
    dataDir: string | null;
    poolSize?: number;
    snapshot?: Blob | undefined;
  }): Promise<Database> {
    const embeddedServer = options.url
      ? null
      : await startEmbeddedPostgres(options.dataDir, options.snapshot ? { from: options.snapshot } : {});
    const url = options.url ?? embeddedServer!.url;
    const dataSource = createDataSource(url, options.poolSize);
    try {
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
    } catch (error) {
      await embeddedServer?.stop();
      throw error;
    }
    return new Database(url, embeddedServer !== null, dataSource, embeddedServer);
  }

  /** Jobs sent inside `run` join its transaction. */
  useJobs(factory: JobsFactory, afterCommit?: (queues: Set<string>) => void): void {
    this.jobsFactory = factory;
    this.jobsCommitted = afterCommit ?? null;
  }

  /**
   * Live events: `inTransaction` runs before commit (pg_notify, delivered by PostgreSQL at commit to every process);
   * `afterCommit` runs once committed (in-process fan-out, for the embedded database whose socket does not carry
   * LISTEN/NOTIFY between connections).
   */
  useLive(handlers: {
    inTransaction?: (events: TenantEvent[], sql: Sql) => Promise<void>;
    afterCommit?: (events: TenantEvent[]) => void;
  }): void {
    this.liveSink = handlers.inTransaction ?? null;
    this.afterCommit = handlers.afterCommit ?? null;
  }

  /** The archive's checkpoint signer and how often it signs (without one, only the hourly job signs). */
  useArchive(options: ArchiveOptions): void {
    this.archiveOptions = options;
  }

  readonly uow: UnitOfWork<DbStore> = {
    read: async <T>(work: (store: DbStore) => Promise<T>): Promise<T> => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      const refuse: JobQueueTx = {
        send: async () => {
          throw new Error('jobs are sent inside uow.run, not uow.read');
        },
      };
      try {
        const archive = new ReadOnlyEntries();
        return await work(storeOf(sqlOf(runner, { prepare: !this.embedded }), refuse, [], archive));
      } finally {
        await runner.release();
      }
    },
    run: async <T>(work: (store: DbStore) => Promise<T>): Promise<T> => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      const sql = sqlOf(runner, { prepare: !this.embedded });
      const live: TenantEvent[] = [];
      const noJobs: JobQueueTx = {
        send: async () => {
          throw new Error('no job queue is attached to this database');
        },
      };
      const queues = new Set<string>();
      const txJobs = this.jobsFactory
        ? this.jobsFactory({ executeSql: async (text, values) => ({ rows: await sql.rows(text, values) }) })
        : noJobs;
      const jobs: JobQueueTx = {
        send: async (job) => {
          await txJobs.send(job);
          queues.add(job.name);
        },
      };
      try {
        await runner.startTransaction();
        const archive: PendingEntry[] = [];
        const result = await work(storeOf(sql, jobs, live, archive));
        await sealArchive(sql, archive, this.archiveOptions);
        if (this.liveSink && live.length > 0) await this.liveSink(live, sql);
        await runner.commitTransaction();
        if (archive.length > 0) this.archiveOptions.onSealed?.();
        if (this.afterCommit && live.length > 0) this.afterCommit(live);
        if (this.jobsCommitted && queues.size > 0) this.jobsCommitted(queues);
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
      }
    },
  };

  /** Runs statements outside any transaction (health checks, benchmarks, tests). */
  async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.dataSource.query(text, params)) as T[];
  }

  /**
   * One statement on its own (autocommit), as a named prepared statement on a pooled connection: parsed and planned
   * once per connection instead of on every call (the webhook edge's statement, a CTE of two inserts, spent more time
   * being planned than run). The embedded database shares one session between its connections, so names would
   * collide there: a plain query.
   */
  async prepared<T>(text: string, params: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (this.embedded || !pool) return this.query<T>(text, params);
    return (await pool.query({ name: preparedName(text), text, values: params })).rows as T[];
  }

  /** The embedded database's whole data directory (its connections closed first, so the copy is consistent). */
  async snapshot(): Promise<Blob> {
    if (!this.embeddedServer) throw new Error('only an embedded database can be snapshotted');
    await this.dataSource.destroy();
    return this.embeddedServer.dump();
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embeddedServer?.stop();
  }
}

/** The core's ports and the persistence each adapter declares beside itself, all in one transaction. */
export type DbStore = Store & {
  teams: TeamsStore;
  inbox: InboxPort;
  webhookEvents: WebhookEventsPort;
  rateLimits: RateLimitsPort;
} & ComplianceStore &
  AdminStore;

/** A read has no commit to seal records at: appending one there is a bug, said at once. */
class ReadOnlyEntries extends Array<PendingEntry> {
  override push(): number {
    throw new Error('archive records are appended inside uow.run, not uow.read');
  }
}

function storeOf(sql: Sql, jobs: JobQueueTx, live: TenantEvent[], archive: PendingEntry[]): DbStore {
  return {
    tenants: tenantsRepository(sql),
    members: membersRepository(sql),
    numbers: numbersRepository(sql),
    contacts: contactsRepository(sql),
    pairs: pairsRepository(sql, archive),
    threads: threadsRepository(sql),
    participants: participantsRepository(sql),
    messages: messagesRepository(sql),
    rejoin: rejoinRepository(sql),
    events: eventsRepository(sql, archive),
    dlpRules: dlpRulesRepository(sql),
    dlpReviews: dlpReviewsRepository(sql),
    dlpMessages: dlpMessagesRepository(sql),
    archive: archiveWriter(archive),
    archiveRead: archiveReader(sql),
    archiveSettings: archiveSettingsRepository(sql),
    numbersAdmin: numbersAdminRepository(sql),
    tenantSettings: tenantSettingsRepository(sql),
    audit: auditRepository(sql),
    archiveCheckpoints: archiveCheckpoints(sql),
    legalHolds: legalHoldsRepository(sql),
    retention: retentionRepository(sql),
    archiveSinks: archiveSinksRepository(sql),
    archiveExports: archiveExportsRepository(sql),
    identities: identitiesRepository(sql),
    webhookEvents: webhookEventsRepository(sql),
    statuses: statusesRepository(sql),
    delivery: deliveryRepository(sql, archive),
    media: mediaRepository(sql),
    templates: templatesRepository(sql),
    numberHealth: numberHealthRepository(sql),
    usage: usageRepository(sql),
    rateCards: rateCardsRepository(sql),
    rateLimits: rateLimitsRepository(sql),
    inbox: inboxRepository(sql),
    teams: teamsRepository(sql),
    jobs,
    live: { publish: (event) => void live.push(event) },
  };
}
