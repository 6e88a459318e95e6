import { describe, expect, it } from 'vitest';
import { aConversation, aThread, fakeContext, HOUR, rows } from '../../../test/fakes/index.js';
import { leaveThread, removeMember } from './remove-member.use-case.js';

function twoMembers() {
  const w = fakeContext();
  const scene = aConversation(w);
  const thread = aThread(w, scene.key, { members: [{ id: scene.alice.id }, { id: scene.bob.id }] });
  w.clock.advance(HOUR);
  return { w, ...scene, thread };
}

describe('removeMember', () => {
  it('a member removes another, who gets the card and sees nothing after it', async () => {
    const { w, alice, bob, thread } = twoMembers();
    const result = await removeMember(w.ctx, alice, thread.id, bob.id);
    expect(result).toMatchObject({ ok: true, value: { members: [{ memberId: alice.id }] } });
    expect(w.state.participants.find((p) => p.memberId === bob.id)?.leftAt).toEqual(w.clock.now());
    expect(rows.jobs(w.state, 'notify')).toMatchObject([
      { data: { kind: 'member_removed', memberIds: [bob.id], aboutMemberId: bob.id } },
    ]);
    expect(w.state.live.some((e) => e.type === 'access.thread')).toBe(true);
  });

  it('someone not in the thread cannot be removed', async () => {
    const { w, alice, thread, tenant } = twoMembers();
    const result = await removeMember(w.ctx, alice, thread.id, tenant.id);
    expect(result).toMatchObject({ ok: false, code: 'not_a_member' });
  });

  it('only a member of the thread may remove someone', async () => {
    const w = fakeContext();
    const { alice, bob, thread } = aConversation(w);
    expect(await removeMember(w.ctx, bob, thread.id, alice.id)).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(rows.activeMembers(w.state, thread.id)).toEqual([alice.id]);
  });

  it('removing yourself is leaving', async () => {
    const { w, alice, bob, thread } = twoMembers();
    // A member who left still sees the thread up to when they left.
    expect(await removeMember(w.ctx, alice, thread.id, alice.id)).toMatchObject({
      ok: true,
      value: { members: [{ memberId: bob.id }] },
    });
    expect(rows.activeMembers(w.state, thread.id)).toEqual([bob.id]);
    expect(rows.messagesOf(w.state, thread.id).some((m) => m.noticeKind === 'member_left')).toBe(true);
  });
});

describe('leaveThread', () => {
  it('the last member to leave closes the thread', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    expect(await leaveThread(w.ctx, alice, thread.id)).toMatchObject({
      ok: true,
      value: { state: 'closed' },
    });
    expect(w.state.threads[0]).toMatchObject({ state: 'closed', closedAt: w.clock.now() });
    expect(rows.messagesOf(w.state, thread.id).map((m) => m.noticeKind)).toContain('thread_closed');
  });

  it('a member who leaves a shared thread leaves it open for the others', async () => {
    const { w, alice, bob, thread } = twoMembers();
    await leaveThread(w.ctx, bob, thread.id);
    expect(w.state.threads.find((t) => t.id === thread.id)?.state).toBe('open');
    expect(rows.activeMembers(w.state, thread.id)).toEqual([alice.id]);
    expect(rows.jobs(w.state, 'notify')).toMatchObject([
      { data: { kind: 'member_left', memberIds: [alice.id], aboutMemberId: bob.id } },
    ]);
  });

  it('a member who already left cannot leave again', async () => {
    const { w, bob, thread } = twoMembers();
    await leaveThread(w.ctx, bob, thread.id);
    expect(await leaveThread(w.ctx, bob, thread.id)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
