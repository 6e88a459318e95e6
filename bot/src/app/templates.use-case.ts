import type { Template } from '@bridgeline/shared';
import { isSendable } from '../domain/account-health/index.js';
import type { Store, TemplateRecord } from '../ports/index.js';
import type { AppContext, Caller } from './context.js';
import { ok, type Outcome } from './outcome.js';

/** One template as the provider lists it, for the catalogue. */
export type CatalogueEntry = Omit<TemplateRecord, 'tenantId' | 'wabaId' | 'updatedAt'>;

/**
 * The tenant's templates members may send (product.md §3): those Meta lets go now — APPROVED, or FLAGGED before its
 * disable date (the domain's `isSendable`). Paused, disabled, rejected and pending ones are not offered. Nor the ones
 * Bridgeline sends on its own (the opt-in and resume requests), which a member never picks (issue 16, point 12).
 */
export async function listApprovedTemplates(
  ctx: AppContext<Pick<Store, 'templates'>>,
  caller: Caller,
): Promise<Outcome<Template[]>> {
  const now = ctx.clock.now();
  const rows = (await ctx.uow.read((store) => store.templates.approved(caller.tenantId))).filter((t) =>
    isSendable({ status: t.status, disableDate: t.disableDate ?? null }, now),
  );
  const system = [ctx.templates.optIn, ctx.templates.resume];
  const isSystem = (t: TemplateRecord) => system.some((s) => s.name === t.name && s.language === t.language);
  return ok(
    rows
      .filter((t) => !isSystem(t))
      .map((t) => ({
        name: t.name,
        language: t.language,
        category: t.category ?? 'UTILITY',
        body: t.body,
        parameterCount: t.parameterCount,
      })),
  );
}

/**
 * A full listing of the WABA's templates replaces the catalogue of every tenant using that WABA: new and changed
 * templates are upserted, templates Meta no longer lists are marked DELETED (never offered again).
 */
export async function syncTemplateCatalogue(
  ctx: AppContext<Pick<Store, 'templates'>>,
  wabaId: string,
  entries: CatalogueEntry[],
): Promise<{ tenants: number; templates: number }> {
  const at = ctx.clock.now();
  return ctx.uow.run(async (store) => {
    const tenants = await store.templates.tenantsOfWaba(wabaId);
    for (const tenantId of tenants) {
      for (const e of entries) await store.templates.upsert({ ...e, tenantId, wabaId, updatedAt: at });
      await store.templates.markMissing(tenantId, wabaId, entries, at);
    }
    return { tenants: tenants.length, templates: entries.length };
  });
}
