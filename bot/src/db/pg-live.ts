import pg from 'pg';
import type { Logger } from 'pino';
import type { TenantLiveEvent } from '../live/live-bus.js';
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

export async function listenForLiveEvents(
  url: string,
  onEvent: (event: TenantLiveEvent) => void,
  log: Logger,
): Promise<{ stop(): Promise<void> }> {
  let client: pg.Client | null = null;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'bridgeline-live' });
    c.on('notification', (n) => {
      if (n.channel !== LIVE_CHANNEL || !n.payload) return;
      try {
        onEvent(JSON.parse(n.payload) as TenantLiveEvent);
      } catch (err) {
        log.warn({ err }, 'ignored a malformed live event');
      }
    });
    c.on('error', (err) => {
      log.warn({ err }, 'live event connection lost; reconnecting');
      client = null;
      if (!stopped)
        setTimeout(
          () => void connect().catch((e: unknown) => log.error({ err: e }, 'live reconnect failed')),
          1000,
        );
    });
    await c.connect();
    await c.query(`LISTEN ${LIVE_CHANNEL}`);
    client = c;
  };
  await connect();
  return {
    async stop() {
      stopped = true;
      await client?.end().catch(() => undefined);
    },
  };
}
