import type pg from 'pg';
import type { Send, Webhook } from './load.js';

/**
 * The counter: what the database holds after the run, against what the load generator was told (a 200 for a webhook,
 * a 201/200 for a send). Every figure but "in flight at a kill" and "unacknowledged" must be 0.
 */
export interface Figures {
  webhooksPosted: number;
  webhookPosts: number;
  webhook5xx: number;
  inboundAcknowledged: number;
  inboundUnacknowledged: number;
  inboundLost: number;
  inboundDuplicated: number;
  sendsAcknowledged: number;
  sendsLost: number;
  sendsDuplicated: number;
  sendsMetaTwice: number;
  inFlightAtKill: number;
  stuckUnknown: number;
  waitingBehindInFlight: number;
  stuck: number;
  inboxUnprocessed: number;
  liveExpected: number;
  liveLost: number;
}

/** Out messages the sweep will fail as stuck_unknown (claimed, Meta never answered), and those queued behind them. */
const UNCONFIRMED = `status = 'sending' AND provider_message_id IS NULL`;

/**
 * Webhook items still to apply. The sandbox keeps posting status webhooks for the messages it delivered, so an item
 * received in the last few seconds is in flight, not lost: `olderThanSeconds` leaves those out when counting.
 */
export async function pending(
  db: pg.Client,
  olderThanSeconds = 0,
): Promise<{
  inbox: number;
  queued: number;
  unconfirmed: number;
  behindUnconfirmed: number;
}> {
  const { rows } = await db.query<{ inbox: string; queued: string; unconfirmed: string; behind: string }>(
    `
    SELECT
      (SELECT count(*) FROM webhook_inbox WHERE processed_at IS NULL
         AND received_at <= now() - make_interval(secs => $1)) AS inbox,
      (SELECT count(*) FROM messages WHERE direction = 'out' AND status IN ('queued', 'sending')) AS queued,
      (SELECT count(*) FROM messages WHERE direction = 'out' AND ${UNCONFIRMED}) AS unconfirmed,
      (SELECT count(*) FROM messages q WHERE q.direction = 'out' AND q.status = 'queued' AND EXISTS (
         SELECT 1 FROM messages s WHERE s.direction = 'out' AND s.status = 'sending'
           AND s.provider_message_id IS NULL AND s.business_number_id = q.business_number_id AND s.contact_id = q.contact_id)) AS behind`,
    [olderThanSeconds],
  );
  const r = rows[0]!;
  return {
    inbox: Number(r.inbox),
    queued: Number(r.queued),
    unconfirmed: Number(r.unconfirmed),
    behindUnconfirmed: Number(r.behind),
  };
}

