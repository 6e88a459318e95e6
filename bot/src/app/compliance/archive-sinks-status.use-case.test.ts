import { beforeEach, describe, expect, it } from 'vitest';
import { fakeArchive, type FakeArchive } from '../../../test/fakes/archive-sinks.fake.js';
import { archiveSinkStatuses } from './archive-sinks-status.use-case.js';
import { drainArchiveSink } from './drain-archive-sink.use-case.js';

const T = '00000000-0000-4000-8000-00000000000a';
let archive: FakeArchive;
const both = { journal: true, crm: true };
const statusOf = async (sink: 'journal' | 'crm', configured = both) =>
  (await archiveSinkStatuses({ uow: archive.uow }, T, configured)).find((s) => s.sink === sink)!;

beforeEach(() => {
  archive = fakeArchive();
});

describe("the health panel's view of the archive feeds", () => {
  it('counts as backlog only the records of the kinds each sink takes, with how long the oldest has waited', async () => {
    archive.append(T, 'message.in');
    archive.append(T, 'message.status');
    archive.clock.advance(90_000);
    archive.append(T, 'consent.opted_in');
    archive.clock.advance(30_000);

    expect(await statusOf('journal')).toMatchObject({ backlog: 2, lagSeconds: 120, lastDeliveredSeq: 0 });
    expect(await statusOf('crm')).toMatchObject({ backlog: 3, lagSeconds: 120 });
  });

  it('shows the last failure and how many attempts failed in a row, and the last record delivered', async () => {
    archive.append(T, 'message.in');
    archive.append(T, 'message.in');
    let calls = 0;
    const delivery = {
      sink: 'crm' as const,
      deliver: async () => {
        if (++calls > 1) throw new Error('CRM endpoint answered HTTP 500');
      },
    };
    await drainArchiveSink({ uow: archive.uow, clock: archive.clock }, delivery, T, { owner: 'w' });

    expect(await statusOf('crm')).toMatchObject({
      backlog: 1,
      lastDeliveredSeq: 1,
      lastDeliveredAt: archive.clock.now().toISOString(),
      failures: 1,
      lastError: 'CRM endpoint answered HTTP 500',
    });
  });

  it('says when the tenant has the journal off, with nothing waiting (its records are not journaled)', async () => {
    archive.append(T, 'message.in');
    archive.setJournal(T, false);
    expect(await statusOf('journal')).toMatchObject({
      configured: true,
      enabled: false,
      backlog: 0,
      lagSeconds: 0,
    });
    expect(await statusOf('crm')).toMatchObject({ enabled: true, backlog: 1 });
  });

  it('says when this server has no journal or CRM endpoint configured', async () => {
    archive.append(T, 'message.in');
    const none = { journal: false, crm: false };
    expect(await statusOf('journal', none)).toMatchObject({ configured: false, backlog: 0 });
    expect(await statusOf('crm', none)).toMatchObject({ configured: false, backlog: 0 });
  });
});
