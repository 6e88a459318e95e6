/**
 * Teams bot send limits as a pure function of past send times and `now`, so the notifier can ask "may I send
 * now, and if not, when?" without sleeping, and tests can drive it with a fake clock.
 *
 * Per conversation (Microsoft's "per bot per thread" table for sending to a conversation): 7 per 1 s, 8 per 2 s,
 * 60 per 30 s, 1,800 per hour. Per tenant: 50 requests per second for the app, configurable. Windows slide: a
 * send at time t counts against a window of length w until t + w.
 */

export interface SendWindow {
  windowMs: number;
  max: number;
}

export interface TeamsSendLimits {
  conversation: readonly SendWindow[];
  tenant: readonly SendWindow[];
}

export const TEAMS_CONVERSATION_WINDOWS: readonly SendWindow[] = [
  { windowMs: 1_000, max: 7 },
  { windowMs: 2_000, max: 8 },
  { windowMs: 30_000, max: 60 },
  { windowMs: 3_600_000, max: 1_800 },
];

export const DEFAULT_TENANT_SENDS_PER_SECOND = 50;

export function teamsSendLimits(
  tenantSendsPerSecond: number = DEFAULT_TENANT_SENDS_PER_SECOND,
): TeamsSendLimits {
  return {
    conversation: TEAMS_CONVERSATION_WINDOWS,
    tenant: [{ windowMs: 1_000, max: tenantSendsPerSecond }],
  };
}

/** Times (epoch ms) of past sends to one conversation, and to any conversation of the same tenant. */
export interface SendHistory {
  conversation: readonly number[];
  tenant: readonly number[];
}

export type SendDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Allowed when every window of both scopes has room. Otherwise `retryAfterMs` is exact: at `now + retryAfterMs`
 * every window has room (if nothing else is sent meanwhile), and one millisecond earlier at least one doesn't.
 */
export function decideSend(history: SendHistory, now: number, limits: TeamsSendLimits): SendDecision {
  const earliest = Math.max(
    earliestAllowedAt(history.conversation, now, limits.conversation),
    earliestAllowedAt(history.tenant, now, limits.tenant),
  );
  return earliest <= now ? { allowed: true } : { allowed: false, retryAfterMs: earliest - now };
}

/**
 * The first time T ≥ now at which each window (T − w, T] holds fewer than `max` sends. A window is full while
 * its `max`-th most recent send is still inside it; it frees up when that send is exactly w old.
 */
export function earliestAllowedAt(
  sends: readonly number[],
  now: number,
  windows: readonly SendWindow[],
): number {
  let earliest = now;
  if (windows.length === 0) return earliest;
  const newestFirst = [...sends].sort((a, b) => b - a);
  for (const { windowMs, max } of windows) {
    if (max <= 0) throw new RangeError('A send window must allow at least one send');
    const blocking = newestFirst[max - 1];
    if (blocking !== undefined) earliest = Math.max(earliest, blocking + windowMs);
  }
  return earliest;
}

/** Drops the sends no window can see any more, so the stored history stays bounded (≤ 1,800 per conversation). */
export function pruneSendHistory(
  sends: readonly number[],
  now: number,
  windows: readonly SendWindow[],
): number[] {
  const longest = Math.max(0, ...windows.map((w) => w.windowMs));
  return sends.filter((t) => t > now - longest);
}
