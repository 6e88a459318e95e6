import { TemplateQualityValueSchema, TemplateStatusValueSchema } from './webhook-payload.schema.js';
import { issuesOf } from './webhook-parse-support.js';

export interface TemplateUpdate {
  wabaId: string;
  templateId: string;
  name: string;
  language: string;
  /** Set for `message_template_status_update` (APPROVED, REJECTED, PAUSED, DISABLED, …). */
  status: string | null;
  reason: string | null;
  /** Set for `message_template_quality_update` (GREEN, YELLOW, RED, UNKNOWN). */
  quality: string | null;
}

/** A template status or quality change of the WhatsApp Business Account; a string says why it could not be read. */
export function parseTemplateChange(field: string, value: unknown, wabaId: string): TemplateUpdate | string {
  if (field === 'message_template_status_update') {
    const parsed = TemplateStatusValueSchema.safeParse(value);
    if (!parsed.success) return issuesOf(parsed.error);
    const t = parsed.data;
    return {
      wabaId,
      templateId: String(t.message_template_id),
      name: t.message_template_name,
      language: t.message_template_language,
      status: t.event,
      reason: t.reason ?? null,
      quality: null,
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
    quality: t.new_quality_score,
  };
}
