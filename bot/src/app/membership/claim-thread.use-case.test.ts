import { describe, expect, it } from 'vitest';
import { aConversation, aMember, fakeContext, rows } from '../../../test/fakes/index.js';
import { claimThread } from './claim-thread.use-case.js';

function unassigned() {
  const w = fakeContext();
  const scene = aConversation(w, { thread: { unassigned: true, members: [] } });
  return { w, ...scene };
}

describe('claimThread', () => {
  it('a member of the region takes an Unassigned thread with its whole history', async () => {
    const { w, alice, thread } = unassigned();
    const result = await claimThread(w.ctx, alice, thread.id);
    expect(result).toMatchObject({
      ok: true,
      value: { unassigned: false, members: [{ memberId: alice.id }] },
    });
    expect(w.state.threads[0]?.unassigned).toBe(false);
    expect(w.state.participants).toMatchObject([{ memberId: alice.id, historyFrom: thread.createdAt }]);
    expect(rows.messagesOf(w.state, thread.id).map((m) => m.noticeKind)).toEqual(['claimed']);
  });

  it('a thread someone else just claimed answers "not unassigned"', async () => {
    const { w, alice, bob, thread } = unassigned();
    await claimThread(w.ctx, alice, thread.id);
    expect(await claimThread(w.ctx, bob, thread.id)).toMatchObject({ ok: false, code: 'not_unassigned' });
    expect(rows.activeMembers(w.state, thread.id)).toEqual([alice.id]);
  });

  it('a member of another region does not see the thread', async () => {
    const { w, tenant, thread } = unassigned();
    const carol = aMember(w, tenant.id, { region: 'eu' });
    expect(await claimThread(w.ctx, carol, thread.id)).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('a disabled member cannot claim', async () => {
    const { w, alice, thread } = unassigned();
    expect(await claimThread(w.ctx, { ...alice, enabled: false }, thread.id)).toMatchObject({
      ok: false,
      code: 'not_enabled',
    });
  });

  it('a claim the store refuses (a full thread) leaves the thread Unassigned', async () => {
    const { w, alice, tenant, thread } = unassigned();
    for (let i = 0; i < 10; i += 1) {
      const m = aMember(w, tenant.id);
      w.state.participants.push({
        id: `p-${i}`,
        tenantId: tenant.id,
        threadId: thread.id,
        memberId: m.id,
        joinedAt: thread.createdAt,
        historyFrom: thread.createdAt,
        leftAt: null,
        lastReadSeq: 0,
        unreadCount: 0,
        lastActivityAt: thread.createdAt,
      });
    }
    expect(await claimThread(w.ctx, alice, thread.id)).toMatchObject({ ok: false, code: 'thread_full' });
    expect(w.state.threads[0]?.unassigned).toBe(true);
    expect(w.state.messages).toEqual([]);
    expect(w.transactions.rolledBack).toBe(1);
  });
});
