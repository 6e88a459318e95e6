import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/db/database.js';
import { SINK_KINDS } from '../../../src/domain/archive/index.js';
import { freshDatabaseUrl } from '../../support/test-database.js';

let db: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabaseUrl();
  drop = fresh.drop;
  db = await Database.open({ url: fresh.url, dataDir: null, snapshot: fresh.snapshot });
});
afterAll(async () => {
  await db?.close();
  await drop?.();
});

async function aTenantWith(types: string[]): Promise<string> {
  const [t] = await db.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Sinks') RETURNING id`);
  await db.uow.run(async (store) => {
    for (const type of types) store.archive.append({ tenantId: t!.id, event: type, type, at: new Date() });
  });
  return t!.id;
}
const run = <T>(work: Parameters<typeof db.uow.run<T>>[0]) => db.uow.run(work);
const FAR_FUTURE = new Date('2999-01-01T00:00:00Z');

describe('the cursors of the archive feeds (archive_sinks)', () => {
  it('lets one owner at a time hold a sink, and the next take it once released', async () => {
    const t = await aTenantWith(['message.in']);
    expect(await run((s) => s.archiveSinks.claim(t, 'journal', 'a'))).toMatchObject({
      lastSeq: 0,
      failures: 0,
    });
    expect(await run((s) => s.archiveSinks.claim(t, 'journal', 'b'))).toBeNull();
    expect(await run((s) => s.archiveSinks.claim(t, 'crm', 'b'))).not.toBeNull();
    await run((s) => s.archiveSinks.release(t, 'journal', 'a'));
    expect(await run((s) => s.archiveSinks.claim(t, 'journal', 'b'))).not.toBeNull();
  });

  it('hands a lease that ran out (its process died) to the next owner, and the old owner can no longer move the cursor', async () => {
    const t = await aTenantWith(['message.in', 'message.in']);
    await run((s) => s.archiveSinks.claim(t, 'crm', 'dead'));
    await db.query(
      `UPDATE archive_sinks SET lease_until = now() - interval '1 second' WHERE tenant_id = $1`,
      [t],
    );
    expect(await run((s) => s.archiveSinks.claim(t, 'crm', 'alive'))).not.toBeNull();
    const move = { toSeq: 1, deliveredAt: new Date(), clearFailure: true };
    expect(await run((s) => s.archiveSinks.advance(t, 'crm', 'dead', move))).toBe(false);
    expect(await run((s) => s.archiveSinks.advance(t, 'crm', 'alive', move))).toBe(true);
  });

  it('moves a cursor only forward', async () => {
    const t = await aTenantWith(['message.in', 'message.in']);
    await run((s) => s.archiveSinks.claim(t, 'crm', 'a'));
    const at = new Date();
    expect(
      await run((s) =>
        s.archiveSinks.advance(t, 'crm', 'a', { toSeq: 2, deliveredAt: at, clearFailure: true }),
      ),
    ).toBe(true);
    expect(
      await run((s) =>
        s.archiveSinks.advance(t, 'crm', 'a', { toSeq: 1, deliveredAt: at, clearFailure: true }),
      ),
    ).toBe(false);
    expect(await run((s) => s.archiveSinks.get(t, 'crm'))).toMatchObject({ lastSeq: 2, lastDeliveredSeq: 2 });
  });

  it('finds the sinks with work: head past the cursor, backoff over, no lease held', async () => {
    const waiting = await aTenantWith(['message.in']);
    const backingOff = await aTenantWith(['message.in']);
    const leased = await aTenantWith(['message.in']);
    const done = await aTenantWith(['message.in']);
    await run(async (s) => {
      await s.archiveSinks.claim(backingOff, 'crm', 'a');
      await s.archiveSinks.failed(backingOff, 'crm', 'a', {
        at: new Date(),
        error: 'HTTP 500',
        failures: 1,
        nextAttemptAt: FAR_FUTURE,
      });
      await s.archiveSinks.release(backingOff, 'crm', 'a');
      await s.archiveSinks.claim(leased, 'crm', 'a');
      await s.archiveSinks.claim(done, 'crm', 'a');
      await s.archiveSinks.advance(done, 'crm', 'a', {
        toSeq: 1,
        deliveredAt: new Date(),
        clearFailure: true,
      });
      await s.archiveSinks.release(done, 'crm', 'a');
    });
    const due = await db.uow.read((s) => s.archiveSinks.due(['crm'], new Date()));
    const mine = due.filter((d) => [waiting, backingOff, leased, done].includes(d.tenantId));
    expect(mine).toEqual([{ tenantId: waiting, sink: 'crm' }]);
    const later = await db.uow.read((s) => s.archiveSinks.due(['crm'], FAR_FUTURE));
    expect(later.map((d) => d.tenantId)).toContain(backingOff);
  });

  it('counts as pending only the kinds a sink takes, after its cursor', async () => {
    const t = await aTenantWith([
      'message.in',
      'message.status',
      'consent.opted_in',
      'thread.created',
      'consentx',
    ]);
    const journal = await db.uow.read((s) => s.archiveSinks.pending(t, 0, SINK_KINDS.journal));
    expect(journal.count).toBe(2);
    expect(await db.uow.read((s) => s.archiveSinks.pending(t, 1, SINK_KINDS.journal))).toMatchObject({
      count: 1,
    });
    expect(await db.uow.read((s) => s.archiveSinks.pending(t, 0, null))).toMatchObject({ count: 5 });
  });
});
