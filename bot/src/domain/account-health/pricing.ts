/**
 * What a WhatsApp message costs (issue 18), from the `pricing` object Meta puts on each status: `pricing_model`
 * (PMP, per message), `type` (`regular`, `free_customer_service`, `free_entry_point`) and `category` (marketing,
 * utility, authentication, service). Since 1 October 2026 Meta also charges service messages and utility templates
 * sent inside the customer service window, which were free before. Pure: the date is the message's own.
 */
export const WINDOW_CHARGES_FROM = new Date('2026-10-01T00:00:00Z');

export interface Pricing {
  type: string | null;
  category: string | null;
  billable: boolean | null;
}

export type ChargeReason = 'regular' | 'window_since_october_2026' | 'free' | 'billable_flag';

/**
 * Whether Meta charges this message and why. `free_entry_point` (72 hours after a click-to-WhatsApp ad) stays free;
 * `free_customer_service` (inside the window) is free before 1 October 2026 and charged from then on; `regular` is
 * charged. A type we do not know falls back to Meta's own `billable` flag.
 */
export function chargeOf(p: Pricing, at: Date): { charged: boolean; reason: ChargeReason } {
  const type = p.type?.toLowerCase() ?? null;
  if (type === 'regular') return { charged: true, reason: 'regular' };
  if (type === 'free_entry_point') return { charged: false, reason: 'free' };
  if (type === 'free_customer_service') {
    const category = p.category?.toLowerCase() ?? 'service';
    const newlyCharged = category === 'service' || category === 'utility';
    return at.getTime() >= WINDOW_CHARGES_FROM.getTime() && newlyCharged
      ? { charged: true, reason: 'window_since_october_2026' }
      : { charged: false, reason: 'free' };
  }
  return p.billable === true
    ? { charged: true, reason: 'billable_flag' }
    : { charged: false, reason: 'free' };
}

/** Meta's category spelt the rate card's way (`marketing_lite` is billed as marketing); null when unknown. */
export function rateCategoryOf(
  category: string | null,
): 'marketing' | 'utility' | 'authentication' | 'service' | null {
  const c = category?.toLowerCase() ?? null;
  if (c === null) return null;
  if (c.startsWith('marketing')) return 'marketing';
  if (c.startsWith('authentication')) return 'authentication';
  if (c === 'utility' || c === 'service') return c;
  return null;
}
