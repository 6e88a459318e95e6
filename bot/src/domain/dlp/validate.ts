import type { RE2JS } from 're2js';
import { keywordNeedle, type KeywordNeedle } from './keywords.js';
import { compilePattern } from './pattern.js';
import {
  DLP_ACTIONS,
  DLP_DETECTORS,
  DLP_LIMITS,
  DLP_RULE_KINDS,
  isDlpDetectorName,
  type DlpDetectorName,
  type DlpRuleDraft,
} from './rules.js';

/**
 * Whether a rule can be stored, and if not, which field is wrong and why in words an admin can act on. A rule that
 * passes can always be evaluated: its keywords fold to something, its pattern compiles on RE2 within the limits.
 */
export type DlpRuleField = 'name' | 'kind' | 'action' | 'keywords' | 'pattern' | 'detector';
export type DlpRuleRefusal = { ok: false; field: DlpRuleField; message: string };
export type DlpRuleValidation = { ok: true } | DlpRuleRefusal;

/** What a valid rule needs to run, found while validating it. */
export type DlpRuleMatcher =
  | { kind: 'keyword'; needles: KeywordNeedle[] }
  | { kind: 'regex'; regex: RE2JS }
  | { kind: 'detector'; detector: DlpDetectorName };

const refuse = (field: DlpRuleField, message: string): DlpRuleRefusal => ({ ok: false, field, message });

function checkKeywords(keywords: readonly string[] | undefined): DlpRuleRefusal | KeywordNeedle[] {
  if (!keywords || keywords.length === 0)
    return refuse('keywords', 'A keyword rule needs at least one keyword.');
  if (keywords.length > DLP_LIMITS.keywordsPerRule)
    return refuse(
      'keywords',
      `A rule has at most ${DLP_LIMITS.keywordsPerRule} keywords; this one has ${keywords.length}.`,
    );
  const needles: KeywordNeedle[] = [];
  for (const [i, keyword] of keywords.entries()) {
    const which = `Keyword ${i + 1}`;
    if (keyword.trim() === '') return refuse('keywords', `${which} is empty.`);
    if (keyword.length > DLP_LIMITS.keywordLength)
      return refuse(
        'keywords',
        `${which} is ${keyword.length} characters long; at most ${DLP_LIMITS.keywordLength} are allowed.`,
      );
    const needle = keywordNeedle(keyword);
    if (!needle || !/[\p{L}\p{N}]/u.test(needle.folded))
      return refuse('keywords', `${which} (“${keyword.trim()}”) has no letter or digit to match.`);
    needles.push(needle);
  }
  return needles;
}

/** The rule checked, and what it takes to run it. */
export function inspectDlpRule(rule: DlpRuleDraft): DlpRuleRefusal | { ok: true; matcher: DlpRuleMatcher } {
  if (rule.name.trim() === '') return refuse('name', 'A rule needs a name.');
  if (rule.name.length > DLP_LIMITS.nameLength)
    return refuse(
      'name',
      `The name is ${rule.name.length} characters long; at most ${DLP_LIMITS.nameLength}.`,
    );
  if (!(DLP_ACTIONS as readonly string[]).includes(rule.action))
    return refuse('action', `Unknown action “${rule.action}”: use one of ${DLP_ACTIONS.join(', ')}.`);
  switch (rule.kind) {
    case 'keyword': {
      const needles = checkKeywords(rule.keywords);
      return Array.isArray(needles) ? { ok: true, matcher: { kind: 'keyword', needles } } : needles;
    }
    case 'regex': {
      const compiled = compilePattern(rule.pattern ?? '');
      return compiled.ok
        ? { ok: true, matcher: { kind: 'regex', regex: compiled.regex } }
        : refuse('pattern', compiled.message);
    }
    case 'detector': {
      const detector = rule.detector ?? '';
      if (detector === '') return refuse('detector', 'A detector rule needs a detector.');
      if (!isDlpDetectorName(detector))
        return refuse('detector', `Unknown detector “${detector}”: use one of ${DLP_DETECTORS.join(', ')}.`);
      return { ok: true, matcher: { kind: 'detector', detector } };
    }
    default:
      return refuse('kind', `Unknown kind “${rule.kind}”: use one of ${DLP_RULE_KINDS.join(', ')}.`);
  }
}

export function validateDlpRule(rule: DlpRuleDraft): DlpRuleValidation {
  const inspected = inspectDlpRule(rule);
  return inspected.ok ? { ok: true } : inspected;
}
