import {
  isSendable,
  statusAfterEvent,
  templateAlertOf,
  templateProblemWords,
  type RequiredTemplate,
  type TemplateState,
} from '../../domain/account-health/index.js';
import type { Store, TemplateRecord } from '../../ports/index.js';
import type { AppContext } from '../context.js';

/** A template change as the webhook reads it (`message_template_status_update` / `_quality_update`). */
export interface TemplateChange {
  wabaId: string;
  templateId: string;
  name: string;
  language: string;
  /** Meta's event (APPROVED, PAUSED, FLAGGED, REINSTATED, …); null for a quality change. */
  event: string | null;
  quality: string | null;
  reason: string | null;
  category: string | null;
  disableDate: Date | null;
  detail: string | null;
}

export type TemplateUpdateStore = Pick<Store, 'templates' | 'events' | 'jobs'>;

/** The templates Bridgeline's own flows send: the tenant's opt-in and resume templates. */
export function requiredTemplates(ctx: Pick<AppContext, 'templates'>): RequiredTemplate[] {
  return [
    { role: 'opt_in', ...ctx.templates.optIn },
    { role: 'resume', ...ctx.templates.resume },
  ];
}

const stateOf = (
  t: Pick<TemplateRecord, 'name' | 'language' | 'status' | 'quality' | 'disableDate'>,
): TemplateState => ({
  name: t.name,
  language: t.language,
  status: t.status,
  quality: t.quality,
  disableDate: t.disableDate ?? null,
});

/**
 * Applies one template change to the tenant's catalogue at once (the composer offers only sendable templates), records
 * it (archived as `whatsapp.template`), and when a template the opt-in or resume flow depends on stops (or starts
 * again) being sendable, queues a card to the admins saying what breaks and what to do.
 */
export async function applyTemplateChangeIn(
  store: TemplateUpdateStore,
  ctx: Pick<AppContext, 'clock' | 'templates'>,
  tenantId: string,
  change: TemplateChange,
  at: Date,
): Promise<void> {
  const before = await store.templates.lockOne(tenantId, change.wabaId, change.name, change.language);
  const status = change.event ? statusAfterEvent(change.event) : null;
  await store.templates.applyUpdate({
    tenantId,
    wabaId: change.wabaId,
    name: change.name,
    language: change.language,
    providerTemplateId: change.templateId,
    status,
    quality: change.quality,
    reason: change.reason ?? change.detail,
    category: change.category,
    disableDate: status ? change.disableDate : (before?.disableDate ?? null),
    at,
  });
  const after: TemplateState = {
    name: change.name,
    language: change.language,
    status: status ?? before?.status ?? 'UNKNOWN',
    quality: change.quality ?? before?.quality ?? null,
    disableDate: status ? change.disableDate : (before?.disableDate ?? null),
  };
  const now = ctx.clock.now();
  await store.events.append({
    tenantId,
    type: change.event ? 'template.status_changed' : 'template.quality_changed',
    payload: {
      wabaId: change.wabaId,
      templateId: change.templateId,
      name: change.name,
      language: change.language,
      ...(change.event
        ? { event: change.event, status: after.status, previousStatus: before?.status ?? null }
        : {}),
      ...(change.quality ? { quality: change.quality, previousQuality: before?.quality ?? null } : {}),
      ...(change.reason ? { reason: change.reason } : {}),
      ...(change.detail ? { detail: change.detail } : {}),
      ...(after.disableDate ? { disableDate: after.disableDate.toISOString() } : {}),
      sendable: isSendable(after, now),
    },
    occurredAt: at,
  });
  const required = requiredTemplates(ctx);
  const alert = templateAlertOf(required, before ? stateOf(before) : null, after, now);
  if (!alert) return;
  const words =
    alert.change === 'restored'
      ? {
          title: `The ${alert.role === 'opt_in' ? 'opt-in' : 'resume'} template "${change.name}" can be sent again`,
          breaks: 'Nothing any more: members can use it again.',
          action: 'Nothing to do.',
        }
      : templateProblemWords({
          role: alert.role,
          name: change.name,
          kind: alert.change === 'broken' ? 'unsendable' : 'flagged',
          status: after.status,
          disableDate: after.disableDate,
        });
  await store.jobs.send({
    name: 'notify-admins',
    data: {
      tenantId,
      kind:
        alert.change === 'broken'
          ? 'template_unsendable'
          : alert.change === 'flagged'
            ? 'template_flagged'
            : 'template_restored',
      ...words,
    },
  });
}
