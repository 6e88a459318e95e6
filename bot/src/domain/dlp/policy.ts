import { keywordVocabulary, type KeywordVocabulary } from './keywords.js';
import { patternSet, type PatternSet } from './pattern.js';
import { dlpRuleReads, type DlpRule } from './rules.js';
import { inspectDlpRule, type DlpRuleField, type DlpRuleMatcher } from './validate.js';

/**
 * A tenant's rules made ready to evaluate: disabled rules dropped, keywords folded, patterns compiled once and joined
 * into one multi-pattern set. Compiling a pattern costs far more than running it, so a caller that evaluates many
 * texts against the same rules compiles them once (`compileDlpPolicy`) and passes the policy to `evaluateDlp`.
 * A rule that is not valid (stored before a limit existed, say) is left out and listed in `refused`.
 */
export interface CompiledDlpRule {
  rule: DlpRule;
  matcher: DlpRuleMatcher;
  /** For a regex rule: its index in the policy's pattern set. */
  patternIndex: number;
}

export interface DlpPolicy {
  readonly rules: readonly CompiledDlpRule[];
  readonly patterns: PatternSet;
  /** The first words of all keyword rules' keywords, indexed in each text. */
  readonly vocabulary: KeywordVocabulary;
  readonly refused: readonly { ruleId: string; ruleName: string; field: DlpRuleField; message: string }[];
}

/** `way`: only the rules that read messages going that way (unset: every enabled rule). */
export function compileDlpPolicy(rules: readonly DlpRule[], way?: 'out' | 'in'): DlpPolicy {
  const compiled: CompiledDlpRule[] = [];
  const refused: { ruleId: string; ruleName: string; field: DlpRuleField; message: string }[] = [];
  const regexes = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    if (way && !dlpRuleReads(rule, way)) continue;
    const inspected = inspectDlpRule(rule);
    if (!inspected.ok) {
      refused.push({
        ruleId: rule.id,
        ruleName: rule.name,
        field: inspected.field,
        message: inspected.message,
      });
      continue;
    }
    const matcher = inspected.matcher;
    compiled.push({
      rule,
      matcher,
      patternIndex: matcher.kind === 'regex' ? regexes.push(matcher.regex) - 1 : -1,
    });
  }
  const needles = compiled.flatMap(({ matcher }) => (matcher.kind === 'keyword' ? matcher.needles : []));
  return { rules: compiled, patterns: patternSet(regexes), vocabulary: keywordVocabulary(needles), refused };
}

export function isDlpPolicy(value: readonly DlpRule[] | DlpPolicy): value is DlpPolicy {
  return !Array.isArray(value);
}
