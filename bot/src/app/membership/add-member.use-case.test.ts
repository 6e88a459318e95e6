import { describe, expect, it } from 'vitest';
import { aConversation, aMember, fakeContext, HOUR, rows } from '../../../test/fakes/index.js';
import { addMember } from './add-member.use-case.js';

describe('addMember', () => {
  it('a member adds a colleague of the region, who sees only what is said from now on by default', async () => {
    const w = fakeContext();
    const { alice, bob, thread } = aConversation(w);
    w.clock.advance(HOUR);
    const result = await addMember(w.ctx, alice, thread.id, { memberId: bob.id, shareHistory: false });
    expect(result).toMatchObject({
      ok: true,
      value: { members: [{ memberId: alice.id }, { memberId: bob.id }] },
    });
    const joined = w.state.participants.find((p) => p.memberId === bob.id);
    expect(joined).toMatchObject({ joinedAt: w.clock.now(), historyFrom: w.clock.now() });
    expect(rows.messagesOf(w.state, thread.id).some((m) => m.noticeKind === 'member_added')).toBe(true);
    // The adder saw it happen: the card goes to the others, about the member added.
    expect(rows.jobs(w.state, 'notify')).toMatchObject([
      { data: { kind: 'member_added', memberIds: [bob.id], aboutMemberId: bob.id } },
    ]);
    // The contact is told who joined, in a line of Bridgeline's own.
    expect(rows.messagesOf(w.state, thread.id).filter((m) => m.direction === 'out')).toMatchObject([
      { senderMemberId: null, status: 'queued' },
    ]);
    expect(w.state.live.some((e) => e.type === 'access.thread')).toBe(true);
  });

  it('with history shared the new member sees the thread from its start', async () => {
    const w = fakeContext();
    const { alice, bob, thread } = aConversation(w);
    w.clock.advance(HOUR);
    await addMember(w.ctx, alice, thread.id, { memberId: bob.id, shareHistory: true });
    expect(w.state.participants.find((p) => p.memberId === bob.id)?.historyFrom).toEqual(thread.createdAt);
  });

  it('a thread has at most 10 members', async () => {
    const w = fakeContext();
    const { alice, thread, tenant } = aConversation(w);
    for (let i = 0; i < 9; i += 1) {
      const m = aMember(w, tenant.id);
      expect(await addMember(w.ctx, alice, thread.id, { memberId: m.id, shareHistory: false })).toMatchObject(
        {
          ok: true,
        },
      );
    }
    const eleventh = aMember(w, tenant.id);
    const result = await addMember(w.ctx, alice, thread.id, { memberId: eleventh.id, shareHistory: false });
    expect(result).toMatchObject({ ok: false, code: 'thread_full' });
    expect(rows.activeMembers(w.state, thread.id)).toHaveLength(10);
  });

  it('only a member of the thread may add someone', async () => {
    const w = fakeContext();
    const { bob, thread, tenant } = aConversation(w);
    const carol = aMember(w, tenant.id);
    const result = await addMember(w.ctx, bob, thread.id, { memberId: carol.id, shareHistory: false });
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('a member of another region cannot be added', async () => {
    const w = fakeContext();
    const { alice, thread, tenant } = aConversation(w);
    const carol = aMember(w, tenant.id, { region: 'eu' });
    const result = await addMember(w.ctx, alice, thread.id, { memberId: carol.id, shareHistory: false });
    expect(result).toMatchObject({ ok: false, code: 'region_mismatch' });
    expect(rows.activeMembers(w.state, thread.id)).toEqual([alice.id]);
  });

  it('a disabled member cannot be added', async () => {
    const w = fakeContext();
    const { alice, thread, tenant } = aConversation(w);
    const dave = aMember(w, tenant.id, { enabled: false });
    const result = await addMember(w.ctx, alice, thread.id, { memberId: dave.id, shareHistory: false });
    expect(result).toMatchObject({ ok: false, code: 'member_not_enabled' });
  });

  it('someone already in the thread is not added twice', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    const result = await addMember(w.ctx, alice, thread.id, { memberId: alice.id, shareHistory: false });
    expect(result).toMatchObject({ ok: false, code: 'already_member' });
  });

  it('a member of another organisation is not found', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    const result = await addMember(w.ctx, alice, thread.id, {
      memberId: '00000000-0000-4000-8000-999999999999',
      shareHistory: false,
    });
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('nobody joins a closed thread', async () => {
    const w = fakeContext();
    const { alice, bob, thread } = aConversation(w, { thread: { state: 'closed' } });
    const result = await addMember(w.ctx, alice, thread.id, { memberId: bob.id, shareHistory: false });
    expect(result).toMatchObject({ ok: false, code: 'thread_closed' });
  });
});