export async function count(
  db: pg.Client,
  load: { webhooks: Webhook[]; sends: Send[]; live: { expected: number; received: number } },
): Promise<Figures> {
  const acknowledged = load.webhooks
    .filter((w) => w.acknowledged)
    .flatMap((w) => w.inbound.map((m) => m.wamid));
  const unacknowledged = load.webhooks
    .filter((w) => !w.acknowledged)
    .flatMap((w) => w.inbound.map((m) => m.wamid));
  const { rows: inbound } = await db.query<{ wamid: string; n: string }>(
    `SELECT w AS wamid, count(m.id) AS n FROM unnest($1::text[]) AS w
       LEFT JOIN messages m ON m.direction = 'in' AND m.provider_message_id = w GROUP BY w`,
    [acknowledged],
  );

  const sent = load.sends.filter((s) => s.acknowledged).map((s) => s.clientMessageId);
  const { rows: sends } = await db.query<{ cid: string; n: string }>(
    `SELECT c AS cid, count(m.id) AS n FROM unnest($1::text[]) AS c
       LEFT JOIN messages m ON m.direction = 'out' AND m.client_message_id = c GROUP BY c`,
    [sent],
  );
  // Meta accepted a message twice: two of its ids (in the status webhooks the sandbox posted) for one of ours.
  const { rows: twice } = await db.query<{ n: string }>(`
    SELECT count(*) AS n FROM (
      SELECT s->>'biz_opaque_callback_data' AS ours
        FROM webhook_inbox, jsonb_path_query(payload, 'lax $.**.statuses[*]') AS s
       WHERE kind = 'status' AND s ? 'biz_opaque_callback_data'
       GROUP BY 1 HAVING count(DISTINCT s->>'id') > 1) AS d`);
  const { rows: states } = await db.query<{ unconfirmed: string; stuck_unknown: string; stuck: string }>(`
    SELECT
      count(*) FILTER (WHERE ${UNCONFIRMED}) AS unconfirmed,
      count(*) FILTER (WHERE status = 'failed' AND error->>'code' = 'stuck_unknown') AS stuck_unknown,
      count(*) FILTER (WHERE status IN ('queued', 'sending') AND NOT (${UNCONFIRMED})) AS stuck
    FROM messages WHERE direction = 'out'`);
  // Never applied: still waiting 10 s after it was stored (a healthy worker applies an item within milliseconds).
  const p = await pending(db, 10);
  const s = states[0]!;
  return {
    webhooksPosted: load.webhooks.length,
    webhookPosts: load.webhooks.reduce((n, w) => n + w.posts, 0),
    webhook5xx: load.webhooks.reduce(
      (n, w) => n + [...w.answers].reduce((m, [k, v]) => m + (typeof k === 'number' && k >= 500 ? v : 0), 0),
      0,
    ),
    inboundAcknowledged: acknowledged.length,
    inboundUnacknowledged: unacknowledged.length,
    inboundLost: inbound.filter((r) => Number(r.n) === 0).length,
    inboundDuplicated: inbound.filter((r) => Number(r.n) > 1).length,
    sendsAcknowledged: sent.length,
    sendsLost: sends.filter((r) => Number(r.n) === 0).length,
    sendsDuplicated: sends.filter((r) => Number(r.n) > 1).length,
    sendsMetaTwice: Number(twice[0]?.n ?? 0),
    inFlightAtKill: Number(s.unconfirmed),
    stuckUnknown: Number(s.stuck_unknown),
    waitingBehindInFlight: p.behindUnconfirmed,
    stuck: Number(s.stuck) - p.behindUnconfirmed,
    inboxUnprocessed: p.inbox,
    liveExpected: load.live.expected,
    liveLost: load.live.expected - load.live.received,
  };
}

/** The figures that must be 0 for the run to pass. */
export function failures(f: Figures): string[] {
  const must: [keyof Figures, string][] = [
    ['inboundLost', 'acknowledged inbound messages lost'],
    ['inboundDuplicated', 'inbound messages stored twice'],
    ['sendsLost', 'acknowledged sends lost'],
    ['sendsDuplicated', 'sends stored twice'],
    ['sendsMetaTwice', 'sends Meta accepted twice'],
    ['stuck', 'messages stuck in queued/sending'],
    ['inboxUnprocessed', 'webhook items never applied'],
    ['liveLost', 'live events lost after the PostgreSQL restart'],
  ];
  return must.filter(([k]) => f[k] !== 0).map(([k, label]) => `${label}: ${f[k]}`);
}

export function table(f: Figures): string {
  const rows: [string, number | string][] = [
    ['webhooks (distinct bodies)', f.webhooksPosted],
    ['webhook posts (replays and retries)', f.webhookPosts],
    ['webhook answers 5xx (retried)', f.webhook5xx],
    ['inbound messages acknowledged (200)', f.inboundAcknowledged],
    ['  lost', f.inboundLost],
    ['  duplicated', f.inboundDuplicated],
    ['inbound never acknowledged (Meta retries)', f.inboundUnacknowledged],
    ['API sends acknowledged (201/200)', f.sendsAcknowledged],
    ['  lost', f.sendsLost],
    ['  stored twice', f.sendsDuplicated],
    ['  accepted twice by Meta', f.sendsMetaTwice],
    ['  in flight at a kill (sweep: stuck_unknown)', f.inFlightAtKill],
    ['  failed stuck_unknown by the sweep', f.stuckUnknown],
    ['  queued behind an in-flight one', f.waitingBehindInFlight],
    ['messages stuck in queued/sending', f.stuck],
    ['webhook items never applied', f.inboxUnprocessed],
    ['live events after the PostgreSQL restart', f.liveExpected],
    ['  lost', f.liveLost],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${String(v).padStart(7)}`).join('\n');
}
