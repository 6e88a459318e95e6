import { evaluateDlp } from './evaluate.js';
import type { DlpPolicy } from './policy.js';
import { DLP_STRICTNESS, type DlpDecisionAction, type DlpMatch } from './rules.js';

/**
 * A message's decision over all its words: a text, an image's caption, or each parameter of a template (a parameter
 * is checked alone, since each is its own value for the contact). The strictest action over the parts wins; each
 * part is redacted on its own. `rules` names each matching rule once, with its action, in the order found.
 */
export interface DlpMessageDecision {
  action: DlpDecisionAction;
  /** The parts with their `redact` matches replaced, in the order given. */
  redactedParts: string[];
  reasons: string[];
  rules: { ruleId: string; ruleName: string; action: DlpMatch['action'] }[];
  /** The first rule of the decisive action: the one a sender is told about. */
  decisive: { ruleId: string; ruleName: string } | null;
}

export function evaluateDlpMessage(parts: readonly string[], policy: DlpPolicy): DlpMessageDecision {
  let action: DlpDecisionAction = 'allow';
  const redactedParts: string[] = [];
  const reasons: string[] = [];
  const rules = new Map<string, DlpMessageDecision['rules'][number]>();
  for (const part of parts) {
    if (policy.rules.length === 0 || part === '') {
      redactedParts.push(part);
      continue;
    }
    const decision = evaluateDlp(part, policy);
    redactedParts.push(decision.redactedText);
    for (const reason of decision.reasons) if (!reasons.includes(reason)) reasons.push(reason);
    for (const m of decision.matches)
      if (!rules.has(m.ruleId))
        rules.set(m.ruleId, { ruleId: m.ruleId, ruleName: m.ruleName, action: m.action });
    if (DLP_STRICTNESS[decision.action] > DLP_STRICTNESS[action]) action = decision.action;
  }
  const list = [...rules.values()];
  const first = action === 'allow' ? undefined : list.find((r) => r.action === action);
  return {
    action,
    redactedParts,
    reasons,
    rules: list,
    decisive: first ? { ruleId: first.ruleId, ruleName: first.ruleName } : null,
  };
}
