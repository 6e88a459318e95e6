import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { JWTVerifyGetKey } from 'jose';
import pino, { type Logger } from 'pino';
import type { Server } from 'restify';
import type { Config } from './config.js';
import type { AppContext } from './app/context.js';
import type { DbStore } from './db/index.js';
import { deliverPair, RetryLater } from './app/deliver-pair.use-case.js';
import { seedDemoTenant } from './app/dev-seed.js';
import { createArchiveModule, type ArchiveModule } from './archive/archive.module.js';
import { redrainStalledPairs } from './app/stalled-pairs.use-case.js';
import { sweepUnconfirmedSends } from './app/unconfirmed-sends.use-case.js';
import { Database } from './db/index.js';
import { acceptInbox } from './db/repositories/inbox.repository.js';
import {
  listenForLiveEvents,
  notifyInTransaction,
  type LiveListener,
  type LiveListenerOptions,
} from './db/pg-live.js';
import {
  createEntraAuthenticator,
  createHttpServer,
  DevAuthenticator,
  NotReady,
  type Authenticator,
} from './http/index.js';
import { JobQueue } from './jobs/index.js';
import { LiveBus } from './live/index.js';
import type {
  Clock,
  JobRequest,
  MediaStore,
  AdminAlertJobData,
  NotifyJobData,
  PairKey,
  WhatsAppGateway,
} from './ports/index.js';
import { createSandbox, ShiftableClock } from './sandbox/sandbox.module.js';
import { createSmsSandbox, type SmsSandbox } from './sandbox/sms/sms-sandbox.module.js';
import { ChannelGateway } from './app/channel-gateway.js';
import { acsGateway, createSmsModule, SMS_ROUTE_DOCS } from './sms/sms.module.js';
import { createWhatsAppModule, metaGraphEndpoint, WHATSAPP_ROUTE_DOCS } from './whatsapp/index.js';
import { createTeamsModule, type TeamsModule, type TeamsModuleOptions } from './teams/teams.module.js';
import { TEAMS_ROUTE_DOCS } from './teams/teams.openapi.js';

export interface Running {
  url: string;
  server: Server | null;
  db: Database;
  ctx: AppContext<DbStore>;
  jobs: JobQueue;
  live: LiveBus;
  log: Logger;
  gateway: WhatsAppGateway;
  dev: DevAuthenticator | null;
  teams: TeamsModule;
  archive: ArchiveModule;
  /** Image bytes (the media store the WhatsApp adapter and retention use). */
  media: MediaStore;
  /** SMS_PROVIDER=sandbox: the simulated SMS provider (the contact's texts), else null. */
  smsSandbox: SmsSandbox | null;
  stop(): Promise<void>;
}

export interface Overrides {
  clock?: Clock;
  gateway?: WhatsAppGateway;
  log?: Logger;
  /** Keep the embedded database in memory instead of DATA_DIR (tests). */
  inMemoryDatabase?: boolean;
  /** An in-memory embedded database starts from this snapshot (a migrated one) instead of empty (tests). */
  embeddedSnapshot?: Blob | undefined;
  tabDir?: string | null;
  /** Bot Framework credentials, send limits, waiting and jitter of the Teams notifier (tests). */
  teams?: Pick<TeamsModuleOptions, 'credentialsFactory' | 'limits' | 'sleep' | 'random' | 'tab'>;
  /** The LISTEN connection's reconnect delays, and a hook awaited before each attempt (tests). */
  live?: Pick<LiveListenerOptions, 'backoff' | 'beforeReconnect'>;
  /** AUTH_MODE=entra: signing keys to trust instead of Entra's published ones (tests sign their own tokens). */
  entraKeys?: JWTVerifyGetKey;
  /** Benchmarks only: `off` measures the same work without archive records (never a setting of a deployment). */
  archive?: 'off';
}

const systemClock: Clock = { now: () => new Date() };

/**
 * Every minute: a send stranded by a crash is failed within a minute of the rule giving up on it, and a pair whose
 * queued messages no drain took is drained again within a minute of the stalled-pair rule's 20 s.
 */
