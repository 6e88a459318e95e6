import { z } from 'zod';
import { MAX_TEXT_LENGTH } from './limits.js';

/**
 * Data loss prevention (docs/dlp.md): a tenant's rules, the composer's policy tip and the review queue of flagged
 * messages. Names as api.md's "Data loss prevention" says.
 */
const Uuid = z.uuid();
const IsoTime = z.iso.datetime({ offset: true });

export const DLP_RULE_KINDS = ['keyword', 'regex', 'detector'] as const;
export const DLP_RULE_ACTIONS = ['block', 'redact', 'flag'] as const;
export const DLP_RULE_DIRECTIONS = ['outbound', 'inbound', 'both'] as const;
export const DLP_DETECTOR_NAMES = ['credit_card', 'iban', 'us_ssn', 'uk_nino', 'email', 'phone'] as const;
export const DLP_REVIEW_STATES = ['open', 'resolved'] as const;
export const DLP_REVIEW_OUTCOMES = ['cleared', 'escalated'] as const;
export type DlpRuleDirection = (typeof DLP_RULE_DIRECTIONS)[number];

export const DlpRuleView = z.object({
  id: Uuid,
  name: z.string(),
  kind: z.enum(DLP_RULE_KINDS),
  keywords: z.array(z.string()).optional(),
  pattern: z.string().optional(),
  detector: z.enum(DLP_DETECTOR_NAMES).optional(),
  action: z.enum(DLP_RULE_ACTIONS),
  direction: z.enum(DLP_RULE_DIRECTIONS),
  enabled: z.boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type DlpRuleView = z.infer<typeof DlpRuleView>;

/**
 * What an admin submits. The shapes are checked here (lengths are generous); what a rule means (a keyword with no
 * letter, a pattern RE2 cannot compile or that is too large) is checked by the rule engine, with words.
 */
const RuleFields = {
  name: z.string().max(1000),
  kind: z.string().max(50),
  keywords: z.array(z.string().max(1000)).max(1000).optional(),
  pattern: z.string().max(5000).optional(),
  detector: z.string().max(100).optional(),
  action: z.string().max(50),
  direction: z.enum(DLP_RULE_DIRECTIONS).optional(),
  enabled: z.boolean().optional(),
};
export const CreateDlpRuleBody = z.object(RuleFields).strict();
export type CreateDlpRuleBody = z.infer<typeof CreateDlpRuleBody>;
export const PatchDlpRuleBody = z.object(RuleFields).partial().strict();
export type PatchDlpRuleBody = z.infer<typeof PatchDlpRuleBody>;

export const DlpCheckBody = z
  .object({
    text: z
      .string()
      .max(MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters are checked (a message's limit)`),
    threadId: Uuid.optional(),
    /** Admins only: test a sample text against these rules instead of the stored ones (before saving). */
    rules: z.array(z.object(RuleFields)).max(100).optional(),
  })
  .strict();
export type DlpCheckBody = z.infer<typeof DlpCheckBody>;

export const DlpCheckMatch = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  action: z.enum(DLP_RULE_ACTIONS),
  excerpt: z.string(),
});
export const DlpCheckResult = z.object({
  action: z.enum(['allow', ...DLP_RULE_ACTIONS]),
  matches: z.array(DlpCheckMatch),
  redactedText: z.string().optional(),
  /** One sentence per matching rule: which rule, what it found, what happens. */
  reasons: z.array(z.string()),
});
export type DlpCheckResult = z.infer<typeof DlpCheckResult>;

export const DlpReview = z.object({
  id: Uuid,
  messageId: Uuid,
  threadId: Uuid,
  ruleName: z.string(),
  state: z.enum(DLP_REVIEW_STATES),
  createdAt: IsoTime,
  /** Context for the reviewer: the flagged message's text, who sent it, to whom. */
  text: z.string().nullable(),
  senderName: z.string().nullable(),
  contactLabel: z.string().nullable(),
  outcome: z.enum(DLP_REVIEW_OUTCOMES).nullable(),
  note: z.string().nullable(),
  resolvedAt: IsoTime.nullable(),
  resolvedBy: z.object({ id: Uuid, displayName: z.string() }).nullable(),
});
export type DlpReview = z.infer<typeof DlpReview>;
export const DlpReviewList = z.object({ items: z.array(DlpReview) });
export const DlpReviewQuery = z.object({ state: z.enum(DLP_REVIEW_STATES).optional() });
export const ResolveReviewBody = z
  .object({ outcome: z.enum(DLP_REVIEW_OUTCOMES), note: z.string().trim().max(2000).default('') })
  .strict();
export type ResolveReviewBody = z.infer<typeof ResolveReviewBody>;
