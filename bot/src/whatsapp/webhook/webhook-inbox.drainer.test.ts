import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { InboxDrainer } from './webhook-inbox.drainer.js';
import type { InboxItem, WhatsAppContext, WhatsAppTx } from './webhook-inbox.port.js';

/** A webhook body the drainer can apply without a database: its number is unknown, so it is noted and skipped. */
const body = {
  object: 'whatsapp_business_account',
  entry: [
    {
      id: 'waba-1',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550001111', phone_number_id: 'unknown-number' },
          },
        },
      ],
    },
  ],
};

/** One lane with one item, whose `done` step fails with `failDone` while that list lasts. */
function inboxWith(payload: unknown, failDone: Error[]) {
  const item: InboxItem = { id: '1', tenantId: 't1', kind: 'message', payload, attempts: 0 };
  const state = { applied: false, failures: [] as { error: string; retryAt: Date | null }[] };
  const store = {
    numbers: { byProviderId: async () => null },
    inbox: {
      next: async () => (state.applied ? [] : [item]),
      done: async () => {
        const error = failDone.shift();
        if (error) throw error;
        state.applied = true;
      },
      failed: async (_id: string, error: string, retryAt: Date | null) => {
        state.failures.push({ error, retryAt });
      },
      dueLanes: async () => (state.applied ? [] : [0]),
    },
  } as unknown as WhatsAppTx;
  const ctx = {
    uow: {
      run: (work: (s: WhatsAppTx) => unknown) => work(store),
      read: (work: (s: WhatsAppTx) => unknown) => work(store),
    },
    clock: { now: () => new Date('2026-12-07T10:00:00Z') },
  } as unknown as WhatsAppContext;
  return { ctx, state };
}

/** Nudges the lane once and waits for that drain to end. */
async function drainOnce(ctx: WhatsAppContext): Promise<void> {
  const drainer = new InboxDrainer(ctx, pino({ level: 'silent' }));
  drainer.nudge([0]);
  await drainer.stop();
}

describe('webhook inbox drainer', () => {
  it('a database outage while applying an item is not counted as the item failing: it is applied when the database is back', async () => {
    const outage = Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    const { ctx, state } = inboxWith(body, [outage]);

    await drainOnce(ctx);
    expect(state.failures).toEqual([]);
    expect(state.applied).toBe(false);

    await drainOnce(ctx);
    expect(state.applied).toBe(true);
  });

  it('an item that fails on its own is retried later with backoff, its error kept', async () => {
    const { ctx, state } = inboxWith(body, [new Error('boom: a bug in applying')]);

    await drainOnce(ctx);
    expect(state.failures).toHaveLength(1);
    expect(state.failures[0]!.error).toBe('boom: a bug in applying');
    expect(state.failures[0]!.retryAt).toBeInstanceOf(Date);
  });
});
