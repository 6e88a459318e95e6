import type { PutRateCardBody, RateCard, Usage, UsageRow } from '@bridgeline/shared';
import { chargeOf, rateCategoryOf, WINDOW_CHARGES_FROM } from '../../domain/account-health/index.js';
import type { PricedGroup, RateCardRecord, Store } from '../../ports/index.js';
import type { AppContext, Caller } from '../context.js';
import { fail, ok, type Outcome } from '../outcome.js';

type UsageCtx = AppContext<Pick<Store, 'usage' | 'rateCards' | 'archive'>>;

/** The month `YYYY-MM` as [first instant, first instant of the next), in UTC (Meta bills in UTC). */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 1)) };
}

class Tally {
  private readonly rows = new Map<string, UsageRow & { unpriced: boolean }>();
  add(key: string, label: string, messages: number, charged: number, cost: number | null): void {
    const row = this.rows.get(key) ?? { key, label, messages: 0, charged: 0, estimated: 0, unpriced: false };
    row.messages += messages;
    row.charged += charged;
    if (cost === null && charged > 0) row.unpriced = true;
    else row.estimated = (row.estimated ?? 0) + (cost ?? 0);
    this.rows.set(key, row);
  }
  list(): UsageRow[] {
    return [...this.rows.values()]
      .map(({ unpriced, ...r }) => ({ ...r, estimated: unpriced ? null : round(r.estimated ?? 0) }))
      .sort((a, b) => b.charged - a.charged || b.messages - a.messages || a.label.localeCompare(b.label));
  }
}
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Adds up one month of priced messages (as Meta reported them on statuses) per category, number and member, deciding
 * for each group whether Meta charges it (the domain's `chargeOf`, by date and type) and estimating its cost with the
 * tenant's rate card.
 */
export function tallyUsage(month: string, groups: PricedGroup[], card: RateCardRecord | null): Usage {
  const total = new Tally();
  const byCategory = new Tally();
  const byNumber = new Tally();
  const byMember = new Tally();
  let sinceOctober = 0;
  for (const g of groups) {
    const { charged, reason } = chargeOf(
      { type: g.pricingType, category: g.category, billable: g.billable },
      g.firstAt,
    );
    const n = charged ? g.messages : 0;
    if (reason === 'window_since_october_2026') sinceOctober += n;
    const category = rateCategoryOf(g.category);
    const price = category ? card?.rates.find((r) => r.category === category)?.price : undefined;
    const cost = n === 0 ? 0 : price === undefined ? null : price * n;
    total.add('all', 'All messages', g.messages, n, cost);
    byCategory.add(
      category ?? g.category ?? 'unknown',
      category ?? g.category ?? 'unknown',
      g.messages,
      n,
      cost,
    );
    byNumber.add(g.businessNumberId ?? 'unknown', g.displayPhone ?? 'Unknown number', g.messages, n, cost);
    byMember.add(
      g.memberId ?? 'none',
      g.memberName ?? (g.memberId ? 'Former member' : 'No member (Bridgeline, or sent outside it)'),
      g.messages,
      n,
      cost,
    );
  }
  const totals = total.list();
  return {
    month,
    currency: card?.currency ?? 'USD',
    total: totals[0] ?? { key: 'all', label: 'All messages', messages: 0, charged: 0, estimated: 0 },
    byCategory: byCategory.list(),
    byNumber: byNumber.list(),
    byMember: byMember.list(),
    chargedSinceOctober2026: sinceOctober,
    windowChargesFrom: WINDOW_CHARGES_FROM.toISOString().slice(0, 10),
  };
}

/** `GET /api/v1/admin/usage?month=`: the month asked (default: the current one, UTC). */
export async function getUsage(ctx: UsageCtx, caller: Caller, month?: string): Promise<Outcome<Usage>> {
  if (!caller.isAdmin) return fail('admin_only');
  const m = month ?? ctx.clock.now().toISOString().slice(0, 7);
  const { from, to } = monthRange(m);
  return ctx.uow.read(async (store) => {
    const groups = await store.usage.priced(caller.tenantId, from, to, WINDOW_CHARGES_FROM);
    const card = await store.rateCards.get(caller.tenantId);
    return ok(tallyUsage(m, groups, card));
  });
}

const presentCard = (card: RateCardRecord | null): RateCard => ({
  currency: card?.currency ?? 'USD',
  rates: card?.rates ?? [],
  updatedAt: card?.updatedAt?.toISOString() ?? null,
});

export async function getRateCard(ctx: UsageCtx, caller: Caller): Promise<Outcome<RateCard>> {
  if (!caller.isAdmin) return fail('admin_only');
  return ok(presentCard(await ctx.uow.read((store) => store.rateCards.get(caller.tenantId))));
}

/** `PUT /api/v1/admin/rate-card`: replaces the card; archived (`admin.rate_card_updated`, before and after). */
export async function putRateCard(
  ctx: UsageCtx,
  caller: Caller,
  body: PutRateCardBody,
): Promise<Outcome<RateCard>> {
  if (!caller.isAdmin) return fail('admin_only');
  const categories = body.rates.map((r) => r.category);
  if (new Set(categories).size !== categories.length)
    return fail('validation_failed', 'Give each category at most one price.');
  const at = ctx.clock.now();
  return ctx.uow.run(async (store) => {
    const before = await store.rateCards.get(caller.tenantId);
    await store.rateCards.put(caller.tenantId, { currency: body.currency, rates: body.rates }, caller.id, at);
    const after = await store.rateCards.get(caller.tenantId);
    store.archive.append({
      tenantId: caller.tenantId,
      type: 'admin.rate_card_updated',
      event: 'admin.rate_card_updated',
      at,
      actorMemberId: caller.id,
      details: { before: presentCard(before), after: presentCard(after) },
    });
    return ok(presentCard(after));
  });
}
