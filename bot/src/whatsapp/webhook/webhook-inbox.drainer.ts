import type { Logger } from 'pino';
import { isDatabaseOutage } from '../../db/index.js';
import type { InboxItem, WhatsAppContext } from './webhook-inbox.port.js';
import { applyInboxItem } from './webhook-inbox.js';

const MAX_ATTEMPTS = 10;
/** Items applied per transaction: fewer round trips, and a failure isolates itself (see `loop`). */
const BATCH = 20;
const backoffMs = (attempts: number) => Math.min(60_000, 250 * 2 ** attempts);

/**
 * Applies the webhook inbox, lane by lane: one worker per lane at a time across every process (a transaction-scoped
 * advisory lock), items in arrival order, up to 20 per transaction. Nudged right after a commit in this process;
 * otherwise polls. A failing item is retried with backoff, then kept with its error (dead letter) after 10 attempts.
 * A database outage is not the item's failure: the lane stops, nothing is counted, and the next poll after the
 * database is back takes the same items again at once (no backoff piled up by a restart).
 */
export class InboxDrainer {
  private readonly running = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: WhatsAppContext,
    private readonly log: Logger,
    private readonly pollMs = 500,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.running.values());
  }

  nudge(lanes: readonly number[]): void {
    for (const lane of lanes) this.drain(lane);
  }

  private drain(lane: number): void {
    if (this.stopped) return;
    if (this.running.has(lane)) {
      this.again.add(lane);
      return;
    }
    const run = this.loop(lane).finally(() => {
      this.running.delete(lane);
      if (this.again.delete(lane)) this.drain(lane);
    });
    this.running.set(lane, run);
  }

  private async loop(lane: number): Promise<void> {
    let size = BATCH;
    while (!this.stopped) {
      const result = await this.step(lane, size);
      if (result === 'idle') return;
      // After a failed batch, go one item at a time until the failing item is found and set aside.
      size = result === 'failed' && size > 1 ? 1 : result === 'applied' && size === 1 ? BATCH : size;
    }
  }

  /** Applies up to `size` due items of the lane in one transaction. */
  private async step(lane: number, size: number): Promise<'applied' | 'idle' | 'failed'> {
    // Set inside the transaction: the items being applied, if any.
    const seen: { items: InboxItem[] } = { items: [] };
    const deps = { ctx: this.ctx, log: this.log };
    try {
      return await this.ctx.uow.run(async (store) => {
        const items = await store.inbox.next(lane, new Date(), size);
        if (items === 'busy' || items.length === 0) return 'idle';
        seen.items = items;
        for (const item of items) await applyInboxItem(store, deps, item);
        await store.inbox.done(
          items.map((i) => i.id),
          new Date(),
        );
        return 'applied';
      });
    } catch (error) {
      const [item] = seen.items;
      if (isDatabaseOutage(error)) {
        if (!this.stopped)
          this.log.warn({ err: error, lane }, 'webhook inbox lane paused: database unavailable');
        return 'idle';
      }
      if (!item) {
        if (!this.stopped) this.log.error({ err: error, lane }, 'webhook inbox lane failed');
        return 'idle';
      }
      if (seen.items.length > 1) return 'failed';
      const attempts = item.attempts + 1;
      const retryAt = attempts >= MAX_ATTEMPTS ? null : new Date(Date.now() + backoffMs(attempts));
      this.log[retryAt ? 'warn' : 'error'](
        { err: error, inboxId: item.id, attempts, lane },
        retryAt ? 'webhook item failed; retrying later' : 'webhook item given up after repeated failures',
      );
      const message = error instanceof Error ? error.message : String(error);
      await this.ctx.uow
        .run((store) => store.inbox.failed(item.id, message, retryAt, new Date()))
        .catch((err: unknown) => this.log.error({ err, inboxId: item.id }, 'could not record the failure'));
      // The lane goes on with its next due item; the failed one comes back when due.
      return 'failed';
    }
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    try {
      const lanes = await this.ctx.uow.run((store) => store.inbox.dueLanes(new Date()));
      this.nudge(lanes);
    } catch (error) {
      if (!this.stopped) this.log.warn({ err: error }, 'webhook inbox poll failed');
    }
  }
}
