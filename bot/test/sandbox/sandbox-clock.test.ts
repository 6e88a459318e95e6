import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerSandboxClockRoutes, ShiftableClock } from '../../src/sandbox/sandbox-clock.js';
import { HOUR, TestClock } from '../support/test-app.js';

/** The sandbox clock (issue 16, point 9): moved forward from the phone page, never in production. */

let server: restify.Server | null = null;
afterEach(() => server?.close());

async function clockServer(production: boolean) {
  const base = new TestClock();
  const clock = new ShiftableClock(base);
  server = restify.createServer({ handleUncaughtExceptions: false });
  registerSandboxClockRoutes(server, { clock, production, log: { error: () => undefined } });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/clock`;
  const advance = (body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { base, clock, advance };
}

describe('the sandbox clock', () => {
  it('moves the app clock forward by the hours asked, so the 24-hour window can close without waiting a day', async () => {
    const { base, clock, advance } = await clockServer(false);
    const r = await advance({ hours: 25 });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ offsetHours: 25 });
    expect(clock.now().getTime() - base.now().getTime()).toBe(25 * HOUR);
  });

  it('refuses to move the clock in production, and refuses hours that are not a positive number', async () => {
    const prod = await clockServer(true);
    const refused = await prod.advance({ hours: 25 });
    expect(refused.status).toBe(403);
    expect(prod.clock.offsetHours).toBe(0);
    server?.close();
    const dev = await clockServer(false);
    expect((await dev.advance({ hours: -3 })).status).toBe(400);
    expect((await dev.advance({ hours: 'a day' })).status).toBe(400);
    expect(dev.clock.offsetHours).toBe(0);
  });
});
