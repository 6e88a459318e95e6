import type { DlpRule } from '../domain/dlp/index.js';
import type { TemplateContent } from './messages.js';

/**
 * Data loss prevention (docs/dlp.md): a tenant's rules, the token that changes with them (each process keeps the
 * compiled policy until it moves), and the review queue of flagged messages.
 */
export interface DlpRuleRecord extends DlpRule {
  tenantId: string;
  direction: NonNullable<DlpRule['direction']>;
  createdAt: Date;
  updatedAt: Date;
}

export type NewDlpRule = Omit<DlpRuleRecord, 'id' | 'createdAt' | 'updatedAt'> & { at: Date };
export type DlpRulePatch = Partial<
  Pick<
    DlpRuleRecord,
    'name' | 'kind' | 'keywords' | 'pattern' | 'detector' | 'action' | 'direction' | 'enabled'
  >
>;

export interface DlpRulesPort {
  list(tenantId: string): Promise<DlpRuleRecord[]>;
  byId(tenantId: string, id: string): Promise<DlpRuleRecord | null>;
  /** Each write moves the tenant's policy token. */
  create(rule: NewDlpRule): Promise<DlpRuleRecord>;
  update(tenantId: string, id: string, patch: DlpRulePatch, at: Date): Promise<DlpRuleRecord | null>;
  remove(tenantId: string, id: string): Promise<boolean>;
  /** The tenant's policy token: null while it never had a rule. */
  version(tenantId: string): Promise<string | null>;
}

export interface DlpReviewRecord {
  id: string;
  tenantId: string;
  messageId: string;
  threadId: string;
  ruleId: string | null;
  ruleName: string;
  state: 'open' | 'resolved';
  outcome: 'cleared' | 'escalated' | null;
  note: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: { id: string; displayName: string } | null;
  /** Context for the reviewer, read with the review. */
  text: string | null;
  senderName: string | null;
  contactLabel: string | null;
}

export interface DlpReviewsPort {
  open(review: {
    tenantId: string;
    messageId: string;
    threadId: string;
    ruleId: string | null;
    ruleName: string;
    createdAt: Date;
  }): Promise<string>;
  /** Newest first. */
  list(tenantId: string, state: 'open' | 'resolved' | null): Promise<DlpReviewRecord[]>;
  byId(tenantId: string, id: string): Promise<DlpReviewRecord | null>;
  /** Resolves an open review; null when there is no such open review. */
  resolve(
    tenantId: string,
    id: string,
    decision: { outcome: 'cleared' | 'escalated'; note: string; by: string; at: Date },
  ): Promise<DlpReviewRecord | null>;
}

/** What DLP writes on a message: the flags, the text after a re-check at release, the policy it was checked against. */
export interface DlpMessagesPort {
  /** Held messages of a pair checked against another policy token than this one (or none). */
  heldToRecheck(
    key: { tenantId: string; businessNumberId: string; contactId: string },
    version: string | null,
  ): Promise<{ id: string; text: string | null; template: TemplateContent | null; type: string }[]>;
  mark(
    id: string,
    patch: { version: string | null; flags?: string[]; text?: string | null; templateParameters?: string[] },
  ): Promise<void>;
}
