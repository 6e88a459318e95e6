import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeline, type Running } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { receiveMessage } from '../../src/app/receive-message.use-case.js';
import { reconnectDelay } from '../../src/db/pg-live.js';
import { InMemoryWhatsAppGateway } from '../../src/sandbox/in-memory-whatsapp.gateway.js';
import { openSse, type SseClient } from '../support/sse-client.js';
import { eventually, newPhone, PHONE_NUMBER_ID } from '../support/test-app.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.js';

/**
 * Live events survive a PostgreSQL restart. This file restarts its server, so it runs on a cluster of its own
 * (scripts/ci/pg-start.sh), never on the DATABASE_URL server the other test files share — under plain `npm test`
 * as in CI.
 */
describe('live events after a PostgreSQL restart', () => {
  let pg: ThrowawayPostgres;
  let running: Running;
  let sse: SseClient;
  // Keeps the LISTEN connection's reconnect attempts failing after the restart, until the test has seen readiness
  // answer 503 and several attempts fail (as if PostgreSQL took long to come back).
  let holdDown = false;
  let failedAttempts = 0;
  const beforeReconnect = async () => {
    if (!holdDown) return;
    failedAttempts += 1;
    throw new Error('held down by the test');
  };

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    // ROLE=web: the process that serves the tab, and whose readiness depends on live events.
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: pg.url, ROLE: 'web' });
    running = await startBridgeline(config, {
      gateway: new InMemoryWhatsAppGateway(),
      log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      inMemoryDatabase: true,
      tabDir: null,
      live: { backoff: { firstMs: 20, maxMs: 200 }, beforeReconnect },
    });
    const token = await running.dev!.issue(
      (await running.ctx.uow.run((s) => s.members.byEmailAnyTenant('alice@contoso.test')))[0]!,
    );
    sse = await openSse(`${running.url}/api/v1/events?access_token=${encodeURIComponent(token)}`);
  }, 120_000);

  afterAll(async () => {
    holdDown = false;
    sse?.close();
    await running?.stop();
    await pg?.stop();
  });

  const inbound = async () => {
    const r = await receiveMessage(running.ctx, {
      channel: 'whatsapp',
      providerNumberId: PHONE_NUMBER_ID,
      from: { waId: newPhone().replace(/^\+/, ''), profileName: 'Dana' },
      sentAt: new Date(),
      type: 'text',
      text: 'Hello',
      providerMessageId: `wamid.in.${randomUUID()}`,
    });
    if (!r.ok || r.value.status !== 'stored') throw new Error('inbound not stored');
    return r.value.messageId;
  };
  const created = (messageId: string) => (e: { event: string; data: string }) =>
    e.event === 'message.created' && (JSON.parse(e.data) as { messageId: string }).messageId === messageId;
  const readiness = async () => {
    const res = await fetch(`${running.url}/readyz`);
    return { status: res.status, body: (await res.json()) as { detail?: string } };
  };

  it('delivers events again after PostgreSQL restarts, and readiness answers 503 until it can', async () => {
    const before = await inbound();
    await sse.waitFor('a message before the restart', created(before));
    expect((await readiness()).status).toBe(200);

    holdDown = true;
    await pg.restartImmediate();

    // The database answers again, but this process cannot hear its notifications: not ready.
    const down = await eventually('readiness 503 while live events are down', async () => {
      const r = await readiness();
      return r.status === 503 && /live updates/i.test(r.body.detail ?? '') ? r : null;
    });
    expect(down.status).toBe(503);
    await eventually('several failed reconnect attempts', async () => failedAttempts >= 5);

    holdDown = false;
    await eventually(
      'readiness 200 once live events are back',
      async () => (await readiness()).status === 200,
    );
    // What was published while it could not listen is gone: open streams are told to refetch.
    await sse.waitFor('resync after the reconnect', (e) => e.event === 'resync');

    const after = await inbound();
    await sse.waitFor('a message after the restart', created(after));
    expect(sse.open()).toBe(true);
  });

  it('keeps reconnecting with growing, capped and jittered delays', () => {
    const top = () => 1;
    const bottom = () => 0;
    expect([0, 1, 2, 3].map((n) => reconnectDelay(n, 250, 15_000, top))).toEqual([250, 500, 1000, 2000]);
    expect(reconnectDelay(10, 250, 15_000, top)).toBe(15_000);
    expect(reconnectDelay(1000, 250, 15_000, top)).toBe(15_000);
    expect(reconnectDelay(3, 250, 15_000, bottom)).toBe(1000);
  });
});
