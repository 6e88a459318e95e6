import { describe, expect, it } from 'vitest';
import { aContact, aMember, aTenant, fakeContext, rows } from '../../test/fakes/index.js';
import { createContact, createMember, listContacts, searchMembers, updateMember } from './people.use-case.js';

function org() {
  const w = fakeContext();
  const tenant = aTenant(w);
  const admin = aMember(w, tenant.id, { displayName: 'Alice Johnson', isAdmin: true });
  const bob = aMember(w, tenant.id, { displayName: 'Bob Smith', region: 'eu' });
  return { w, tenant, admin, bob };
}

const newMember = { email: 'erin@contoso.test', displayName: 'Erin', region: 'us' as const, enabled: true };

describe('members', () => {
  it('members are searched by name within the tenant and region', async () => {
    const { w, admin, bob } = org();
    aMember(w, aTenant(w, { name: 'Fabrikam' }).id, { displayName: 'Bob Other' });
    expect(await searchMembers(w.ctx, admin, { query: 'bob' })).toMatchObject({
      ok: true,
      value: [{ id: bob.id }],
    });
    expect(await searchMembers(w.ctx, admin, { region: 'us' })).toMatchObject({
      ok: true,
      value: [{ id: admin.id }],
    });
  });

  it('an admin creates a member, recorded in the event log', async () => {
    const { w, admin } = org();
    const result = await createMember(w.ctx, admin, newMember);
    expect(result).toMatchObject({ ok: true, value: { email: 'erin@contoso.test', isAdmin: false } });
    expect(rows.eventTypes(w.state)).toEqual(['admin.member_created']);
  });

  it('only an admin manages members', async () => {
    const { w, bob } = org();
    expect(await createMember(w.ctx, bob, newMember)).toMatchObject({ ok: false, code: 'admin_only' });
    expect(await updateMember(w.ctx, bob, bob.id, { enabled: false })).toMatchObject({
      ok: false,
      code: 'admin_only',
    });
  });

  it('an email already in the tenant is refused', async () => {
    const { w, admin, bob } = org();
    const result = await createMember(w.ctx, admin, { ...newMember, email: bob.email.toUpperCase() });
    expect(result).toMatchObject({ ok: false, code: 'validation_failed' });
  });

  it('disabling a member makes their open event streams check again', async () => {
    const { w, admin, bob, tenant } = org();
    const result = await updateMember(w.ctx, admin, bob.id, { enabled: false });
    expect(result).toMatchObject({ ok: true, value: { enabled: false } });
    expect(w.state.live).toEqual([{ type: 'access.member', memberId: bob.id, tenantId: tenant.id }]);
    expect(rows.eventTypes(w.state)).toEqual(['admin.member_updated']);
  });

  it('an admin cannot remove their own admin rights', async () => {
    const { w, admin } = org();
    expect(await updateMember(w.ctx, admin, admin.id, { isAdmin: false })).toMatchObject({
      ok: false,
      code: 'validation_failed',
    });
  });

  it('an unknown member is not found', async () => {
    const { w, admin } = org();
    expect(await updateMember(w.ctx, admin, 'nobody', { enabled: false })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});

describe('contacts', () => {
  it('contacts are listed within the tenant, by name or number', async () => {
    const { w, admin, tenant } = org();
    aContact(w, tenant.id);
    aContact(w, aTenant(w, { name: 'Fabrikam' }).id);
    expect(await listContacts(w.ctx, admin, 'dana')).toMatchObject({
      ok: true,
      value: [{ displayName: 'Dana Whitfield' }],
    });
    expect(await listContacts(w.ctx, admin, '4155')).toMatchObject({
      ok: true,
      value: [{ phone: '+14155550123' }],
    });
  });

  it('a number typed twice gives one contact', async () => {
    const { w, admin } = org();
    expect(await createContact(w.ctx, admin, { phone: '+44 20 7946 0958' })).toMatchObject({
      ok: true,
      value: { created: true, contact: { phone: '+442079460958' } },
    });
    expect(await createContact(w.ctx, admin, { phone: '0044 20 7946 0958' })).toMatchObject({
      ok: true,
      value: { created: false },
    });
    expect(w.state.contacts).toHaveLength(1);
  });

  it('a number that is not a phone number is refused', async () => {
    const { w, admin } = org();
    expect(await createContact(w.ctx, admin, { phone: '12345' })).toMatchObject({
      ok: false,
      code: 'validation_failed',
    });
  });

  it('a disabled member sees no contacts and creates none', async () => {
    const { w, admin } = org();
    const disabled = { ...admin, enabled: false };
    expect(await listContacts(w.ctx, disabled, undefined)).toMatchObject({ ok: false, code: 'not_enabled' });
    expect(await createContact(w.ctx, disabled, { phone: '+442079460958' })).toMatchObject({
      ok: false,
      code: 'not_enabled',
    });
  });
});
