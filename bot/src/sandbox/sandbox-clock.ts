import type { Server } from 'restify';
import { z } from 'zod';
import type { Clock } from '../ports/clock.js';
import { parseJson, readBody, route, sendJson, type RouteLogger } from './sandbox-http.js';

const HOUR_MS = 3_600_000;

/**
 * The app's clock in sandbox mode (issue 16): the system clock plus an offset a person can move forward from the
 * phone page, so the 24-hour rule can be seen without waiting a day. The app and the simulated Cloud API read the
 * same clock, so both agree the window closed. Never used with Meta's API (sandbox mode is refused in production).
 */
export class ShiftableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  get offsetHours(): number {
    return this.offsetMs / HOUR_MS;
  }
}

const AdvanceBody = z
  .object({
    hours: z
      .number()
      .positive()
      .max(24 * 30),
  })
  .strict();

/**
 * `GET /sandbox/clock` → `{ now, offsetHours }`; `POST /sandbox/clock` `{ hours }` advances it. Refused with 403 when
 * `NODE_ENV=production`, whatever else lets the route exist.
 */
export function registerSandboxClockRoutes(
  server: Server,
  deps: { clock: ShiftableClock; production: boolean; log: RouteLogger },
): void {
  const { clock, production, log } = deps;
  const view = () => ({ now: clock.now().toISOString(), offsetHours: clock.offsetHours });
  const refused = { error: 'The clock can only be moved in the sandbox, never in production.' };
  server.get(
    '/sandbox/clock',
    route(log, async (_req, res) => sendJson(res, 200, view())),
  );
  server.post(
    '/sandbox/clock',
    route(log, async (req, res) => {
      if (production) return sendJson(res, 403, refused);
      const body = AdvanceBody.safeParse(parseJson(await readBody(req, 1024)));
      if (!body.success)
        return sendJson(res, 400, { error: 'hours: a number of hours above 0 and at most 720 (30 days).' });
      clock.advance(body.data.hours * HOUR_MS);
      sendJson(res, 200, view());
    }),
  );
}
