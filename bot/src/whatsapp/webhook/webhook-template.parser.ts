import { TemplateQualityValueSchema, TemplateStatusValueSchema } from './webhook-payload.schema.js';
import { epochSecondsToDate, issuesOf } from './webhook-parse-support.js';

export interface TemplateUpdate {
  wabaId: string;
  templateId: string;
  name: string;
  language: string;
  /** Set for `message_template_status_update`: Meta's event (APPROVED, REJECTED, PAUSED, DISABLED, FLAGGED, …). */
  status: string | null;
  reason: string | null;
  /** Set for `message_template_quality_update` (GREEN, YELLOW, RED, UNKNOWN). */
  quality: string | null;
  category: string | null;
  /** FLAGGED (and DISABLED): the day Meta disables (disabled) the template. */
  disableDate: Date | null;
  /** PAUSED: Meta's words (`other_info`), e.g. "FIRST_PAUSE: …". */
  detail: string | null;
}

/** `disable_info.disable_date`: epoch seconds in Meta's reference; an ISO date from some relays. */
export function disableDateOf(value: string | number | undefined): Date | null {
  if (value === undefined) return null;
  if (typeof value === 'number' || /^\d+$/.test(value)) return epochSecondsToDate(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A template status or quality change of the WhatsApp Business Account; a string says why it could not be read. */
export function parseTemplateChange(field: string, value: unknown, wabaId: string): TemplateUpdate | string {
  if (field === 'message_template_status_update') {
    const parsed = TemplateStatusValueSchema.safeParse(value);
    if (!parsed.success) return issuesOf(parsed.error);
    const t = parsed.data;
    const other = t.other_info;
    return {
      wabaId,
      templateId: String(t.message_template_id),
      name: t.message_template_name,
      language: t.message_template_language,
      status: t.event.toUpperCase(),
      reason: t.reason ?? null,
      quality: null,
      category: t.message_template_category ?? null,
      disableDate: disableDateOf(t.disable_info?.disable_date),
      detail: other ? [other.title, other.description].filter(Boolean).join(': ') || null : null,
    };
  }
  const parsed = TemplateQualityValueSchema.safeParse(value);
  if (!parsed.success) return issuesOf(parsed.error);
  const t = parsed.data;
  return {
    wabaId,
    templateId: String(t.message_template_id),
    name: t.message_template_name,
    language: t.message_template_language,
    status: null,
    reason: null,
    quality: t.new_quality_score.toUpperCase(),
    category: null,
    disableDate: null,
    detail: null,
  };
}
