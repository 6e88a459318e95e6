import { beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveSinkName, StoredRecord } from '../../domain/archive/index.js';
import type { ArchiveDelivery } from '../../ports/index.js';
import { fakeArchive, type FakeArchive } from '../../../test/fakes/archive-sinks.fake.js';
import { drainArchiveSink } from './drain-archive-sink.use-case.js';

const T = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';

/** A far end that keeps what it accepted, and refuses while `refusing` is set. */
function farEnd(sink: ArchiveSinkName) {
  const accepted: StoredRecord[] = [];
  const state = { refusing: null as string | null, onDeliver: null as ((r: StoredRecord) => void) | null };
  const delivery: ArchiveDelivery = {
    sink,
    async deliver(record) {
      state.onDeliver?.(record);
      if (state.refusing) throw new Error(state.refusing);
      accepted.push(record);
    },
  };
  return { delivery, accepted, state, seqs: () => accepted.map((r) => r.seq) };
}

let archive: FakeArchive;
const ctx = () => ({ uow: archive.uow, clock: archive.clock });
const drain = (delivery: ArchiveDelivery, tenantId = T, owner = 'worker-1', batch?: number) =>
  drainArchiveSink(ctx(), delivery, tenantId, { owner, ...(batch ? { batch } : {}) });

beforeEach(() => {
  archive = fakeArchive();
});

