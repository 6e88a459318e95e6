import { describe, expect, it } from 'vitest';
import { aConversation, aMember, fakeContext, HOUR, rows } from '../../../test/fakes/index.js';
import { transferThread } from './transfer-thread.use-case.js';

describe('transferThread', () => {
  it('the colleague joins with the history shared and the sender leaves', async () => {
    const w = fakeContext();
    const { alice, bob, thread } = aConversation(w);
    w.clock.advance(HOUR);
    const result = await transferThread(w.ctx, alice, thread.id, bob.id);
    expect(result).toMatchObject({ ok: true, value: { members: [{ memberId: bob.id }] } });
    expect(rows.activeMembers(w.state, thread.id)).toEqual([bob.id]);
    expect(w.state.participants.find((p) => p.memberId === bob.id)?.historyFrom).toEqual(thread.createdAt);
    expect(w.state.threads[0]?.state).toBe('open');
    expect(rows.jobs(w.state, 'notify')).toMatchObject([
      { data: { kind: 'transferred', memberIds: [bob.id], aboutMemberId: bob.id } },
    ]);
  });

  it('a full thread can still be transferred', async () => {
    const w = fakeContext();
    const { alice, bob, thread, tenant } = aConversation(w);
    for (let i = 0; i < 9; i += 1) {
      const m = aMember(w, tenant.id);
      w.state.participants.push({ ...w.state.participants[0]!, id: `p-${i}`, memberId: m.id });
    }
    expect(await transferThread(w.ctx, alice, thread.id, bob.id)).toMatchObject({ ok: true });
    expect(rows.activeMembers(w.state, thread.id)).toHaveLength(10);
  });

  it('a thread is not transferred to someone already in it', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    expect(await transferThread(w.ctx, alice, thread.id, alice.id)).toMatchObject({
      ok: false,
      code: 'already_member',
    });
  });

  it('a thread is not transferred to another region', async () => {
    const w = fakeContext();
    const { alice, thread, tenant } = aConversation(w);
    const carol = aMember(w, tenant.id, { region: 'eu' });
    expect(await transferThread(w.ctx, alice, thread.id, carol.id)).toMatchObject({
      ok: false,
      code: 'region_mismatch',
    });
    expect(rows.activeMembers(w.state, thread.id)).toEqual([alice.id]);
  });

  it('an unknown member is not found', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    expect(
      await transferThread(w.ctx, alice, thread.id, '00000000-0000-4000-8000-999999999999'),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('only a member may transfer the thread', async () => {
    const w = fakeContext();
    const { alice, bob, thread } = aConversation(w);
    expect(await transferThread(w.ctx, bob, thread.id, alice.id)).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});
