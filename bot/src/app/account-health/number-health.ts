import { isDowngrade, qualityAfterEvent, type NumberStanding } from '../../domain/account-health/index.js';
import type { NumberHealthRecord, Store } from '../../ports/index.js';

/** A change of standing as the webhook reads it (`phone_number_quality_update`, `account_update`). */
export interface AccountHealthChange {
  field: 'phone_number_quality_update' | 'account_update';
  wabaId: string;
  /** Digits of the number it is about; null: every number of the WABA. */
  displayPhone: string | null;
  event: string;
  messagingLimit: string | null;
  qualityRating: string | null;
  restrictions: { type: string; expiresAt: Date | null }[] | null;
  /** `old_limit`: the tier before, when Meta says it (the number's first report has nothing stored to compare). */
  previousLimit?: string | null;
  detail: Record<string, string>;
}

export type NumberHealthStore = Pick<Store, 'numberHealth' | 'events' | 'jobs'>;

const digits = (s: string) => s.replace(/\D/g, '');
const standingOf = (n: NumberHealthRecord): NumberStanding => ({
  qualityRating: n.qualityRating,
  messagingLimit: n.messagingLimit,
  restrictions: n.restrictions,
});

/**
 * Applies one change of standing to the tenant's numbers it names (by display phone within the WABA, or all of the
 * WABA's), keeps it in their history, records it (archived as `whatsapp.number_health`) and, when the change makes a
 * number worse (the domain's `isDowngrade`), queues a card to the admins. Answers how many numbers it changed.
 */
export async function applyAccountHealthIn(
  store: NumberHealthStore,
  tenantId: string,
  change: AccountHealthChange,
  at: Date,
): Promise<number> {
  const numbers = (await store.numberHealth.lockOfWaba(tenantId, change.wabaId)).filter(
    (n) => change.displayPhone === null || digits(n.displayPhone) === change.displayPhone,
  );
  for (const n of numbers) {
    const before = { ...standingOf(n), messagingLimit: n.messagingLimit ?? change.previousLimit ?? null };
    const after: NumberStanding = {
      qualityRating: qualityAfterEvent(change.event, change.qualityRating, n.qualityRating),
      messagingLimit: change.messagingLimit ?? n.messagingLimit,
      restrictions: change.restrictions ?? n.restrictions,
    };
    const downgrade = isDowngrade(before, after, change.event);
    await store.numberHealth.update(tenantId, n.id, after, at);
    await store.numberHealth.appendChange({
      tenantId,
      businessNumberId: n.id,
      event: change.event,
      qualityRating: after.qualityRating,
      messagingLimit: after.messagingLimit,
      restrictions: after.restrictions,
      downgrade,
      occurredAt: at,
    });
    const json = (s: NumberStanding) => ({
      qualityRating: s.qualityRating,
      messagingLimit: s.messagingLimit,
      restrictions: s.restrictions.map((r) => ({
        type: r.type,
        expiresAt: r.expiresAt?.toISOString() ?? null,
      })),
    });
    await store.events.append({
      tenantId,
      type: 'number.health_changed',
      payload: {
        businessNumberId: n.id,
        phone: n.displayPhone,
        field: change.field,
        event: change.event,
        before: json(before),
        after: json(after),
        downgrade,
        ...(Object.keys(change.detail).length > 0 ? { detail: change.detail } : {}),
      },
      occurredAt: at,
    });
    if (downgrade) {
      await store.jobs.send({
        name: 'notify-admins',
        data: { tenantId, kind: 'number_downgraded', ...downgradeWords(n.displayPhone, before, after) },
      });
    }
  }
  return numbers.length;
}

function downgradeWords(phone: string, before: NumberStanding, after: NumberStanding) {
  const parts: string[] = [];
  if (before.qualityRating !== after.qualityRating && after.qualityRating)
    parts.push(`quality ${before.qualityRating ?? 'unknown'} → ${after.qualityRating}`);
  if (before.messagingLimit !== after.messagingLimit && after.messagingLimit)
    parts.push(`messaging limit ${before.messagingLimit ?? 'unknown'} → ${after.messagingLimit}`);
  const had = new Set(before.restrictions.map((r) => r.type));
  const added = after.restrictions.filter((r) => !had.has(r.type)).map((r) => r.type);
  if (added.length > 0) parts.push(`new restriction ${added.join(', ')}`);
  const restricted = added.length > 0;
  return {
    title: `WhatsApp number ${phone} was downgraded by Meta (${parts.join('; ')})`,
    breaks: restricted
      ? 'Depending on the restriction, members cannot start conversations or answer contacts from this number.'
      : 'Fewer new contacts can be reached from this number each day; opt-in requests beyond the limit fail.',
    action: restricted
      ? 'Open WhatsApp Manager → Account quality to see the violation, appeal it or wait for it to expire.'
      : 'Check which templates are rated low, send fewer unsolicited messages, and watch the number in Bridgeline’s Number health tab.',
  };
}
