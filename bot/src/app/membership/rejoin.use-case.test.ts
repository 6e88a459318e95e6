import { describe, expect, it } from 'vitest';
import { aConversation, aMember, aThread, fakeContext, HOUR, rows } from '../../../test/fakes/index.js';
import { decideRejoin, listRejoinRequests, requestRejoin } from './rejoin.use-case.js';

/** Alice is in the thread; Bob was, with history from its start, and left an hour later. */
function bobLeft() {
  const w = fakeContext();
  const scene = aConversation(w);
  const start = w.clock.now();
  const thread = aThread(w, scene.key, {
    members: [{ id: scene.alice.id }, { id: scene.bob.id, leftAt: new Date(start.getTime() + HOUR) }],
  });
  w.clock.advance(2 * HOUR);
  return { w, ...scene, thread, start };
}

describe('requestRejoin', () => {
  it('a former member asks to rejoin and the current members get Approve / Decline', async () => {
    const { w, alice, bob, thread } = bobLeft();
    const result = await requestRejoin(w.ctx, bob, thread.id);
    expect(result).toMatchObject({ ok: true, value: { memberId: bob.id, state: 'pending' } });
    expect(rows.jobs(w.state, 'notify')).toMatchObject([
      { data: { kind: 'rejoin_requested', memberIds: [alice.id], aboutMemberId: bob.id } },
    ]);
    expect(rows.eventTypes(w.state)).toEqual(['rejoin.requested']);
  });

  it('one pending request at a time', async () => {
    const { w, bob, thread } = bobLeft();
    await requestRejoin(w.ctx, bob, thread.id);
    expect(await requestRejoin(w.ctx, bob, thread.id)).toMatchObject({ ok: false, code: 'rejoin_pending' });
    expect(w.state.rejoin).toHaveLength(1);
  });

  it('a current member cannot ask to rejoin', async () => {
    const { w, alice, thread } = bobLeft();
    expect(await requestRejoin(w.ctx, alice, thread.id)).toMatchObject({ ok: false, code: 'already_member' });
  });

  it('someone who was never in the thread cannot ask', async () => {
    const { w, thread, tenant } = bobLeft();
    const carol = aMember(w, tenant.id);
    expect(await requestRejoin(w.ctx, carol, thread.id)).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('a disabled former member cannot ask', async () => {
    const { w, bob, thread } = bobLeft();
    expect(await requestRejoin(w.ctx, { ...bob, enabled: false }, thread.id)).toMatchObject({
      ok: false,
      code: 'not_enabled',
    });
  });
});

describe('listRejoinRequests', () => {
  it('current members see the pending requests; a former member sees none', async () => {
    const { w, alice, bob, thread } = bobLeft();
    await requestRejoin(w.ctx, bob, thread.id);
    expect(await listRejoinRequests(w.ctx, alice, thread.id)).toMatchObject({
      ok: true,
      value: [{ memberId: bob.id }],
    });
    expect(await listRejoinRequests(w.ctx, bob, thread.id)).toEqual({ ok: true, value: [] });
  });
});

describe('decideRejoin', () => {
  it('an approved member comes back with the history they had before', async () => {
    const { w, alice, bob, thread, start } = bobLeft();
    const request = await requestRejoin(w.ctx, bob, thread.id);
    if (!request.ok) throw new Error('no request');
    const result = await decideRejoin(w.ctx, alice, thread.id, request.value.id, 'approve');
    expect(result).toMatchObject({ ok: true });
    expect(rows.activeMembers(w.state, thread.id)).toEqual([alice.id, bob.id]);
    const back = w.state.participants.find((p) => p.memberId === bob.id && p.leftAt === null);
    expect(back).toMatchObject({ joinedAt: w.clock.now(), historyFrom: start });
    expect(w.state.rejoin[0]).toMatchObject({ state: 'approved', decidedBy: alice.id });
    expect(rows.messagesOf(w.state, thread.id).some((m) => m.noticeKind === 'member_rejoined')).toBe(true);
  });

  it('a declined request lets nobody in', async () => {
    const { w, alice, bob, thread } = bobLeft();
    const request = await requestRejoin(w.ctx, bob, thread.id);
    if (!request.ok) throw new Error('no request');
    expect(await decideRejoin(w.ctx, alice, thread.id, request.value.id, 'decline')).toMatchObject({
      ok: true,
    });
    expect(rows.activeMembers(w.state, thread.id)).toEqual([alice.id]);
    expect(w.state.rejoin[0]?.state).toBe('declined');
  });

  it('a request is decided once', async () => {
    const { w, alice, bob, thread } = bobLeft();
    const request = await requestRejoin(w.ctx, bob, thread.id);
    if (!request.ok) throw new Error('no request');
    await decideRejoin(w.ctx, alice, thread.id, request.value.id, 'decline');
    for (const verdict of ['approve', 'decline'] as const)
      expect(await decideRejoin(w.ctx, alice, thread.id, request.value.id, verdict)).toMatchObject({
        ok: false,
        code: 'request_decided',
      });
  });

  it('only a current member decides', async () => {
    const { w, bob, thread, tenant } = bobLeft();
    const request = await requestRejoin(w.ctx, bob, thread.id);
    if (!request.ok) throw new Error('no request');
    const carol = aMember(w, tenant.id);
    expect(await decideRejoin(w.ctx, carol, thread.id, request.value.id, 'approve')).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await decideRejoin(w.ctx, bob, thread.id, request.value.id, 'approve')).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('a request of another thread is not found', async () => {
    const { w, alice, bob, thread, key } = bobLeft();
    const request = await requestRejoin(w.ctx, bob, thread.id);
    if (!request.ok) throw new Error('no request');
    const other = aThread(w, key, { members: [{ id: alice.id }] });
    expect(await decideRejoin(w.ctx, alice, other.id, request.value.id, 'approve')).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});
