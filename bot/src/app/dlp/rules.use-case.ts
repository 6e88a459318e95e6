import type { CreateDlpRuleBody, DlpRuleView, PatchDlpRuleBody } from '@bridgeline/shared';
import {
  isDlpDetectorName,
  validateDlpRule,
  type DlpAction,
  type DlpRuleDraft,
  type DlpRuleKind,
} from '../../domain/dlp/index.js';
import type { DlpRulePatch, DlpRuleRecord, Store } from '../../ports/index.js';
import type { AppContext, Caller } from '../context.js';
import { fail, notFound, ok, type Outcome } from '../outcome.js';
import { forgetDlpToken } from './policy-cache.js';

/**
 * A tenant's DLP rules (admins; docs/dlp.md). A rule is checked by the rule engine before it is stored: an empty
 * name, an unknown detector, a pattern RE2 cannot compile or that is too long is refused with words. Every change is
 * archived (`admin.dlp_rule_created|updated|deleted`, the rule before and after) and moves the tenant's policy token,
 * so every process compiles the new rules at its next check.
 */
export type DlpRulesStore = Pick<Store, 'dlpRules' | 'archive'>;

/**
 * A change of the tenant's rules, then the display token this process kept forgotten at once (a rule change made in
 * another process shows on screens here within policy-cache.ts `DISPLAY_TOKEN_TTL_MS`).
 */
function changed<T>(
  tenantId: string,
  ctx: Pick<AppContext<DlpRulesStore>, 'uow'>,
  work: (store: DlpRulesStore) => Promise<T>,
) {
  return ctx.uow.run(work).finally(() => forgetDlpToken(tenantId));
}

export const presentDlpRule = (r: DlpRuleRecord): DlpRuleView => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  ...(r.kind === 'keyword' && r.keywords ? { keywords: [...r.keywords] } : {}),
  ...(r.kind === 'regex' && r.pattern !== undefined ? { pattern: r.pattern } : {}),
  ...(r.kind === 'detector' && r.detector ? { detector: r.detector } : {}),
  action: r.action,
  direction: r.direction,
  enabled: r.enabled,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The rule as submitted, refused with the engine's words when it is not one. */
export function dlpRuleFrom(
  draft: DlpRuleDraft,
): Outcome<DlpRulePatch & { kind: DlpRuleKind; action: DlpAction }> {
  const checked = validateDlpRule(draft);
  if (!checked.ok) return fail('validation_failed', `${checked.field}: ${checked.message}`);
  const kind = draft.kind as DlpRuleKind;
  return ok({
    name: draft.name.trim(),
    kind,
    action: draft.action as DlpAction,
    ...(kind === 'keyword' ? { keywords: (draft.keywords ?? []).map((k) => k.trim()) } : {}),
    ...(kind === 'regex' ? { pattern: draft.pattern ?? '' } : {}),
    ...(kind === 'detector' && draft.detector && isDlpDetectorName(draft.detector)
      ? { detector: draft.detector }
      : {}),
  });
}

export async function listDlpRules(
  ctx: Pick<AppContext<DlpRulesStore>, 'uow'>,
  caller: Caller,
): Promise<Outcome<DlpRuleView[]>> {
  if (!caller.isAdmin) return fail('admin_only');
  const rules = await ctx.uow.read((store) => store.dlpRules.list(caller.tenantId));
  return ok(rules.map(presentDlpRule));
}

export async function createDlpRule(
  ctx: Pick<AppContext<DlpRulesStore>, 'uow' | 'clock'>,
  caller: Caller,
  body: CreateDlpRuleBody,
): Promise<Outcome<DlpRuleView>> {
  if (!caller.isAdmin) return fail('admin_only');
  const rule = dlpRuleFrom(body);
  if (!rule.ok) return rule;
  const at = ctx.clock.now();
  return changed(caller.tenantId, ctx, async (store) => {
    const created = await store.dlpRules.create({
      ...rule.value,
      name: rule.value.name ?? '',
      tenantId: caller.tenantId,
      direction: body.direction ?? 'outbound',
      enabled: body.enabled ?? true,
      at,
    });
    const view = presentDlpRule(created);
    store.archive.append(adminEntry('admin.dlp_rule_created', caller, at, { rule: view }));
    return ok(view);
  });
}

export async function updateDlpRule(
  ctx: Pick<AppContext<DlpRulesStore>, 'uow' | 'clock'>,
  caller: Caller,
  id: string,
  body: PatchDlpRuleBody,
): Promise<Outcome<DlpRuleView>> {
  if (!caller.isAdmin) return fail('admin_only');
  const at = ctx.clock.now();
  return changed(caller.tenantId, ctx, async (store) => {
    const current = await store.dlpRules.byId(caller.tenantId, id);
    if (!current) return notFound();
    const merged = { ...current, ...definedOf(body) };
    const rule = dlpRuleFrom({ ...merged, keywords: merged.keywords ?? [] });
    if (!rule.ok) return rule;
    const patch: DlpRulePatch = {
      ...rule.value,
      ...(body.direction ? { direction: body.direction } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
    };
    const updated = await store.dlpRules.update(caller.tenantId, id, patch, at);
    if (!updated) return notFound();
    const view = presentDlpRule(updated);
    store.archive.append(
      adminEntry('admin.dlp_rule_updated', caller, at, { before: presentDlpRule(current), after: view }),
    );
    return ok(view);
  });
}

export async function deleteDlpRule(
  ctx: Pick<AppContext<DlpRulesStore>, 'uow' | 'clock'>,
  caller: Caller,
  id: string,
): Promise<Outcome<{ deleted: true }>> {
  if (!caller.isAdmin) return fail('admin_only');
  const at = ctx.clock.now();
  return changed(caller.tenantId, ctx, async (store) => {
    const current = await store.dlpRules.byId(caller.tenantId, id);
    if (!current || !(await store.dlpRules.remove(caller.tenantId, id))) return notFound();
    store.archive.append(adminEntry('admin.dlp_rule_deleted', caller, at, { rule: presentDlpRule(current) }));
    return ok({ deleted: true as const });
  });
}

function definedOf<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const adminEntry = (type: string, caller: Caller, at: Date, details: Record<string, unknown>) => ({
  tenantId: caller.tenantId,
  type,
  event: type,
  at,
  actorMemberId: caller.id,
  details,
});
