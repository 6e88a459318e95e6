import { describe, expect, it } from 'vitest';
import { aContact, aMember, aNumber, aPair, aTenant, fakeContext, rows } from '../../test/fakes/index.js';
import { startThread } from './start-thread.use-case.js';

function scene() {
  const w = fakeContext();
  const tenant = aTenant(w);
  const alice = aMember(w, tenant.id, { displayName: 'Alice Johnson' });
  const number = aNumber(w, tenant.id);
  const contact = aContact(w, tenant.id);
  const key = { tenantId: tenant.id, businessNumberId: number.id, contactId: contact.id };
  return { w, tenant, alice, number, contact, key };
}

describe('startThread', () => {
  it('a contact who opted in gets a thread with the caller as its only member, no opt-in request', async () => {
    const { w, alice, contact, key } = scene();
    aPair(w, key, { consent: 'opted_in' });
    const result = await startThread(w.ctx, alice, { channel: 'whatsapp', contactId: contact.id });
    expect(result).toMatchObject({ ok: true, value: { consent: 'opted_in', unassigned: false } });
    expect(w.state.threads).toHaveLength(1);
    expect(rows.activeMembers(w.state, w.state.threads[0]!.id)).toEqual([alice.id]);
    expect(w.state.messages).toEqual([]);
    expect(rows.eventTypes(w.state)).toEqual(['thread.created']);
  });

  it('a contact without consent needs the member to confirm the opt-in request', async () => {
    const { w, alice, contact } = scene();
    const result = await startThread(w.ctx, alice, { channel: 'whatsapp', contactId: contact.id });
    expect(result).toMatchObject({ ok: false, code: 'consent_required' });
    expect(w.state.threads).toEqual([]);
  });

  it('the confirmed opt-in request goes out with its evidence: who asked, when, which template', async () => {
    const { w, alice, contact, key } = scene();
    const result = await startThread(w.ctx, alice, {
      channel: 'whatsapp',
      contactId: contact.id,
      sendOptIn: true,
    });
    expect(result).toMatchObject({ ok: true, value: { consent: 'requested' } });
    const request = w.state.messages.find((m) => m.type === 'template');
    expect(request).toMatchObject({ status: 'queued', template: { name: 'bridgeline_opt_in' } });
    expect(w.state.consentEvents).toMatchObject([
      { kind: 'requested', basis: 'request', requestedBy: alice.id, requestMessageId: request!.id },
    ]);
    expect(rows.pair(w.state, key)).toMatchObject({ consent: 'requested', lastRequestedAt: w.clock.now() });
    expect(w.state.messages.some((m) => m.noticeKind === 'opt_in_requested')).toBe(true);
    expect(rows.jobs(w.state, 'deliver')).toHaveLength(1);
  });

  it('typing a new number creates the contact', async () => {
    const { w, alice } = scene();
    const result = await startThread(w.ctx, alice, {
      channel: 'whatsapp',
      phone: '+44 20 7946 0958',
      sendOptIn: true,
    });
    expect(result).toMatchObject({ ok: true, value: { contact: { phone: '+442079460958' } } });
    expect(w.state.contacts.map((c) => c.phoneE164)).toContain('+442079460958');
  });

  it('a number that is not a phone number is refused', async () => {
    const { w, alice } = scene();
    const result = await startThread(w.ctx, alice, { channel: 'whatsapp', phone: '12' });
    expect(result).toMatchObject({ ok: false, code: 'validation_failed' });
  });

  it('a disabled member cannot start a thread', async () => {
    const { w, alice, contact } = scene();
    const result = await startThread(
      w.ctx,
      { ...alice, enabled: false },
      { channel: 'whatsapp', contactId: contact.id },
    );
    expect(result).toMatchObject({ ok: false, code: 'not_enabled' });
  });

  it('SMS needs a member with an SMS number', async () => {
    const { w, alice, contact } = scene();
    const result = await startThread(w.ctx, alice, { channel: 'sms', contactId: contact.id });
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it("another tenant's contact is not found", async () => {
    const { w, alice } = scene();
    const other = aContact(w, aTenant(w, { name: 'Fabrikam' }).id);
    const result = await startThread(w.ctx, alice, { channel: 'whatsapp', contactId: other.id });
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('a region without a business number cannot start a thread', async () => {
    const { w, tenant, contact } = scene();
    const carol = aMember(w, tenant.id, { region: 'eu' });
    const result = await startThread(w.ctx, carol, { channel: 'whatsapp', contactId: contact.id });
    expect(result).toMatchObject({ ok: false, code: 'no_business_number' });
  });

  it('a contact who opted out cannot be started again', async () => {
    const { w, alice, contact, key } = scene();
    aPair(w, key, { consent: 'opted_out' });
    const result = await startThread(w.ctx, alice, {
      channel: 'whatsapp',
      contactId: contact.id,
      sendOptIn: true,
    });
    expect(result).toMatchObject({ ok: false, code: 'opted_out' });
    expect(w.state.threads).toEqual([]);
  });

  it('an unreachable contact cannot be started', async () => {
    const { w, alice, contact, key } = scene();
    aPair(w, key, { reachability: 'unreachable' });
    const result = await startThread(w.ctx, alice, {
      channel: 'whatsapp',
      contactId: contact.id,
      sendOptIn: true,
    });
    expect(result).toMatchObject({ ok: false, code: 'unreachable' });
  });
});
