/**
 * A business number's standing with Meta (issue 18): its quality rating (GREEN, YELLOW, RED), its messaging limit
 * tier (how many contacts it may start conversations with in 24 hours) and its restrictions. Pure.
 */
export interface NumberStanding {
  qualityRating: string | null;
  messagingLimit: string | null;
  restrictions: { type: string; expiresAt: Date | null }[];
}

const QUALITY_ORDER = ['RED', 'YELLOW', 'GREEN'];
/** Meta's tiers, lowest first. TIER_NOT_SET: the number has not sent yet (not a downgrade from it or to it). */
const LIMIT_ORDER = ['TIER_50', 'TIER_250', 'TIER_1K', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED'];

const rank = (order: string[], v: string | null) => (v === null ? -1 : order.indexOf(v.toUpperCase()));

/** Meta's own words for a change for the worse (`phone_number_quality_update`, `account_update`). */
const WORSE_EVENTS = new Set(['DOWNGRADE', 'FLAGGED', 'ACCOUNT_RESTRICTION', 'ACCOUNT_VIOLATION']);

/**
 * Whether a change makes the number worse: Meta says so (DOWNGRADE, FLAGGED, a restriction or violation), or a lower
 * quality rating, a lower messaging limit, or a restriction it did not have. Unknown values (UNKNOWN, TIER_NOT_SET, a
 * tier Meta adds later) never count as a downgrade by themselves.
 */
export function isDowngrade(before: NumberStanding, after: NumberStanding, event?: string): boolean {
  if (event !== undefined && WORSE_EVENTS.has(event.toUpperCase())) return true;
  const qb = rank(QUALITY_ORDER, before.qualityRating);
  const qa = rank(QUALITY_ORDER, after.qualityRating);
  if (qb >= 0 && qa >= 0 && qa < qb) return true;
  const lb = rank(LIMIT_ORDER, before.messagingLimit);
  const la = rank(LIMIT_ORDER, after.messagingLimit);
  if (lb >= 0 && la >= 0 && la < lb) return true;
  const had = new Set(before.restrictions.map((r) => r.type));
  return after.restrictions.some((r) => !had.has(r.type));
}

/**
 * The quality rating a `phone_number_quality_update` event implies. Meta names the change (FLAGGED: quality dropped
 * to low; UNFLAGGED: it recovered); an explicit rating in the payload wins.
 */
export function qualityAfterEvent(
  event: string,
  explicit: string | null,
  current: string | null,
): string | null {
  if (explicit) return explicit.toUpperCase();
  const e = event.toUpperCase();
  if (e === 'FLAGGED') return 'RED';
  if (e === 'UNFLAGGED') return 'GREEN';
  return current;
}

/** Restrictions still in force at `now` (Meta lifts them at their expiry without a webhook). */
export function activeRestrictions<T extends { expiresAt: Date | null }>(restrictions: T[], now: Date): T[] {
  return restrictions.filter((r) => r.expiresAt === null || r.expiresAt.getTime() > now.getTime());
}

/** An admin's words for a number's problem; null when the number is fine. */
export function numberProblemWords(
  phone: string,
  s: NumberStanding,
  now: Date,
): { kind: 'number_quality' | 'number_restricted'; title: string; breaks: string; action: string } | null {
  const restrictions = activeRestrictions(s.restrictions, now);
  if (restrictions.length > 0) {
    const types = restrictions.map((r) => r.type).join(', ');
    return {
      kind: 'number_restricted',
      title: `Meta restricted ${phone} (${types})`,
      breaks:
        'Depending on the restriction, members cannot start conversations, cannot answer contacts, or the whole account is banned.',
      action:
        'Open WhatsApp Manager → Account quality to see the violation and appeal it or wait for the restriction to expire.',
    };
  }
  if (s.qualityRating && ['RED', 'YELLOW'].includes(s.qualityRating.toUpperCase())) {
    return {
      kind: 'number_quality',
      title: `The quality rating of ${phone} is ${s.qualityRating.toUpperCase()}`,
      breaks:
        'Contacts are blocking or reporting messages. If it stays low Meta lowers the number’s messaging limit, so fewer new contacts can be reached each day.',
      action:
        'Send fewer unsolicited templates, make sure contacts asked to hear from you, and check templates rated RED.',
    };
  }
  return null;
}
