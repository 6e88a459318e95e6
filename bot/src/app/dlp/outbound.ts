import { evaluateDlpMessage, type DlpMessageDecision } from '../../domain/dlp/index.js';
import { refuseDlp, type Refusal } from '../../domain/result.js';
import type { Store } from '../../ports/index.js';
import { dlpPolicyOf } from './policy-cache.js';

/**
 * Data loss prevention on a member's message before it is stored (docs/dlp.md): the domain decides
 * (`evaluateDlpMessage`), this applies it. Block: a `dlp.blocked` record and the refusal, nothing else written.
 * Redact: the message is stored and sent with `[redacted]`, the original goes to the archive only
 * (`message.original`). Flag: stored as written, marked with the rules' names, one review opened per rule.
 */
export type DlpStore = Pick<Store, 'dlpRules' | 'dlpReviews' | 'dlpMessages' | 'archive'>;

/** A message's words: its text (or caption), or its template's parameters. */
export type DlpParts = { text: string } | { parameters: string[] } | null;

export interface DlpCleared {
  ok: true;
  /** The words to store and send: redacted where a rule said so. */
  parts: DlpParts;
  version: string | null;
  flags: string[];
  decision: DlpMessageDecision | null;
  original: DlpParts;
}

const partsOf = (parts: DlpParts): string[] =>
  parts === null ? [] : 'text' in parts ? [parts.text] : parts.parameters;
const withParts = (parts: DlpParts, words: string[]): DlpParts =>
  parts === null ? null : 'text' in parts ? { text: words[0] ?? '' } : { parameters: words };
const contentOf = (parts: DlpParts) =>
  parts === null ? {} : 'text' in parts ? { text: parts.text } : { templateParameters: parts.parameters };

export interface DlpSubject {
  tenantId: string;
  threadId: string;
  actorMemberId: string | null;
  /** The message when it exists (a held message checked again at release). */
  messageId?: string;
  kind: string;
  at: Date;
}

export async function checkOutbound(
  store: DlpStore,
  subject: DlpSubject,
  parts: DlpParts,
): Promise<DlpCleared | Refusal> {
  const policy = await dlpPolicyOf(store, subject.tenantId);
  const cleared: DlpCleared = {
    ok: true,
    parts,
    version: policy.version,
    flags: [],
    decision: null,
    original: null,
  };
  if (policy.outbound.rules.length === 0 || parts === null) return cleared;
  const decision = evaluateDlpMessage(partsOf(parts), policy.outbound);
  if (decision.action === 'allow') return cleared;
  if (decision.action === 'block') {
    const rule = decision.decisive!.ruleName;
    store.archive.append({
      type: 'dlp.blocked',
      event: 'dlp.blocked',
      tenantId: subject.tenantId,
      at: subject.at,
      threadId: subject.threadId,
      messageId: subject.messageId ?? null,
      actorMemberId: subject.actorMemberId,
      details: {
        rule,
        rules: decision.rules,
        reasons: decision.reasons,
        kind: subject.kind,
        dlpContent: contentOf(parts),
      },
    });
    return refuseDlp(rule, blockedDetail(decision));
  }
  const redacted = decision.rules.some((r) => r.action === 'redact');
  return {
    ok: true,
    parts: redacted ? withParts(parts, decision.redactedParts) : parts,
    version: policy.version,
    flags: [...new Set(decision.rules.filter((r) => r.action === 'flag').map((r) => r.ruleName))],
    decision,
    original: redacted ? parts : null,
  };
}

/** "Blocked by rule “Cards”: it found a payment card number (…). Remove it and send again." */
function blockedDetail(decision: DlpMessageDecision): string {
  const blocking = decision.reasons.filter((r) => r.endsWith('the message is not sent.'));
  return `${(blocking.length > 0 ? blocking : decision.reasons).join(' ')} Remove it and send again.`;
}

/** Once the message is stored: the original to the archive, the reviews of its flags, each decision archived. */
export async function recordOutbound(
  store: DlpStore,
  subject: DlpSubject & { messageId: string },
  cleared: DlpCleared,
): Promise<void> {
  const { decision } = cleared;
  if (!decision) return;
  const base = {
    tenantId: subject.tenantId,
    at: subject.at,
    threadId: subject.threadId,
    messageId: subject.messageId,
    actorMemberId: subject.actorMemberId,
  };
  const redactRules = decision.rules.filter((r) => r.action === 'redact');
  if (cleared.original && redactRules.length > 0) {
    store.archive.append({
      ...base,
      type: 'message.original',
      event: 'dlp.original',
      details: { rules: redactRules, dlpContent: contentOf(cleared.original) },
    });
    store.archive.append({
      ...base,
      type: 'dlp.redacted',
      event: 'dlp.redacted',
      details: { rules: redactRules, reasons: decision.reasons },
    });
  }
  const flagRules = decision.rules.filter((r) => r.action === 'flag');
  if (flagRules.length === 0) return;
  const reviews: string[] = [];
  for (const rule of flagRules)
    reviews.push(
      await store.dlpReviews.open({
        tenantId: subject.tenantId,
        messageId: subject.messageId,
        threadId: subject.threadId,
        ruleId: rule.ruleId,
        ruleName: rule.ruleName,
        createdAt: subject.at,
      }),
    );
  store.archive.append({
    ...base,
    type: 'dlp.flagged',
    event: 'dlp.flagged',
    details: { rules: flagRules, reviewIds: reviews },
  });
}
