import { describe, expect, it } from 'vitest';
import {
  aMember,
  aNumber,
  aTemplate,
  aTenant,
  fakeContext,
  TEST_TEMPLATES,
} from '../../../test/fakes/index.js';
import { startThread } from '../start-thread.use-case.js';
import { listApprovedTemplates } from '../templates.use-case.js';
import { applyAccountHealthIn } from './number-health.js';
import { applyTemplateChangeIn, type TemplateChange } from './template-updates.js';
import { tallyUsage } from './usage.use-case.js';

const change = (over: Partial<TemplateChange> = {}): TemplateChange => ({
  wabaId: 'waba-1',
  templateId: 't-1',
  name: TEST_TEMPLATES.optIn.name,
  language: TEST_TEMPLATES.optIn.language,
  event: 'PAUSED',
  quality: null,
  reason: null,
  category: 'UTILITY',
  disableDate: null,
  detail: null,
  ...over,
});

describe('template changes from Meta', () => {
  it('queues one card to the admins when the opt-in template is paused, and records the change', async () => {
    const w = fakeContext();
    const tenant = aTenant(w);
    aTemplate(w, tenant.id, { ...TEST_TEMPLATES.optIn });
    await w.uow.run((store) => applyTemplateChangeIn(store, w.ctx, tenant.id, change(), w.clock.now()));
    expect(w.state.templates[0]).toMatchObject({ status: 'PAUSED' });
    expect(w.state.jobs).toEqual([
      expect.objectContaining({
        name: 'notify-admins',
        data: expect.objectContaining({ kind: 'template_unsendable' }),
      }),
    ]);
    expect(w.state.events.map((e) => e.type)).toEqual(['template.status_changed']);
  });

  it('refuses to start a thread that needs the opt-in while its template is paused, creating nothing', async () => {
    const w = fakeContext();
    const tenant = aTenant(w);
    const alice = aMember(w, tenant.id);
    aNumber(w, tenant.id);
    aTemplate(w, tenant.id, { ...TEST_TEMPLATES.optIn, status: 'PAUSED' });
    const result = await startThread(w.ctx, alice, {
      channel: 'whatsapp',
      phone: '+14155550123',
      sendOptIn: true,
    });
    expect(result).toMatchObject({ ok: false, code: 'template_unavailable' });
    expect(w.state.threads).toEqual([]);
  });

  it('offers members a flagged template before its disable date, not after', async () => {
    const w = fakeContext();
    const tenant = aTenant(w);
    const alice = aMember(w, tenant.id);
    aTemplate(w, tenant.id, {
      name: 'order_update',
      status: 'FLAGGED',
      disableDate: new Date(w.clock.now().getTime() + 60_000),
    });
    expect(await listApprovedTemplates(w.ctx, alice)).toMatchObject({ value: [{ name: 'order_update' }] });
    w.clock.advance(60_000);
    expect(await listApprovedTemplates(w.ctx, alice)).toMatchObject({ value: [] });
  });
});

describe('number health from Meta', () => {
  it('cards the admins on a downgrade and not on an upgrade', async () => {
    const w = fakeContext();
    const tenant = aTenant(w);
    aNumber(w, tenant.id, { displayPhone: '+1 555 010 0001' });
    const update = (event: string, limit: string) => ({
      field: 'phone_number_quality_update' as const,
      wabaId: 'waba-1',
      displayPhone: '15550100001',
      event,
      messagingLimit: limit,
      qualityRating: null,
      restrictions: null,
      detail: {},
    });
    await w.uow.run((store) =>
      applyAccountHealthIn(store, tenant.id, update('UPGRADE', 'TIER_10K'), w.clock.now()),
    );
    expect(w.state.jobs).toEqual([]);
    await w.uow.run((store) =>
      applyAccountHealthIn(store, tenant.id, update('DOWNGRADE', 'TIER_1K'), w.clock.now()),
    );
    expect(w.state.jobs).toEqual([
      expect.objectContaining({
        name: 'notify-admins',
        data: expect.objectContaining({ kind: 'number_downgraded' }),
      }),
    ]);
    expect(w.state.numberHealthChanges.map((c) => c.downgrade)).toEqual([false, true]);
  });
});

describe('the usage tally', () => {
  it('estimates charged messages with the rate card and says none when a category has no rate', () => {
    const group = (category: string, type: string, messages: number) => ({
      businessNumberId: 'n1',
      displayPhone: '+1 555 010 0001',
      memberId: 'm1',
      memberName: 'Alice',
      pricingType: type,
      category,
      billable: null,
      firstAt: new Date('2026-10-05T00:00:00Z'),
      messages,
    });
    const usage = tallyUsage(
      '2026-10',
      [
        group('service', 'free_customer_service', 4),
        group('marketing', 'regular', 2),
        group('service', 'free_entry_point', 1),
      ],
      { currency: 'EUR', rates: [{ category: 'service', price: 0.01 }], updatedAt: null },
    );
    expect(usage.total).toMatchObject({ messages: 7, charged: 6, estimated: null });
    expect(usage.byCategory).toEqual([
      expect.objectContaining({ key: 'service', messages: 5, charged: 4, estimated: 0.04 }),
      expect.objectContaining({ key: 'marketing', charged: 2, estimated: null }),
    ]);
    expect(usage.chargedSinceOctober2026).toBe(4);
  });
});
