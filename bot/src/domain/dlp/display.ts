import { evaluateDlp } from './evaluate.js';
import type { DlpPolicy } from './policy.js';
import { redactSpans } from './redact.js';

/**
 * What a contact wrote, as members see it: every match of the inbound rules replaced by "[redacted]", whatever the
 * rule's action (an inbound message has arrived already: it can be neither blocked nor unsent). The stored and
 * archived text stays whole. `null` when nothing matched.
 */
export function redactForDisplay(text: string, inbound: DlpPolicy): string | null {
  if (inbound.rules.length === 0 || text === '') return null;
  const decision = evaluateDlp(text, inbound);
  return decision.matches.length === 0 ? null : redactSpans(text, decision.matches);
}
