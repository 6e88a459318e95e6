import { AccountUpdateValueSchema, PhoneQualityValueSchema } from './webhook-payload.schema.js';
import { issuesOf } from './webhook-parse-support.js';

/** A change of a business number's or WABA's standing with Meta (`phone_number_quality_update`, `account_update`). */
export interface AccountHealthUpdate {
  field: 'phone_number_quality_update' | 'account_update';
  wabaId: string;
  /** Digits of the business number the change is about; null: every number of the WABA (most account updates). */
  displayPhone: string | null;
  event: string;
  /** TIER_1K, …: `current_limit` of a quality update. */
  messagingLimit: string | null;
  /** GREEN / YELLOW / RED when the payload says it. */
  qualityRating: string | null;
  /** For account updates: the restrictions now in force (a ban is one, `ACCOUNT_BANNED`). Null: not said. */
  restrictions: { type: string; expiresAt: Date | null }[] | null;
  /** `old_limit` of a quality update. */
  previousLimit: string | null;
  /** Meta's words beyond the above (violation type, ban state). */
  detail: Record<string, string>;
}

const digits = (s: string) => s.replace(/\D/g, '');

/** Meta's restriction expiry ("2026-10-30T13:38:04+0000"); null when absent or unreadable. */
export function metaTime(value: string | undefined): Date | null {
  if (!value) return null;
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** Reads one account-level change; a string says why it could not be read. */
export function parseAccountChange(
  field: 'phone_number_quality_update' | 'account_update',
  value: unknown,
  wabaId: string,
): AccountHealthUpdate | string {
  if (field === 'phone_number_quality_update') {
    const parsed = PhoneQualityValueSchema.safeParse(value);
    if (!parsed.success) return issuesOf(parsed.error);
    const v = parsed.data;
    const phone = digits(v.display_phone_number);
    if (phone.length < 7) return `display_phone_number "${v.display_phone_number}" is not a phone number`;
    return {
      field,
      wabaId,
      displayPhone: phone,
      event: v.event.toUpperCase(),
      messagingLimit: v.current_limit ? v.current_limit.toUpperCase() : null,
      qualityRating: v.quality_rating ? v.quality_rating.toUpperCase() : null,
      restrictions: null,
      previousLimit: v.old_limit ? v.old_limit.toUpperCase() : null,
      detail: {
        ...(v.old_limit ? { oldLimit: v.old_limit } : {}),
        ...(v.max_daily_conversations_per_business !== undefined
          ? { maxDailyConversations: String(v.max_daily_conversations_per_business) }
          : {}),
      },
    };
  }
  const parsed = AccountUpdateValueSchema.safeParse(value);
  if (!parsed.success) return issuesOf(parsed.error);
  const v = parsed.data;
  const event = v.event.toUpperCase();
  let restrictions: AccountHealthUpdate['restrictions'] = null;
  if (v.restriction_info) {
    restrictions = v.restriction_info.map((r) => ({
      type: r.restriction_type.toUpperCase(),
      expiresAt: metaTime(r.expiration),
    }));
  }
  const ban = v.ban_info?.waba_ban_state.toUpperCase();
  if (ban) {
    // SCHEDULE_FOR_DISABLE and DISABLE are bans (the first from its date on); REINSTATE lifts it.
    const others = (restrictions ?? []).filter((r) => r.type !== 'ACCOUNT_BANNED');
    restrictions = ban === 'REINSTATE' ? others : [...others, { type: 'ACCOUNT_BANNED', expiresAt: null }];
  }
  return {
    field,
    wabaId,
    displayPhone: v.phone_number ? digits(v.phone_number) || null : null,
    event,
    messagingLimit: null,
    qualityRating: null,
    restrictions,
    previousLimit: null,
    detail: {
      ...(v.violation_info?.violation_type ? { violationType: v.violation_info.violation_type } : {}),
      ...(ban ? { banState: ban } : {}),
      ...(v.ban_info?.waba_ban_date ? { banDate: v.ban_info.waba_ban_date } : {}),
    },
  };
}
