import { performance } from 'node:perf_hooks';

/** Small load drivers shared by the HTTP benchmarks: closed loop for throughput, open loop for latency at a rate. */

export interface Shot {
  body: Buffer;
  headers: Record<string, string>;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

async function post(url: string, shot: Shot): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers: shot.headers, body: shot.body });
  await res.arrayBuffer();
  return res.status;
}

/** `concurrency` clients sending back to back; requests per second and the statuses seen. */
export async function closedLoop(
  url: string,
  shots: Shot[],
  concurrency: number,
): Promise<{ perSecond: number; statuses: Map<number, number> }> {
  let next = 0;
  const statuses = new Map<number, number>();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < shots.length) {
        const shot = shots[next++]!;
        const status = await post(url, shot);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return { perSecond: shots.length / ((performance.now() - t0) / 1000), statuses };
}

/** Sends at a fixed rate whatever the answers (open loop), and measures each acknowledgement's latency. */
export async function openLoop(
  url: string,
  shots: Shot[],
  ratePerSecond: number,
): Promise<{ latencies: number[]; statuses: Map<number, number>; achievedPerSecond: number }> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const interval = 1000 / ratePerSecond;
  const t0 = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < shots.length; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const shot = shots[i]!;
    inflight.push(
      (async () => {
        const start = performance.now();
        const status = await post(url, shot);
        latencies.push(performance.now() - start);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      })(),
    );
  }
  const sentBy = performance.now();
  await Promise.all(inflight);
  return { latencies, statuses, achievedPerSecond: shots.length / ((sentBy - t0) / 1000) };
}

export function describeStatuses(statuses: Map<number, number>): string {
  return [...statuses.entries()].map(([s, n]) => `${n}×${s}`).join(', ');
}
