import { performance } from 'node:perf_hooks';
import { percentile } from '../support/load.js';
import { postWebhook, signedInbound, type Cluster } from './cluster.js';
import type { Pair } from './outbound.js';

/** A tab's live stream (GET /api/v1/events) on one web process: when each `message.created` arrived, by message id. */
export interface SseClient {
  created: Map<string, number>;
  close(): void;
}

export async function openSse(url: string): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (res.status !== 200 || !res.body) throw new Error(`SSE: ${res.status}`);
  const created = new Map<string, number>();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!frame.startsWith('event: message.created')) continue;
          const data = /\ndata: (.*)/.exec(frame)?.[1];
          if (!data) continue;
          const { messageId } = JSON.parse(data) as { messageId: string };
          if (!created.has(messageId)) created.set(messageId, at);
        }
      }
    } catch {
      // Closed by `close()`.
    }
  })();
  return { created, close: () => controller.abort() };
}

export interface InboundFigures {
  sent: number;
  acknowledged: number;
  seen: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  achievedPerSecond: number;
}

/**
 * Signed webhooks (one text each, from the seeded contacts in turn) POSTed to web A at `rate` per second for
 * `seconds` (open loop), while Alice's stream is open on web B. Latency: from the POST's start to the
 * `message.created` event on B, matched through the stored message's wamid.
 */
export async function inboundLatency(
  cluster: Cluster,
  pairs: Pair[],
  rate: number,
  seconds: number,
): Promise<InboundFigures> {
  const [webA, webB] = cluster.web;
  const sse = await openSse(
    `${webB.url}/api/v1/events?access_token=${encodeURIComponent(await cluster.token())}`,
  );
  const postedAt = new Map<string, number>();
  let acknowledged = 0;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const inflight: Promise<void>[] = [];
  const t0 = performance.now();
  try {
    for (let i = 0; i < total; i++) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const pair = pairs[i % pairs.length]!;
      const hook = signedInbound(cluster.appSecret, pair.waId, `inbound ${i}`);
      postedAt.set(hook.wamid, performance.now());
      inflight.push(
        postWebhook(webA, hook).then(
          (status) => void (status === 200 && acknowledged++),
          () => undefined,
        ),
      );
    }
    const sentBy = performance.now();
    await Promise.all(inflight);
    // Wait for the stream to catch up (at most 30 s).
    const settle = performance.now();
    while (sse.created.size < acknowledged && performance.now() - settle < 30_000)
      await new Promise((r) => setTimeout(r, 100));
    const { rows } = await cluster.db.query<{ id: string; wamid: string }>(
      `SELECT id, provider_message_id AS wamid FROM messages WHERE direction = 'in' AND provider_message_id = ANY($1)`,
      [[...postedAt.keys()]],
    );
    const latencies: number[] = [];
    for (const row of rows) {
      const seenAt = sse.created.get(row.id);
      const sent = postedAt.get(row.wamid);
      if (seenAt !== undefined && sent !== undefined) latencies.push(seenAt - sent);
    }
    return {
      sent: total,
      acknowledged,
      seen: latencies.length,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: Math.max(...latencies),
      achievedPerSecond: total / ((sentBy - t0) / 1000),
    };
  } finally {
    sse.close();
  }
}
