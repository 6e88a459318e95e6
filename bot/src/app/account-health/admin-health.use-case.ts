import type { AdminTemplate, HealthAlert, NumberHealth } from '@bridgeline/shared';
import {
  activeRestrictions,
  isSendable,
  numberProblemWords,
  templateProblemWords,
  templateProblems,
} from '../../domain/account-health/index.js';
import type { Store } from '../../ports/index.js';
import type { AppContext, Caller } from '../context.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { requiredTemplates } from './template-updates.js';

type HealthCtx = AppContext<Pick<Store, 'templates' | 'numberHealth'>>;

/** `GET /api/v1/admin/templates`: every template Meta reports, with its status, quality and whether it can go. */
export async function listAdminTemplates(ctx: HealthCtx, caller: Caller): Promise<Outcome<AdminTemplate[]>> {
  if (!caller.isAdmin) return fail('admin_only');
  const now = ctx.clock.now();
  const rows = await ctx.uow.read((store) => store.templates.all(caller.tenantId));
  const required = requiredTemplates(ctx);
  return ok(
    rows.map((t) => ({
      name: t.name,
      language: t.language,
      category: t.category,
      status: t.status,
      quality: t.quality,
      reason: t.reason ?? null,
      disableDate: t.disableDate?.toISOString() ?? null,
      sendable: isSendable({ status: t.status, disableDate: t.disableDate ?? null }, now),
      usedFor: required.filter((r) => r.name === t.name && r.language === t.language).map((r) => r.role),
      updatedAt: t.updatedAt.toISOString(),
    })),
  );
}

/** `GET /api/v1/admin/numbers/health`: each WhatsApp number's quality, limit, restrictions and latest changes. */
export async function listNumberHealth(ctx: HealthCtx, caller: Caller): Promise<Outcome<NumberHealth[]>> {
  if (!caller.isAdmin) return fail('admin_only');
  const now = ctx.clock.now();
  return ctx.uow.read(async (store) => {
    const numbers = await store.numberHealth.list(caller.tenantId);
    const history = await store.numberHealth.history(
      caller.tenantId,
      numbers.map((n) => n.id),
      10,
    );
    return ok(
      numbers.map((n) => ({
        id: n.id,
        phone: n.displayPhone,
        region: n.region,
        wabaId: n.wabaId,
        qualityRating: n.qualityRating,
        messagingLimit: n.messagingLimit,
        restrictions: activeRestrictions(n.restrictions, now).map((r) => ({
          type: r.type,
          expiresAt: r.expiresAt?.toISOString() ?? null,
        })),
        updatedAt: n.updatedAt?.toISOString() ?? null,
        history: history
          .filter((h) => h.businessNumberId === n.id)
          .map((h) => ({
            at: h.occurredAt.toISOString(),
            event: h.event,
            qualityRating: h.qualityRating,
            messagingLimit: h.messagingLimit,
            downgrade: h.downgrade,
          })),
      })),
    );
  });
}

/** `GET /api/v1/admin/alerts`: what an admin must act on now, for the tab's banner. Worst first. */
export async function listHealthAlerts(ctx: HealthCtx, caller: Caller): Promise<Outcome<HealthAlert[]>> {
  if (!caller.isAdmin) return fail('admin_only');
  const now = ctx.clock.now();
  return ctx.uow.read(async (store) => {
    const catalogue = (await store.templates.all(caller.tenantId)).map((t) => ({
      name: t.name,
      language: t.language,
      status: t.status,
      quality: t.quality,
      disableDate: t.disableDate ?? null,
    }));
    const alerts: HealthAlert[] = templateProblems(requiredTemplates(ctx), catalogue, now).map((p) => ({
      kind: p.kind === 'unsendable' ? 'template_unsendable' : 'template_flagged',
      severity: p.kind === 'unsendable' ? 'error' : 'warning',
      ...templateProblemWords(p),
    }));
    for (const n of await store.numberHealth.list(caller.tenantId)) {
      const words = numberProblemWords(n.displayPhone, n, now);
      if (words)
        alerts.push({ ...words, severity: words.kind === 'number_restricted' ? 'error' : 'warning' });
    }
    return ok(alerts.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)));
  });
}
