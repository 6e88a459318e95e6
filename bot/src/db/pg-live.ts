import pg from 'pg';
import type { Logger } from 'pino';
import type { TenantLiveEvent } from '../live/index.js';
import type { Sql } from './sql.js';

/**
 * Live events across processes on a real PostgreSQL server: published with pg_notify inside the transaction that made
 * the change (PostgreSQL delivers it at commit, and never for a rollback), and received by one LISTEN connection per
 * process. The embedded database's socket does not carry notifications between connections, so there the events
 * fan out in-process instead (see main.ts).
 */
export const LIVE_CHANNEL = 'bridgeline_live';

export async function notifyInTransaction(events: TenantLiveEvent[], sql: Sql): Promise<void> {
  // Identical events in one transaction (several updates of one thread) are sent once.
  const unique = [...new Set(events.map((e) => JSON.stringify(e)))];
  // One round trip for all of them, in order.
  if (unique.length === 1) await sql.exec('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, unique[0]]);
  else
    await sql.rows('SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS e(p, n) ORDER BY n', [
      LIVE_CHANNEL,
      unique,
    ]);
}

export interface LiveListener {
  /** Whether the LISTEN connection is up, i.e. events committed now reach this process. */
  connected(): boolean;
  stop(): Promise<void>;
}

export interface LiveListenerOptions {
  onEvent: (event: TenantLiveEvent) => void;
  /**
   * Called after the connection came back: NOTIFY does not replay what was published while it was down, so whoever
   * shows live data must refetch it.
   */
  onReconnected?: () => void;
  log: Logger;
  /** Reconnect delays: the first, doubling up to the cap, each with jitter (defaults 250 ms, 15 s). */
  backoff?: { firstMs?: number; maxMs?: number };
  random?: () => number;
  /** Awaited before each reconnect attempt; a rejection counts as a failed attempt (tests hold the connection down). */
  beforeReconnect?: () => Promise<void>;
}

/** The wait before reconnect attempt `attempt` (0-based): exponential up to the cap, jittered down to half. */
export function reconnectDelay(
  attempt: number,
  firstMs: number,
  maxMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * One LISTEN connection, kept up for as long as it takes: when PostgreSQL restarts or the connection drops, it
 * reconnects with exponential backoff (capped, with jitter so many processes do not reconnect in step) until
 * `stop()`. A first connection that fails is retried the same way rather than failing the start.
 */
export async function listenForLiveEvents(url: string, options: LiveListenerOptions): Promise<LiveListener> {
  const { log, onEvent } = options;
  const firstMs = options.backoff?.firstMs ?? 250;
  const maxMs = options.backoff?.maxMs ?? 15_000;
  const random = options.random ?? Math.random;
  let client: pg.Client | null = null;
  let listening = false;
  let stopped = false;
  let everConnected = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const scheduleReconnect = () => {
    if (stopped || timer !== undefined) return;
    const delay = reconnectDelay(attempt, firstMs, maxMs, random);
    attempt += 1;
    timer = setTimeout(() => {
      timer = undefined;
      void reconnect();
    }, delay);
    timer.unref?.();
  };

  const reconnect = async () => {
    try {
      await options.beforeReconnect?.();
    } catch (err) {
      log.warn({ err, attempt }, 'live event connection failed; retrying');
      return scheduleReconnect();
    }
    await connect();
  };

  const lost = (c: pg.Client, err?: unknown) => {
    if (client !== c) return;
    client = null;
    listening = false;
    if (stopped) return;
    log.warn({ err }, 'live event connection lost; reconnecting');
    void c.end().catch(() => undefined);
    scheduleReconnect();
  };

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, application_name: 'bridgeline-live', keepAlive: true });
    client = c;
    c.on('notification', (n) => {
      if (n.channel !== LIVE_CHANNEL || !n.payload) return;
      try {
        onEvent(JSON.parse(n.payload) as TenantLiveEvent);
      } catch (err) {
        log.warn({ err }, 'ignored a malformed live event');
      }
    });
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (err) {
      if (client === c) {
        client = null;
        void c.end().catch(() => undefined);
        if (!stopped) {
          log.warn({ err, attempt }, 'live event connection failed; retrying');
          scheduleReconnect();
        }
      }
      return;
    }
    if (client !== c || stopped) return;
    listening = true;
    attempt = 0;
    if (everConnected) {
      log.info('live event connection restored; clients are told to refetch');
      options.onReconnected?.();
    }
    everConnected = true;
  };

  await connect();
  return {
    connected: () => listening,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      listening = false;
      await c?.end().catch(() => undefined);
    },
  };
}
