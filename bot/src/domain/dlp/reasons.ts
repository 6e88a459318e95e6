import { DETECTOR_NOUNS } from './detectors/index.js';
import { REDACTED, type DlpMatch, type DlpRule } from './rules.js';

/**
 * One sentence per rule that matched, for the sender: which rule, what it found (masked), and what happens.
 * "Rule “Cards” found a payment card number (•••• •••• •••• 1111): the message is not sent."
 */
const SHOWN = 3;

/** "a", "a and b", "a, b and c", "a, b, c and 2 more". */
function listed(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length <= 1
    ? (shown[0] ?? '')
    : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function found(rule: DlpRule, matches: readonly DlpMatch[]): string {
  const n = matches.length;
  const excerpts = matches.map((m) => m.excerpt);
  if (rule.kind === 'keyword') {
    const words = [...new Set(excerpts.map((e) => `“${e}”`))];
    return `${words.length === 1 ? 'the keyword' : 'the keywords'} ${listed(words)}`;
  }
  if (rule.kind === 'detector' && rule.detector) {
    const noun = DETECTOR_NOUNS[rule.detector];
    return n === 1 ? `${noun.one} (${excerpts[0]})` : `${n} ${noun.many} (${listed(excerpts)})`;
  }
  return n === 1
    ? `text matching its pattern (${excerpts[0]})`
    : `${n} passages matching its pattern (${listed(excerpts)})`;
}

function consequence(rule: DlpRule, n: number): string {
  switch (rule.action) {
    case 'block':
      return 'the message is not sent';
    case 'redact':
      return n === 1 ? `it is replaced by ${REDACTED}` : `each is replaced by ${REDACTED}`;
    case 'flag':
      return 'the message is sent and marked for review';
  }
}

export function dlpReason(rule: DlpRule, matches: readonly DlpMatch[]): string {
  return `Rule “${rule.name}” found ${found(rule, matches)}: ${consequence(rule, matches.length)}.`;
}
