import { describe, expect, it } from 'vitest';
import {
  aContact,
  aMember,
  aNumber,
  aTenant,
  aThread,
  fakeComplianceWorld,
  HOUR,
} from '../../../test/fakes/index.js';
import { createLegalHold, listLegalHolds, releaseLegalHold } from './legal-holds.use-case.js';

function org() {
  const w = fakeComplianceWorld();
  const tenant = aTenant(w);
  const admin = aMember(w, tenant.id, { displayName: 'Alice Johnson', isAdmin: true });
  const bob = aMember(w, tenant.id, { displayName: 'Bob Smith' });
  const number = aNumber(w, tenant.id);
  const contact = aContact(w, tenant.id, { displayName: 'Dana Whitfield' });
  const thread = aThread(w, { tenantId: tenant.id, businessNumberId: number.id, contactId: contact.id });
  return { w, tenant, admin, bob, contact, thread };
}
const reason = 'SEC inquiry 2026-17';

describe('legal holds', () => {
  it('an admin puts a contact, a thread or a member on hold; each hold is archived with its target', async () => {
    const { w, tenant, admin, bob, contact, thread } = org();
    const onContact = await createLegalHold(w.ctx, admin, { scope: 'contact', targetId: contact.id, reason });
    expect(onContact).toMatchObject({
      ok: true,
      value: {
        scope: 'contact',
        targetId: contact.id,
        targetLabel: 'Dana Whitfield',
        reason,
        createdBy: { id: admin.id, displayName: 'Alice Johnson' },
        releasedAt: null,
        releasedBy: null,
      },
    });
    const onThread = await createLegalHold(w.ctx, admin, { scope: 'thread', targetId: thread.id, reason });
    expect(onThread).toMatchObject({ value: { targetLabel: 'Conversation with Dana Whitfield' } });
    const onMember = await createLegalHold(w.ctx, admin, { scope: 'member', targetId: bob.id, reason });
    expect(onMember).toMatchObject({ value: { targetLabel: 'Bob Smith' } });

    expect(w.state.archive).toEqual([
      expect.objectContaining({
        type: 'hold.created',
        tenantId: tenant.id,
        actorMemberId: admin.id,
        contactId: contact.id,
      }),
      expect.objectContaining({ type: 'hold.created', threadId: thread.id }),
      expect.objectContaining({ type: 'hold.created', subjectMemberId: bob.id }),
    ]);
    expect(w.state.archive[0]!.details).toEqual({
      holdId: onContact.ok && onContact.value.id,
      scope: 'contact',
      targetId: contact.id,
      reason,
    });
  });

  it('a hold is created under the tenant’s hold lock, so a purge deciding now cannot miss it', async () => {
    const { w, tenant, admin, contact } = org();
    await createLegalHold(w.ctx, admin, { scope: 'contact', targetId: contact.id, reason });
    expect(w.rows.locks).toEqual([tenant.id]);
  });

  it("a target that does not exist, or is another tenant's, is not found, and nothing is held", async () => {
    const { w, admin } = org();
    const other = aTenant(w, { name: 'Fabrikam' });
    const theirs = aContact(w, other.id);
    const theirMember = aMember(w, other.id);
    const missing = '00000000-0000-4000-8000-999999999999';
    for (const body of [
      { scope: 'contact' as const, targetId: theirs.id, reason },
      { scope: 'member' as const, targetId: theirMember.id, reason },
      { scope: 'thread' as const, targetId: missing, reason },
      { scope: 'contact' as const, targetId: missing, reason },
    ])
      expect(await createLegalHold(w.ctx, admin, body)).toEqual({ ok: false, code: 'not_found' });
    expect(w.rows.holds).toEqual([]);
    expect(w.state.archive).toEqual([]);
  });

  it('releasing keeps the hold with when and by whom, archives it once, and lists it only when asked for all', async () => {
    const { w, admin, contact } = org();
    const created = await createLegalHold(w.ctx, admin, { scope: 'contact', targetId: contact.id, reason });
    if (!created.ok) throw new Error('not created');
    w.clock.advance(HOUR);
    const released = await releaseLegalHold(w.ctx, admin, created.value.id);
    expect(released).toMatchObject({
      ok: true,
      value: { id: created.value.id, releasedAt: w.clock.now().toISOString(), releasedBy: { id: admin.id } },
    });
    expect(await releaseLegalHold(w.ctx, admin, created.value.id)).toEqual(released);
    expect(w.state.archive.map((r) => r.type)).toEqual(['hold.created', 'hold.released']);
    expect(w.state.archive[1]).toMatchObject({
      actorMemberId: admin.id,
      contactId: contact.id,
      details: { holdId: created.value.id, heldSince: created.value.createdAt },
    });
    expect(await listLegalHolds(w.ctx, admin, { includeReleased: false })).toEqual({ ok: true, value: [] });
    expect(await listLegalHolds(w.ctx, admin, { includeReleased: true })).toMatchObject({
      ok: true,
      value: [{ id: created.value.id, releasedBy: { id: admin.id } }],
    });
    expect(w.rows.holds).toHaveLength(1);
  });

  it("another tenant's hold is not found: not listed, not released", async () => {
    const { w, admin, contact } = org();
    const created = await createLegalHold(w.ctx, admin, { scope: 'contact', targetId: contact.id, reason });
    if (!created.ok) throw new Error('not created');
    const outsider = aMember(w, aTenant(w, { name: 'Fabrikam' }).id, { isAdmin: true });
    expect(await releaseLegalHold(w.ctx, outsider, created.value.id)).toEqual({
      ok: false,
      code: 'not_found',
    });
    expect(await listLegalHolds(w.ctx, outsider, { includeReleased: true })).toEqual({ ok: true, value: [] });
    expect(w.rows.holds[0]!.releasedAt).toBeNull();
  });

  it('only an admin lists, creates or releases holds', async () => {
    const { w, admin, bob, contact } = org();
    const created = await createLegalHold(w.ctx, admin, { scope: 'contact', targetId: contact.id, reason });
    if (!created.ok) throw new Error('not created');
    const refused = { ok: false, code: 'admin_only' };
    expect(await listLegalHolds(w.ctx, bob, { includeReleased: false })).toEqual(refused);
    expect(await createLegalHold(w.ctx, bob, { scope: 'member', targetId: bob.id, reason })).toEqual(refused);
    expect(await releaseLegalHold(w.ctx, bob, created.value.id)).toEqual(refused);
    expect(w.rows.holds.map((h) => h.releasedAt)).toEqual([null]);
  });
});