const UNCONFIRMED_SWEEP_CRON = '* * * * *';

/** The composition root: wires adapters to use cases for the configured role, and starts what the role runs. */
export async function startBridgeline(config: Config, overrides: Overrides = {}): Promise<Running> {
  const log =
    overrides.log ?? pino({ level: config.logLevel, base: { service: 'bridgeline', role: config.role } });
  const db = await Database.open({
    url: config.databaseUrl,
    dataDir: overrides.inMemoryDatabase ? null : config.dataDir,
    snapshot: overrides.inMemoryDatabase ? overrides.embeddedSnapshot : undefined,
  });
  const live = new LiveBus();
  let listener: LiveListener | null = null;
  const stops: (() => Promise<void>)[] = [];
  try {
    const jobs = await JobQueue.start(db.url, log, { maintenance: config.role !== 'web' });
    stops.push(() => jobs.stop());
    db.useJobs(
      (executor) => jobs.inTransaction(executor),
      // Every queue a transaction just filled wakes this process's workers of it at once, not at their next poll.
      (queues) => {
        for (const q of queues) jobs.nudge(q as JobRequest['name']);
      },
    );
    if (db.embedded) {
      db.useLive({ afterCommit: (events) => events.forEach((e) => live.emit(e)) });
    } else {
      db.useLive({ inTransaction: notifyInTransaction });
      listener = await listenForLiveEvents(db.url, {
        onEvent: (e) => live.emit(e),
        onReconnected: () => live.resync(),
        log,
        ...overrides.live,
      });
      const started = listener;
      stops.push(() => started.stop());
    }

    // Sandbox mode: a clock the phone page can move forward to show the 24-hour rule (docs/sandbox.md).
    const clock = overrides.clock ?? (config.sandbox ? new ShiftableClock(systemClock) : systemClock);
    const ctx: AppContext<DbStore> = {
      uow: db.uow,
      clock,
      templates: { optIn: config.whatsapp.optInTemplate, resume: config.whatsapp.resumeTemplate },
    };
    const whatsapp = createWhatsAppModule({
      config,
      ctx,
      log,
      inboxWriter: (batch) => acceptInbox({ prepared: (text, params) => db.prepared(text, params) }, batch),
      // Sandbox mode (no WHATSAPP_ACCESS_TOKEN): the simulated Cloud API and the contact's phone; otherwise Meta's.
      graph: (loadMedia) =>
        config.sandbox
          ? createSandbox({ config, ctx, log, loadMedia })
          : metaGraphEndpoint({ config, log, loadMedia }),
    });
    // The archive reads images from the same store as the WhatsApp adapter (journal attachments, retention purges).
    const archive = createArchiveModule({
      config,
      ctx,
      log,
      media: whatsapp.media,
      ephemeralKey: overrides.inMemoryDatabase === true,
    });
    db.useArchive({ ...archive.sealing, off: overrides.archive === 'off' });
    // SMS: Azure Communication Services, or the sandbox's simulated provider (SMS_PROVIDER=sandbox, not production).
    const smsSandbox =
      config.sms.provider === 'sandbox'
        ? createSmsSandbox({
            clock,
            log,
            secret: config.sms.eventsSecret,
            defaultBusinessPhone: '+15550100001',
          })
        : null;
    const sms = createSmsModule({
      config,
      ctx,
      log,
      provider:
        smsSandbox?.gateway ??
        acsGateway({
          connectionString: config.sms.provider === 'acs' ? config.sms.connectionString : '',
          log,
        }),
      nudge: (lanes) => whatsapp.nudgeInbox(lanes),
    });
    // Each message leaves by its thread's channel: WhatsApp's Cloud API or the SMS provider.
    // A test's WhatsApp gateway replaces the Cloud API's only: SMS still goes to the SMS provider.
    const gateway = new ChannelGateway({ whatsapp: overrides.gateway ?? whatsapp.gateway, sms: sms.gateway });
    const teams = createTeamsModule({ config, ctx, log, ...overrides.teams });

    if (config.role !== 'web') {
      await jobs.work<PairKey>(
        'deliver',
        async (key) => {
          try {
            await deliverPair(ctx, gateway, key);
          } catch (error) {
            if (error instanceof RetryLater)
              log.info({ pair: key, reason: error.message }, 'delivery throttled; retrying later');
            else log.error({ err: error, pair: key }, 'delivery failed');
            throw error;
          }
        },
        { concurrency: 2 },
      );
      await jobs.work<NotifyJobData>('notify', (job) => teams.notify(job), { concurrency: 2 });
      await jobs.work<{ tenantId: string; memberId: string }>('welcome-member', (job) => teams.welcome(job));
      await jobs.work<AdminAlertJobData>('notify-admins', (job) => teams.notifyAdmins(job));
      await jobs.work('sweep-unconfirmed-sends', async () => {
        const failed = await sweepUnconfirmedSends(ctx);
        if (failed > 0) log.warn({ failed }, 'sends Meta never answered were failed (not resent)');
        const redrained = await redrainStalledPairs(ctx);
        if (redrained > 0) log.warn({ pairs: redrained }, 'queued sends no drain took were scheduled again');
      });
      await jobs.schedule('sweep-unconfirmed-sends', UNCONFIRMED_SWEEP_CRON, {});
      await whatsapp.workers(jobs, gateway);
      await archive.workers(jobs);
      stops.unshift(() => whatsapp.stop());
      stops.unshift(() => archive.stop());
    }

    const dev = config.authMode === 'dev' ? new DevAuthenticator(config.devTokenSecret, db.uow) : null;
    if (dev) {
      const seeded = await seedDemoTenant(db.uow, config);
      if (seeded.created) log.info('seeded the Contoso demo tenant (dev mode)');
    }
    const auth: Authenticator = dev ?? createEntraAuthenticator(config, db.uow, overrides.entraKeys);
    whatsapp.useAuth(auth);

    const tabDir =
      overrides.tabDir === undefined
        ? fileURLToPath(new URL('../../tab/dist', import.meta.url))
        : overrides.tabDir;
    const server = createHttpServer({
      log,
      ctx,
      compliance: archive.compliance,
      admin: { ...ctx, profiles: whatsapp.profiles },
      uow: db.uow,
      auth,
      dev,
      live,
      ready: async () => {
        if ((await db.query<{ ok: number }>('SELECT 1 AS ok'))[0]?.ok !== 1) return false;
        // A process that serves the tab is ready only while it can deliver live events.
        if (config.role !== 'worker' && listener && !listener.connected())
          throw new NotReady('Live updates are not connected to the database; reconnecting.');
        return true;
      },
      clientConfig: { authMode: config.authMode, sandbox: config.sandbox },
      tabDir,
      adapters: [
        { register: whatsapp.routes, describes: WHATSAPP_ROUTE_DOCS },
        { register: teams.routes, describes: TEAMS_ROUTE_DOCS },
        {
          register: (s) => {
            sms.routes(s);
            smsSandbox?.routes(s);
          },
          describes: SMS_ROUTE_DOCS,
        },
      ],
    });
    await new Promise<void>((resolve, reject) => {
      // An address this machine does not have (EADDRNOTAVAIL) or a port in use fails the start, in one line.
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    stops.unshift(async () => {
      server.server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    log.info(
      { host: config.host, port, database: db.embedded ? 'embedded' : 'server', sandbox: config.sandbox },
      'Bridgeline is listening',
    );

    return {
      url: `http://${localAddressOf(config.host)}:${port}`,
      server,
      db,
      ctx,
      jobs,
      live,
      log,
      gateway,
      dev,
      teams,
      archive,
      media: whatsapp.media,
      smsSandbox: smsSandbox?.sms ?? null,
      async stop() {
        for (const stop of stops) await stop().catch((err: unknown) => log.warn({ err }, 'stop step failed'));
        await db.close();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** Where this process reaches its own server: loopback when it listens on every interface. */
function localAddressOf(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
