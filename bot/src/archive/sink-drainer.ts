import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  drainArchiveSink,
  type DrainResult,
  type DrainStore,
} from '../app/compliance/drain-archive-sink.use-case.js';
import type { AppContext } from '../app/context.js';
import type { ArchiveSinkName } from '../domain/archive/index.js';
import type { ArchiveDelivery } from '../ports/index.js';

const LABEL: Record<ArchiveSinkName, string> = { journal: 'SMTP journal', crm: 'CRM push' };

/**
 * Runs the drains of the outward feeds in a worker process. What triggers a drain: every commit that sealed records
 * in this process (`nudge`), a timer every `intervalMs` for records sealed by other processes and for retries whose
 * backoff ran out, and the `archive-journal` / `archive-crm` jobs. Each trigger costs one query (`due`: the heads past
 * the cursors), so an idle server does one cheap query every two seconds and nothing else. Drains of different
 * tenants and sinks run side by side; one (tenant, sink) has one drain at a time (here, and across processes by the
 * cursor's lease). A failing sink is logged when it starts failing and when it delivers again, not at every retry.
 */
export class SinkDrainer {
  readonly owner = `drainer-${randomUUID()}`;
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Map<string, Promise<void>>();
  private ticking: Promise<void> | null = null;
  private tickAgain = false;
  private nudges = 0;
  private started = false;
  private stopped = false;
  private lastTickError: string | null = null;

  constructor(
    private readonly options: {
      ctx: AppContext<DrainStore>;
      deliveries: ArchiveDelivery[];
      log: Logger;
      intervalMs?: number;
    },
  ) {}

  get sinks(): ArchiveSinkName[] {
    return this.options.deliveries.map((d) => d.sink);
  }

  start(): void {
    if (this.started || this.stopped || this.options.deliveries.length === 0) return;
    this.started = true;
    this.timer = setInterval(() => this.nudge(), this.options.intervalMs ?? 2_000);
    this.timer.unref();
    this.nudge();
  }

  /** Looks for work now (coalesced: one look at a time, and one more if asked meanwhile). */
  nudge(): void {
    if (!this.started || this.stopped) return;
    this.nudges += 1;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = this.tick().finally(() => {
      this.ticking = null;
      if (this.tickAgain) {
        this.tickAgain = false;
        this.nudge();
      }
    });
  }

  /** Drains one tenant's sink now (the jobs), unless a drain of it is already running here. */
  drain(tenantId: string, sink: ArchiveSinkName): Promise<void> {
    const delivery = this.options.deliveries.find((d) => d.sink === sink);
    if (!delivery || !this.started || this.stopped) return Promise.resolve();
    const key = `${sink}:${tenantId}`;
    const existing = this.running.get(key);
    if (existing) return existing;
    const nudgesBefore = this.nudges;
    const run = drainArchiveSink(this.options.ctx, delivery, tenantId, {
      owner: this.owner,
      stopped: () => this.stopped,
    })
      .then((result) => this.report(result))
      .catch((error: unknown) =>
        this.options.log.warn({ err: error, tenantId, sink }, `archive ${LABEL[sink]}: drain interrupted`),
      )
      .finally(() => {
        this.running.delete(key);
        // Records sealed while this drain ran may have been looked for and skipped (it was running): look again.
        if (this.nudges !== nudgesBefore) this.nudge();
      });
    this.running.set(key, run);
    return run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    await Promise.all(this.running.values());
  }

  private async tick(): Promise<void> {
    const { ctx, log } = this.options;
    try {
      const due = await ctx.uow.read((store) => store.archiveSinks.due(this.sinks, ctx.clock.now()));
      this.lastTickError = null;
      for (const { tenantId, sink } of due) void this.drain(tenantId, sink);
    } catch (error) {
      // A database outage: said once, not every two seconds.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastTickError)
        log.warn({ err: error }, 'archive feeds: cannot look for records to deliver');
      this.lastTickError = message;
    }
  }

  private report(result: DrainResult): void {
    const { log } = this.options;
    const { tenantId, sink, change } = result;
    if (change?.to === 'failing')
      log.warn(
        { tenantId, sink, seq: change.seq, error: change.error },
        `archive ${LABEL[sink]} failing: record ${change.seq} of tenant ${tenantId} not accepted (${change.error}); retrying with backoff, messaging unaffected`,
      );
    else if (change?.to === 'recovered')
      log.info(
        { tenantId, sink, failures: change.failures, failingSince: change.failingSince },
        `archive ${LABEL[sink]} delivering again for tenant ${tenantId} after ${change.failures} failed attempts`,
      );
  }
}
