import { describe, expect, it } from 'vitest';
import {
  aConversation,
  aMember,
  aMessage,
  aThread,
  fakeContext,
  HOUR,
  MINUTE,
  rows,
} from '../../test/fakes/index.js';
import { getThread, listMessages, listThreads, markRead } from './thread-views.use-case.js';

describe('listThreads', () => {
  it("a member's inbox lists their threads, newest activity first, a page at a time", async () => {
    const w = fakeContext();
    const { alice, key, thread } = aConversation(w);
    w.clock.advance(MINUTE);
    const newer = aThread(w, key, { members: [{ id: alice.id }] });
    w.state.participants.find((p) => p.threadId === newer.id)!.lastActivityAt = w.clock.now();
    const first = await listThreads(w.ctx, alice, { limit: 1 });
    expect(first).toMatchObject({ ok: true, value: { items: [{ id: newer.id }] } });
    if (!first.ok || !first.value.nextCursor) throw new Error('no next page');
    const second = await listThreads(w.ctx, alice, { limit: 1, cursor: first.value.nextCursor });
    expect(second).toMatchObject({ ok: true, value: { items: [{ id: thread.id }] } });
  });

  it('the Unassigned queue shows the open Unassigned threads of the caller’s region', async () => {
    const w = fakeContext();
    const { alice, key, tenant } = aConversation(w);
    const queued = aThread(w, key, { unassigned: true });
    aThread(w, key, { unassigned: true, region: 'eu' });
    expect(await listThreads(w.ctx, alice, { state: 'unassigned' })).toMatchObject({
      ok: true,
      value: { items: [{ id: queued.id, unassigned: true }], nextCursor: null },
    });
    const carol = aMember(w, tenant.id, { region: 'eu' });
    expect(await listThreads(w.ctx, carol, { state: 'unassigned' })).toMatchObject({
      ok: true,
      value: { items: [{ region: 'eu' }] },
    });
  });

  it('a cursor this API did not give out is refused', async () => {
    const w = fakeContext();
    const { alice } = aConversation(w);
    expect(await listThreads(w.ctx, alice, { cursor: 'bm9wZQ' })).toMatchObject({
      ok: false,
      code: 'validation_failed',
    });
  });

  it('a disabled member sees no inbox', async () => {
    const w = fakeContext();
    const { alice } = aConversation(w);
    expect(await listThreads(w.ctx, { ...alice, enabled: false }, {})).toMatchObject({
      ok: false,
      code: 'not_enabled',
    });
  });
});

describe('getThread', () => {
  it('a member sees the thread with its consent, window and members', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    expect(await getThread(w.ctx, alice, thread.id)).toMatchObject({
      ok: true,
      value: {
        id: thread.id,
        consent: 'opted_in',
        window: { open: true },
        members: [{ memberId: alice.id }],
      },
    });
  });

  it("another tenant's thread answers exactly like one that does not exist", async () => {
    const w = fakeContext();
    const { thread } = aConversation(w);
    const other = aConversation(w);
    expect(await getThread(w.ctx, other.alice, thread.id)).toEqual(
      await getThread(w.ctx, other.alice, 'nothing'),
    );
    expect(await getThread(w.ctx, other.alice, thread.id)).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('listMessages', () => {
  it('a member added without history sees only what was said from when they joined', async () => {
    const w = fakeContext();
    const { alice, bob, key } = aConversation(w);
    const thread = aThread(w, key, {
      members: [{ id: alice.id }, { id: bob.id, joinedAt: new Date(w.clock.now().getTime() + HOUR) }],
    });
    aMessage(w, thread, { text: 'before' });
    w.clock.advance(2 * HOUR);
    aMessage(w, thread, { text: 'after' });
    const texts = async (caller: typeof alice) => {
      const r = await listMessages(w.ctx, caller, thread.id, {});
      return r.ok ? r.value.items.map((m) => m.text) : r;
    };
    expect(await texts(alice)).toEqual(['after', 'before']);
    expect(await texts(bob)).toEqual(['after']);
  });

  it('a member who left sees the history up to when they left', async () => {
    const w = fakeContext();
    const { alice, bob, key } = aConversation(w);
    const thread = aThread(w, key, {
      members: [{ id: alice.id }, { id: bob.id, leftAt: new Date(w.clock.now().getTime() + HOUR) }],
    });
    aMessage(w, thread, { text: 'while there' });
    w.clock.advance(2 * HOUR);
    aMessage(w, thread, { text: 'after leaving' });
    const result = await listMessages(w.ctx, bob, thread.id, {});
    expect(result).toMatchObject({ ok: true, value: { items: [{ text: 'while there' }] } });
  });

  it('messages come a page at a time, newest first', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    for (const text of ['one', 'two', 'three']) aMessage(w, thread, { text });
    const first = await listMessages(w.ctx, alice, thread.id, { limit: 2 });
    if (!first.ok || !first.value.nextCursor) throw new Error('no next page');
    expect(first.value.items.map((m) => m.text)).toEqual(['three', 'two']);
    const second = await listMessages(w.ctx, alice, thread.id, { limit: 2, before: first.value.nextCursor });
    expect(second).toMatchObject({ ok: true, value: { items: [{ text: 'one' }], nextCursor: null } });
  });

  it('a cursor that is not a position is refused', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    const before = Buffer.from('abc').toString('base64url');
    expect(await listMessages(w.ctx, alice, thread.id, { before })).toMatchObject({
      ok: false,
      code: 'validation_failed',
    });
  });
});

describe('markRead', () => {
  it("a member reading the contact's messages clears their unread count and queues one read receipt", async () => {
    const w = fakeContext();
    const { alice, thread, tenant } = aConversation(w);
    const message = aMessage(w, thread, {
      direction: 'in',
      status: 'delivered',
      providerMessageId: 'wamid.in',
    });
    w.state.participants[0]!.unreadCount = 1;
    expect(await markRead(w.ctx, alice, thread.id, message.id)).toEqual({ ok: true, value: null });
    expect(await markRead(w.ctx, alice, thread.id, message.id)).toEqual({ ok: true, value: null });
    expect(w.state.participants[0]).toMatchObject({ unreadCount: 0, lastReadSeq: message.seq });
    expect(rows.jobs(w.state, 'mark-read')).toEqual([
      { name: 'mark-read', data: { tenantId: tenant.id, messageId: message.id }, singletonKey: message.id },
    ]);
  });

  it('a message of another thread is not found', async () => {
    const w = fakeContext();
    const { alice, key, thread } = aConversation(w);
    const other = aThread(w, key, { members: [{ id: alice.id }] });
    const message = aMessage(w, other, { direction: 'in' });
    expect(await markRead(w.ctx, alice, thread.id, message.id)).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('someone viewing an Unassigned thread sends the contact no read receipt', async () => {
    const w = fakeContext();
    const { alice, key } = aConversation(w);
    const queued = aThread(w, key, { unassigned: true });
    const message = aMessage(w, queued, { direction: 'in', providerMessageId: 'wamid.in' });
    expect(await markRead(w.ctx, alice, queued.id, message.id)).toEqual({ ok: true, value: null });
    expect(rows.jobs(w.state, 'mark-read')).toEqual([]);
  });
});
