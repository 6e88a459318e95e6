import { describe, expect, it } from 'vitest';
import {
  aContact,
  aMedia,
  aMember,
  aMessage,
  aNumber,
  aTenant,
  aThread,
  fakeComplianceWorld,
  memoryMediaStore,
  type FakeArchiveRecord,
  type FakeComplianceWorld,
} from '../../../test/fakes/index.js';
import type { MessageRecord, ThreadRecord } from '../../ports/index.js';
import { DAY_MS } from '../../domain/archive/index.js';
import { purgeExpiredContent } from './retention.use-case.js';

/** A tenant keeping 30 days, a thread of Alice and Bob with Dana, and 40 days on the clock since it began. */
function org() {
  const w = fakeComplianceWorld();
  const tenant = aTenant(w);
  w.rows.settings.push({
    tenantId: tenant.id,
    retentionDays: 30,
    journalEnabled: true,
    lastVerifiedAt: null,
    lastVerify: null,
  });
  const alice = aMember(w, tenant.id, { isAdmin: true });
  const bob = aMember(w, tenant.id);
  const number = aNumber(w, tenant.id);
  const dana = aContact(w, tenant.id);
  const pair = { tenantId: tenant.id, businessNumberId: number.id };
  const thread = aThread(w, { ...pair, contactId: dana.id }, { members: [{ id: alice.id }] });
  const media = memoryMediaStore();
  const run = (options = {}) => purgeExpiredContent(w.ctx, media, options);
  return { w, tenant, alice, bob, number, dana, pair, thread, media, run };
}

/** A message written at `at` (the clock is set there, then to NOW before the run), and its archive record. */
function said(
  w: FakeComplianceWorld,
  thread: ThreadRecord,
  at: Date,
  over: Parameters<typeof aMessage>[2] = {},
): MessageRecord {
  w.clock.set(at);
  const m = aMessage(w, thread, { status: 'delivered', ...over });
  record(w, { messageId: m.id, content: true, tenantId: thread.tenantId });
  return m;
}
function record(w: FakeComplianceWorld, r: Partial<FakeArchiveRecord> & { tenantId: string }) {
  w.rows.records.push({
    seq: w.rows.records.length + 1,
    messageId: null,
    content: false,
    digest: r.content ?? false,
    ...r,
  });
}

const T0 = new Date('2025-06-02T09:00:00.000Z');
const NOW = new Date(T0.getTime() + 40 * DAY_MS);
const at = (daysBeforeNow: number) => new Date(NOW.getTime() - daysBeforeNow * DAY_MS);
const tombstones = (w: FakeComplianceWorld) => w.state.archive.filter((r) => r.type === 'retention.purged');
const textOf = (w: FakeComplianceWorld, m: MessageRecord) =>
  w.state.messages.find((r) => r.id === m.id)!.text;

