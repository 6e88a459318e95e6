import { describe, expect, it } from 'vitest';
import { aConversation, fakeContext, HOUR, rows } from '../../test/fakes/index.js';
import { resendOptIn } from './resend-opt-in.use-case.js';

describe('resendOptIn', () => {
  it('a contact who has not answered for 24 hours is asked again, recorded as a resend', async () => {
    const w = fakeContext();
    const lastRequestedAt = new Date(w.clock.now().getTime() - 25 * HOUR);
    const { alice, thread, key } = aConversation(w, { pair: { consent: 'requested', lastRequestedAt } });
    const result = await resendOptIn(w.ctx, alice, thread.id);
    expect(result).toMatchObject({ ok: true, value: { consent: 'requested', canResendOptIn: false } });
    expect(w.state.consentEvents).toMatchObject([
      { kind: 'requested', basis: 'resend', requestedBy: alice.id },
    ]);
    expect(rows.pair(w.state, key)?.lastRequestedAt).toEqual(w.clock.now());
    expect(w.state.messages.filter((m) => m.type === 'template')).toHaveLength(1);
  });

  it('the opt-in request is resent at most once per 24 hours', async () => {
    const w = fakeContext();
    const lastRequestedAt = new Date(w.clock.now().getTime() - 23 * HOUR);
    const { alice, thread } = aConversation(w, { pair: { consent: 'requested', lastRequestedAt } });
    expect(await resendOptIn(w.ctx, alice, thread.id)).toMatchObject({ ok: false, code: 'opt_in_too_soon' });
    expect(w.state.messages).toEqual([]);
  });

  it('a contact who already opted in is not asked again', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    expect(await resendOptIn(w.ctx, alice, thread.id)).toMatchObject({ ok: false, code: 'already_opted_in' });
  });

  it('a contact who opted out is not asked again', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w, { pair: { consent: 'opted_out' } });
    expect(await resendOptIn(w.ctx, alice, thread.id)).toMatchObject({ ok: false, code: 'opted_out' });
  });

  it('SMS conversations have no opt-in request', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w, { channel: 'sms', pair: { consent: 'requested' } });
    expect(await resendOptIn(w.ctx, alice, thread.id)).toMatchObject({
      ok: false,
      code: 'validation_failed',
    });
  });

  it('only a member of the thread may resend it', async () => {
    const w = fakeContext();
    const { bob, thread } = aConversation(w, { pair: { consent: 'requested' } });
    expect(await resendOptIn(w.ctx, bob, thread.id)).toMatchObject({ ok: false, code: 'not_found' });
  });
});
