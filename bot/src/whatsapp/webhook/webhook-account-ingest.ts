import type { Logger } from 'pino';
import { applyAccountHealthIn } from '../../app/account-health/number-health.js';
import { applyTemplateChangeIn } from '../../app/account-health/template-updates.js';
import type { WhatsAppContext, WhatsAppTx } from './webhook-inbox.port.js';
import type { WebhookBatch } from './webhook-payload.parser.js';

/**
 * The account-level changes of a batch (issue 18), applied in the caller's transaction for every tenant using the
 * WABA: template status and quality, number quality and limits, account restrictions. A change that could not be read
 * (or of a field Bridgeline does not handle) changes nothing; its body is still kept raw for those tenants and it is
 * reported in the log. Each change is applied on its own, so one odd change never stops its siblings.
 */
export async function ingestAccountChanges(
  store: WhatsAppTx,
  deps: { ctx: WhatsAppContext; log: Logger },
  batch: Pick<WebhookBatch, 'templateUpdates' | 'accountUpdates' | 'unapplied'>,
  keepRaw: (tenantId: string) => Promise<void>,
  receivedAt: Date,
): Promise<void> {
  const { ctx, log } = deps;
  const tenantsOf = async (wabaId: string, what: string) => {
    const tenants = await store.templates.tenantsOfWaba(wabaId);
    if (tenants.length === 0) log.warn({ wabaId }, `${what} for an unknown WABA`);
    return tenants;
  };
  for (const update of batch.templateUpdates) {
    for (const tenantId of await tenantsOf(update.wabaId, 'template update')) {
      await keepRaw(tenantId);
      await applyTemplateChangeIn(
        store,
        ctx,
        tenantId,
        {
          wabaId: update.wabaId,
          templateId: update.templateId,
          name: update.name,
          language: update.language,
          event: update.status,
          quality: update.quality,
          reason: update.reason,
          category: update.category,
          disableDate: update.disableDate,
          detail: update.detail,
        },
        receivedAt,
      );
    }
  }
  for (const update of batch.accountUpdates) {
    for (const tenantId of await tenantsOf(update.wabaId, `${update.field}`)) {
      await keepRaw(tenantId);
      const changed = await applyAccountHealthIn(store, tenantId, update, receivedAt);
      if (changed === 0)
        log.warn(
          { wabaId: update.wabaId, phone: update.displayPhone, field: update.field, event: update.event },
          'WhatsApp account update names no business number of the tenant: kept raw, not applied',
        );
    }
  }
  for (const item of batch.unapplied) {
    for (const tenantId of await store.templates.tenantsOfWaba(item.wabaId)) await keepRaw(tenantId);
    log.warn(item, 'WhatsApp account-level change kept raw, not applied');
  }
}