describe('draining an archive sink (the SMTP journal, the CRM push)', () => {
  it('journals every message and consent record once, in seq order, and moves the cursor past the others', async () => {
    const types = ['thread.created', 'consent.requested', 'message.out', 'message.status', 'message.in'];
    types.forEach((type) => archive.append(T, type));
    archive.append(T, 'member.joined');
    const journal = farEnd('journal');

    const result = await drain(journal.delivery);

    expect(journal.seqs()).toEqual([2, 3, 5]);
    expect(result).toMatchObject({ outcome: 'drained', delivered: 3, passed: 3, cursor: 6 });
    expect(archive.cursor(T, 'journal')).toMatchObject({ lastSeq: 6, lastDeliveredSeq: 5, failures: 0 });
    await drain(journal.delivery);
    expect(journal.seqs()).toEqual([2, 3, 5]);
  });

  it('pushes every record to the CRM once, of whatever type, in seq order', async () => {
    ['thread.created', 'message.out', 'message.status', 'admin.member_updated'].forEach((t) =>
      archive.append(T, t),
    );
    const crm = farEnd('crm');
    await drain(crm.delivery);
    archive.append(T, 'message.in');
    await drain(crm.delivery);
    await drain(crm.delivery);
    expect(crm.seqs()).toEqual([1, 2, 3, 4, 5]);
    expect(archive.cursor(T, 'crm')).toMatchObject({ lastSeq: 5, lastDeliveredSeq: 5 });
  });

  it('goes through more records than one batch holds', async () => {
    for (let i = 0; i < 10; i++) archive.append(T, i % 2 ? 'message.in' : 'message.status');
    const crm = farEnd('crm');
    await drain(crm.delivery, T, 'worker-1', 3);
    expect(crm.seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('stops at the first record the far end refuses: nothing after it goes first, and its cursor stays before it', async () => {
    ['message.in', 'message.in', 'message.in'].forEach((t) => archive.append(T, t));
    const crm = farEnd('crm');
    crm.state.onDeliver = (r) => void (crm.state.refusing = r.seq === 2 ? 'HTTP 500' : null);

    const result = await drain(crm.delivery);

    expect(crm.seqs()).toEqual([1]);
    expect(result).toMatchObject({ outcome: 'failing', cursor: 1, failure: { seq: 2, error: 'HTTP 500' } });
    expect(archive.cursor(T, 'crm')).toMatchObject({ lastSeq: 1, failures: 1, lastError: 'HTTP 500' });
  });

  it('waits 5 s after a failure, then 10 s, and delivers from the refused record on once the far end is back: nothing lost, nothing twice', async () => {
    ['message.in', 'consent.opted_in', 'message.out'].forEach((t) => archive.append(T, t));
    const journal = farEnd('journal');
    journal.state.refusing = 'SMTP 451: try again later';

    const first = await drain(journal.delivery);
    expect(first.failure?.nextAttemptAt.getTime()).toBe(archive.clock.now().getTime() + 5_000);
    expect((await drain(journal.delivery)).outcome).toBe('waiting');
    archive.clock.advance(5_000);
    const second = await drain(journal.delivery);
    expect(second.failure?.nextAttemptAt.getTime()).toBe(archive.clock.now().getTime() + 10_000);
    expect(journal.accepted).toHaveLength(0);

    journal.state.refusing = null;
    archive.clock.advance(10_000);
    const back = await drain(journal.delivery);

    expect(journal.seqs()).toEqual([1, 2, 3]);
    expect(back).toMatchObject({ outcome: 'drained', delivered: 3 });
    expect(archive.cursor(T, 'journal')).toMatchObject({ failures: 0, lastError: null, nextAttemptAt: null });
  });

  it('keeps the lease until the failure is written: a write the database answers late still holds the record back for its backoff', async () => {
    archive.append(T, 'message.in');
    const crm = farEnd('crm');
    crm.state.refusing = 'HTTP 500';
    let attempts = 0;
    crm.state.onDeliver = () => void (attempts += 1);
    // As on a real server, where each unit of work is its own round trips on its own connection: the failure's
    // write answers a turn later, and a release sent meanwhile would be done before it.
    const { uow } = archive;
    const lateFailureWrite = {
      clock: archive.clock,
      uow: {
        read: uow.read,
        run: <R>(work: (store: Parameters<Parameters<typeof uow.run>[0]>[0]) => Promise<R>) =>
          uow.run((store) =>
            work({
              ...store,
              archiveSinks: {
                ...store.archiveSinks,
                failed: async (...args) => {
                  await new Promise((resolve) => setImmediate(resolve));
                  return store.archiveSinks.failed(...args);
                },
              },
            }),
          ),
      },
    };

    const first = await drainArchiveSink(lateFailureWrite, crm.delivery, T, { owner: 'worker-1' });
    const again = await drainArchiveSink(lateFailureWrite, crm.delivery, T, { owner: 'worker-1' });

    expect(first).toMatchObject({ outcome: 'failing', failure: { seq: 1, failures: 1 } });
    expect(archive.cursor(T, 'crm')).toMatchObject({ failures: 1, lastError: 'HTTP 500', leaseOwner: null });
    expect(again.outcome).toBe('waiting');
    expect(attempts).toBe(1);
  });

  it('says the sink began failing once, at its first failure in a row, and that it recovered once', async () => {
    archive.append(T, 'message.in');
    const crm = farEnd('crm');
    crm.state.refusing = 'HTTP 503';
    const changes = [];
    for (let i = 0; i < 4; i++) {
      changes.push((await drain(crm.delivery)).change?.to ?? null);
      archive.clock.advance(5 * 60_000);
    }
    crm.state.refusing = null;
    changes.push((await drain(crm.delivery)).change?.to ?? null);
    archive.append(T, 'message.in');
    changes.push((await drain(crm.delivery)).change?.to ?? null);
    expect(changes).toEqual(['failing', null, null, null, 'recovered', null]);
  });

  it('journals nothing while the tenant has the journal off, not even once it is on again; other tenants and the CRM go on', async () => {
    archive.setJournal(T, false);
    archive.append(T, 'message.in');
    archive.append(OTHER, 'message.in');
    const journal = farEnd('journal');
    const crm = farEnd('crm');

    const off = await drain(journal.delivery);
    await drain(journal.delivery, OTHER);
    await drain(crm.delivery);
    expect(off).toMatchObject({ outcome: 'drained', delivered: 0, passed: 1, cursor: 1 });
    expect(journal.accepted.map((r) => r.payload.tenantId)).toEqual([OTHER]);
    expect(crm.seqs()).toEqual([1]);

    archive.setJournal(T, true);
    archive.append(T, 'message.out');
    await drain(journal.delivery);
    expect(journal.accepted.map((r) => [r.payload.tenantId, r.seq])).toEqual([
      [OTHER, 1],
      [T, 2],
    ]);
  });

  it('lets one drain per tenant and sink run at a time', async () => {
    archive.append(T, 'message.in');
    const crm = farEnd('crm');
    let second: Awaited<ReturnType<typeof drain>> | null = null;
    // While worker-1 delivers the record, worker-2 tries to drain the same tenant's CRM push.
    const inFlight: ArchiveDelivery = {
      sink: 'crm',
      deliver: async () => void (second = await drain(crm.delivery, T, 'worker-2')),
    };

    await drain(inFlight, T, 'worker-1');

    expect(second).toMatchObject({ outcome: 'busy', delivered: 0 });
    expect(crm.accepted).toHaveLength(0);
  });

  it('stops when another drain took its lease over, and leaves the cursor to it', async () => {
    ['message.in', 'message.in', 'message.in'].forEach((t) => archive.append(T, t));
    const crm = farEnd('crm');
    crm.state.onDeliver = (r) => {
      if (r.seq === 2) archive.loseLease(T, 'crm', 'worker-2');
    };
    const result = await drain(crm.delivery);
    expect(crm.seqs()).toEqual([1, 2]);
    expect(result.cursor).toBe(1);
    expect(archive.cursor(T, 'crm')).toMatchObject({ lastSeq: 1, leaseOwner: 'worker-2' });
  });

  it('stops between records when the process shuts down, with the cursor after the last accepted one', async () => {
    ['message.in', 'message.in', 'message.in'].forEach((t) => archive.append(T, t));
    const crm = farEnd('crm');
    let stopping = false;
    crm.state.onDeliver = () => void (stopping = true);
    const result = await drainArchiveSink(ctx(), crm.delivery, T, { owner: 'w', stopped: () => stopping });
    expect(result).toMatchObject({ outcome: 'stopped', cursor: 1 });
    expect(crm.seqs()).toEqual([1]);
    expect(archive.cursor(T, 'crm')?.leaseOwner).toBeNull();
  });
});
