/**
 * Data loss prevention: a tenant's rules, and what evaluating a text against them decides. A rule finds something in
 * the text (whole keywords, an admin's regular expression, or a built-in detector that validates what it finds) and
 * says what happens to a message containing it: `block` (not sent), `redact` (the match becomes "[redacted]") or
 * `flag` (sent, marked for review). The strictest action of all matches wins.
 */

export type DlpAction = 'block' | 'redact' | 'flag';
export type DlpDecisionAction = 'allow' | DlpAction;
export type DlpRuleKind = 'keyword' | 'regex' | 'detector';
/** Which messages a rule reads: what members send, what contacts send, or both. */
export type DlpDirection = 'outbound' | 'inbound' | 'both';

export const DLP_ACTIONS: readonly DlpAction[] = ['block', 'redact', 'flag'];
export const DLP_RULE_KINDS: readonly DlpRuleKind[] = ['keyword', 'regex', 'detector'];
export const DLP_DETECTORS = ['credit_card', 'iban', 'us_ssn', 'uk_nino', 'email', 'phone'] as const;
export type DlpDetectorName = (typeof DLP_DETECTORS)[number];

/** How strict each outcome is: the highest of all matches is the decision. */
export const DLP_STRICTNESS: Record<DlpDecisionAction, number> = { allow: 0, flag: 1, redact: 2, block: 3 };

/** What the admin may write, so that a rule stays cheap to run and readable to whoever meets it. */
export const DLP_LIMITS = {
  nameLength: 100,
  keywordsPerRule: 200,
  keywordLength: 100,
  patternLength: 500,
  /**
   * RE2 instructions of a compiled pattern. Matching is linear in the text but costs (instructions × characters):
   * this keeps the worst admitted pattern on a 50,000-character text well under a second, while a list of twenty
   * alternative words (about 130) or an e-mail-like pattern (about 15) fit easily.
   */
  patternProgramSize: 250,
} as const;

/** The word that replaces each redacted span. */
export const REDACTED = '[redacted]';

export interface DlpRule {
  id: string;
  name: string;
  kind: DlpRuleKind;
  action: DlpAction;
  enabled: boolean;
  /** Unset: `outbound` (what members send). */
  direction?: DlpDirection;
  /** `keyword`: whole words or phrases, matched ignoring case and accents. */
  keywords?: readonly string[];
  /** `regex`: RE2 syntax (no look-arounds or back-references), case-sensitive unless it starts with `(?i)`. */
  pattern?: string;
  /** `detector`: a built-in detector by name. */
  detector?: DlpDetectorName;
}

/** A rule as an admin submits it, before it is known to be one: every field may be wrong. */
export interface DlpRuleDraft {
  name: string;
  kind: string;
  action: string;
  keywords?: readonly string[];
  pattern?: string;
  detector?: string;
}

export interface DlpMatch {
  ruleId: string;
  ruleName: string;
  detector?: DlpDetectorName;
  action: DlpAction;
  /** UTF-16 offsets in the text as given: `text.slice(start, end)` is what matched. */
  start: number;
  end: number;
  /** What matched, masked where it may be personal data (a card shows its last 4 digits). */
  excerpt: string;
}

export interface DlpDecision {
  action: DlpDecisionAction;
  /** In the order they occur in the text. */
  matches: DlpMatch[];
  /** The text with every `redact` match replaced by "[redacted]" (overlapping or touching spans merged). */
  redactedText: string;
  /** One sentence per matching rule, for the sender: which rule, what it found, what happens. */
  reasons: string[];
}

/** Whether a rule reads messages going this way (`out`: members to contacts). */
export function dlpRuleReads(rule: Pick<DlpRule, 'direction'>, way: 'out' | 'in'): boolean {
  const direction = rule.direction ?? 'outbound';
  return direction === 'both' || direction === (way === 'out' ? 'outbound' : 'inbound');
}

export function isDlpDetectorName(name: string): name is DlpDetectorName {
  return (DLP_DETECTORS as readonly string[]).includes(name);
}
