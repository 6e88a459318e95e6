import type { DlpCheckBody, DlpCheckResult } from '@bridgeline/shared';
import { compileDlpPolicy, evaluateDlp, type DlpPolicy, type DlpRule } from '../../domain/dlp/index.js';
import type { Store } from '../../ports/index.js';
import type { AppContext, Caller } from '../context.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { dlpPolicyOf } from './policy-cache.js';
import { dlpRuleFrom } from './rules.use-case.js';

/**
 * The composer's policy tip (`POST /api/v1/dlp/check`): what the tenant's outbound rules would do to this text, before
 * the member sends it. Any enabled member may ask. An admin may pass `rules` instead, to test a sample text against
 * rules not saved yet (the DLP admin screen); each is checked as it would be on saving.
 */
export async function checkDlp(
  ctx: Pick<AppContext<Pick<Store, 'dlpRules'>>, 'uow'>,
  caller: Caller,
  body: DlpCheckBody,
): Promise<Outcome<DlpCheckResult>> {
  let policy: DlpPolicy;
  if (body.rules) {
    if (!caller.isAdmin) return fail('admin_only', 'Only an admin may test rules that are not saved.');
    const rules: DlpRule[] = [];
    for (const [i, draft] of body.rules.entries()) {
      const rule = dlpRuleFrom(draft);
      if (!rule.ok) return fail('validation_failed', `rules.${i}: ${rule.detail ?? ''}`);
      rules.push({
        ...rule.value,
        id: `draft-${i}`,
        name: rule.value.name ?? '',
        enabled: draft.enabled ?? true,
      });
    }
    policy = compileDlpPolicy(rules);
  } else {
    policy = (await ctx.uow.read((store) => dlpPolicyOf(store, caller.tenantId))).outbound;
  }
  const decision = evaluateDlp(body.text, policy);
  const redacts = decision.matches.some((m) => m.action === 'redact');
  return ok({
    action: decision.action,
    matches: decision.matches.map((m) => ({
      ruleId: m.ruleId,
      ruleName: m.ruleName,
      start: m.start,
      end: m.end,
      action: m.action,
      excerpt: m.excerpt,
    })),
    ...(redacts ? { redactedText: decision.redactedText } : {}),
    reasons: decision.reasons,
  });
}