describe('retention', () => {
  it('removes the words of messages past the retention, keeps younger ones, and says so in one tombstone', async () => {
    const { w, tenant, thread, run } = org();
    const old = said(w, thread, at(35), { text: 'the old offer' });
    record(w, { tenantId: tenant.id }); // a member joined: no content
    const template = said(w, thread, at(31), {
      type: 'template',
      text: null,
      template: { name: 'order_update', language: 'en', parameters: ['A-17'] },
    });
    const young = said(w, thread, at(29), { text: 'the new offer' });
    w.clock.set(NOW);

    const [result] = await run();

    expect(textOf(w, old)).toBeNull();
    expect(w.state.messages.find((m) => m.id === template.id)!.template?.parameters).toEqual([]);
    expect(textOf(w, young)).toBe('the new offer');
    expect(w.rows.records.map((r) => r.content)).toEqual([false, false, false, true]);
    expect(tombstones(w)).toEqual([
      expect.objectContaining({
        tenantId: tenant.id,
        at: NOW,
        details: {
          policy: { retentionDays: 30 },
          before: at(30).toISOString(),
          purged: [[1, 3]],
          messages: 2,
          media: 0,
          records: 2,
        },
      }),
    ]);
    expect(result).toMatchObject({ tenantId: tenant.id, messages: 2, records: 2, tombstones: 1 });
  });

  it('a second run removes nothing again and writes no tombstone', async () => {
    const { w, thread, run } = org();
    said(w, thread, at(35));
    w.clock.set(NOW);
    await run();
    w.clock.advance(DAY_MS);
    const [again] = await run();
    expect(again).toMatchObject({ messages: 0, records: 0, tombstones: 0 });
    expect(tombstones(w)).toHaveLength(1);
  });

  it('a contact, thread or member hold keeps what it covers; released, the next run purges it', async () => {
    const { w, alice, bob, dana, pair, thread, run } = org();
    const other = aContact(w, pair.tenantId, { phoneE164: '+14155550999' });
    const withBob = aThread(
      w,
      { ...pair, contactId: other.id },
      { members: [{ id: alice.id }, { id: bob.id }] },
    );
    const withOther = aThread(w, { ...pair, contactId: other.id }, { members: [{ id: alice.id }] });
    const fromDana = said(w, thread, at(35), { direction: 'in', text: 'my account number' });
    const inBobsThread = said(w, withBob, at(35), { direction: 'in', text: 'to Bob' });
    const inOther = said(w, withOther, at(35), { text: 'nobody holds this' });
    const holds = [
      { scope: 'contact' as const, targetId: dana.id },
      { scope: 'member' as const, targetId: bob.id },
      { scope: 'thread' as const, targetId: withOther.id },
    ];
    for (const [i, h] of holds.entries())
      w.rows.holds.push({
        ...h,
        id: `hold-${i}`,
        tenantId: pair.tenantId,
        reason: 'inquiry',
        createdBy: alice.id,
        createdAt: T0,
        releasedAt: null,
        releasedBy: null,
      });
    w.clock.set(NOW);

    expect((await run())[0]).toMatchObject({ messages: 0, tombstones: 0 });
    expect([textOf(w, fromDana), textOf(w, inBobsThread), textOf(w, inOther)]).toEqual([
      'my account number',
      'to Bob',
      'nobody holds this',
    ]);

    w.rows.holds[0]!.releasedAt = NOW;
    w.rows.holds[0]!.releasedBy = alice.id;
    expect((await run())[0]).toMatchObject({ messages: 1, tombstones: 1 });
    expect([textOf(w, fromDana), textOf(w, inBobsThread), textOf(w, inOther)]).toEqual([
      null,
      'to Bob',
      'nobody holds this',
    ]);
  });

  it('a record whose content stays splits the ranges: no range ever covers words that are still there', async () => {
    const { w, pair, alice, thread, run } = org();
    const held = aThread(
      w,
      { ...pair, contactId: aContact(w, pair.tenantId).id },
      { members: [{ id: alice.id }] },
    );
    said(w, thread, at(35));
    said(w, held, at(35));
    record(w, { tenantId: pair.tenantId });
    said(w, thread, at(35));
    w.rows.holds.push({
      id: 'h',
      tenantId: pair.tenantId,
      scope: 'thread',
      targetId: held.id,
      reason: 'x',
      createdBy: alice.id,
      createdAt: T0,
      releasedAt: null,
      releasedBy: null,
    });
    w.clock.set(NOW);
    await run();
    expect(tombstones(w)[0]!.details).toMatchObject({
      purged: [
        [1, 1],
        [4, 4],
      ],
    });
  });

  it('keeps the words of a message that has not gone out yet, however old', async () => {
    const { w, thread, run } = org();
    const waiting = said(w, thread, at(35), {
      status: 'held',
      holdReason: 'consent',
      text: 'once you opt in',
    });
    w.clock.set(NOW);
    await run();
    expect(textOf(w, waiting)).toBe('once you opt in');
    expect(tombstones(w)).toEqual([]);
  });

  it('works through a backlog batch by batch, each batch with its own tombstone in its own transaction', async () => {
    const { w, thread, run } = org();
    for (let i = 0; i < 5; i++) said(w, thread, at(35 - i / 10));
    w.clock.set(NOW);
    const committed = w.transactions.committed;
    const [result] = await run({ batch: 2, page: 2 });
    expect(result).toMatchObject({ messages: 5, records: 5, tombstones: 3 });
    expect(tombstones(w).map((t) => t.details!.purged)).toEqual([[[1, 2]], [[3, 4]], [[5, 5]]]);
    expect(w.transactions.committed - committed).toBeGreaterThanOrEqual(3);
    expect(w.state.messages.every((m) => m.text === null)).toBe(true);
  });

  it("deletes a purged image's bytes, unless another image with the same bytes is still shown", async () => {
    const { w, tenant, thread, media, run } = org();
    const photo = aMedia(w, tenant.id, {
      sha256: 'a'.repeat(64),
      storageKey: `${tenant.id}/${'a'.repeat(64)}`,
    });
    const twin = aMedia(w, tenant.id, { sha256: 'a'.repeat(64), storageKey: photo.storageKey });
    const alone = aMedia(w, tenant.id, {
      sha256: 'b'.repeat(64),
      storageKey: `${tenant.id}/${'b'.repeat(64)}`,
    });
    for (const m of [photo, alone]) await media.put(m.storageKey!, new Uint8Array([1, 2, 3]));
    said(w, thread, at(35), { type: 'image', mediaId: photo.id, text: 'caption' });
    said(w, thread, at(35), { type: 'image', mediaId: alone.id });
    said(w, thread, at(1), { type: 'image', mediaId: twin.id });
    w.clock.set(NOW);

    const [result] = await run();

    expect(result).toMatchObject({ messages: 2, media: 2, filesDeleted: 1 });
    expect(w.state.media.map((m) => m.state)).toEqual(['purged', 'stored', 'purged']);
    expect(w.state.media.find((m) => m.id === photo.id)).toMatchObject({
      sha256: 'a'.repeat(64),
      sizeBytes: 4,
    });
    expect(media.keys()).toEqual([photo.storageKey]);
  });

  it('each tenant is purged by its own retention', async () => {
    const { w, thread, run } = org();
    const other = aTenant(w, { name: 'Fabrikam' });
    const theirs = aThread(w, {
      tenantId: other.id,
      businessNumberId: aNumber(w, other.id).id,
      contactId: aContact(w, other.id).id,
    });
    const mine = said(w, thread, at(35));
    const kept = said(w, theirs, at(35), { text: 'kept six years' });
    w.clock.set(NOW);
    await run();
    expect(textOf(w, mine)).toBeNull();
    expect(textOf(w, kept)).toBe('kept six years');
  });
});
