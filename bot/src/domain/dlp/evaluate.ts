import { DETECTORS, type DetectorHit } from './detectors/index.js';
import { foldText } from './fold.js';
import { findKeywords, type KeywordHaystack } from './keywords.js';
import { keywordExcerpt, maskUnknown } from './mask.js';
import { findPattern } from './pattern.js';
import { compileDlpPolicy, isDlpPolicy, type CompiledDlpRule, type DlpPolicy } from './policy.js';
import { dlpReason } from './reasons.js';
import { redactSpans } from './redact.js';
import {
  DLP_STRICTNESS,
  type DlpDecision,
  type DlpDecisionAction,
  type DlpDetectorName,
  type DlpMatch,
  type DlpRule,
} from './rules.js';

/**
 * A text against a tenant's rules: every match of every enabled rule, the strictest action among them (block >
 * redact > flag > allow), the text with its `redact` matches replaced, and one reason per matching rule. Pure and
 * linear in the text's length: keywords are searched in one folded copy, patterns run on RE2, each detector reads
 * the text once however many rules use it.
 */
interface Evaluation {
  text: string;
  keywords: KeywordHaystack | null;
  detected: Map<DlpDetectorName, DetectorHit[]>;
  matchingPatterns: Set<number> | null;
  policy: DlpPolicy;
}

function matchesOf(compiled: CompiledDlpRule, ev: Evaluation): DlpMatch[] {
  const { rule, matcher } = compiled;
  const base = { ruleId: rule.id, ruleName: rule.name, action: rule.action };
  switch (matcher.kind) {
    case 'keyword': {
      ev.keywords ??= { folded: foldText(ev.text), vocabulary: ev.policy.vocabulary };
      return findKeywords(ev.keywords, matcher.needles).map(({ start, end }) => ({
        ...base,
        start,
        end,
        excerpt: keywordExcerpt(ev.text.slice(start, end)),
      }));
    }
    case 'regex': {
      ev.matchingPatterns ??= ev.policy.patterns.matching(ev.text);
      if (!ev.matchingPatterns.has(compiled.patternIndex)) return [];
      return findPattern(matcher.regex, ev.text).map(({ start, end }) => ({
        ...base,
        start,
        end,
        excerpt: maskUnknown(ev.text.slice(start, end)),
      }));
    }
    case 'detector': {
      let hits = ev.detected.get(matcher.detector);
      if (!hits) {
        hits = DETECTORS[matcher.detector](ev.text);
        ev.detected.set(matcher.detector, hits);
      }
      return hits.map((hit) => ({ ...base, detector: matcher.detector, ...hit }));
    }
  }
}

export function evaluateDlp(text: string, rules: readonly DlpRule[] | DlpPolicy): DlpDecision {
  const policy = isDlpPolicy(rules) ? rules : compileDlpPolicy(rules);
  const ev: Evaluation = { text, keywords: null, detected: new Map(), matchingPatterns: null, policy };
  const matches: DlpMatch[] = [];
  const reasons: string[] = [];
  let action: DlpDecisionAction = 'allow';
  for (const compiled of policy.rules) {
    const found = matchesOf(compiled, ev);
    if (found.length === 0) continue;
    matches.push(...found);
    reasons.push(dlpReason(compiled.rule, found));
    if (DLP_STRICTNESS[compiled.rule.action] > DLP_STRICTNESS[action]) action = compiled.rule.action;
  }
  matches.sort((a, b) => a.start - b.start || a.end - b.end);
  const redactedText = redactSpans(
    text,
    matches.filter((m) => m.action === 'redact'),
  );
  return { action, matches, redactedText, reasons };
}
