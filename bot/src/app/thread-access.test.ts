import { describe, expect, it } from 'vitest';
import { aConversation, aMember, aThread, fakeContext } from '../../test/fakes/index.js';
import { accessForWriting, followsThread } from './thread-access.js';

describe('thread access', () => {
  it('writing needs an enabled current member of an open thread', async () => {
    const w = fakeContext();
    const { alice, bob, key } = aConversation(w);
    const thread = aThread(w, key, { members: [{ id: alice.id }, { id: bob.id, leftAt: w.clock.now() }] });
    const claimable = aThread(w, key, { unassigned: true });
    const closed = aThread(w, key, { state: 'closed', members: [{ id: alice.id }] });
    await w.uow.read(async (store) => {
      expect(await accessForWriting(store, alice, thread.id)).toMatchObject({ ok: true });
      expect(await accessForWriting(store, { ...alice, enabled: false }, thread.id)).toMatchObject({
        code: 'not_enabled',
      });
      expect(await accessForWriting(store, bob, thread.id)).toMatchObject({
        code: 'forbidden',
        detail: 'You left this conversation.',
      });
      expect(await accessForWriting(store, bob, claimable.id)).toMatchObject({
        code: 'forbidden',
        detail: 'Claim the conversation first.',
      });
      expect(await accessForWriting(store, alice, closed.id)).toMatchObject({ code: 'thread_closed' });
    });
  });

  it("a member's event stream follows their threads and their region's Unassigned queue, nothing else", async () => {
    const w = fakeContext();
    const { alice, bob, thread, key, tenant } = aConversation(w);
    const claimable = aThread(w, key, { unassigned: true });
    const carol = aMember(w, tenant.id, { region: 'eu' });
    await w.uow.read(async (store) => {
      expect(await followsThread(store, alice, thread.id)).toBe(true);
      expect(await followsThread(store, bob, thread.id)).toBe(false);
      expect(await followsThread(store, bob, claimable.id)).toBe(true);
      expect(await followsThread(store, carol, claimable.id)).toBe(false);
      expect(await followsThread(store, { ...alice, enabled: false }, thread.id)).toBe(false);
    });
  });
});
