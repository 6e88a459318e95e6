import type { DlpDetectorName, DlpRuleKind } from '../../domain/dlp/index.js';
import type {
  DlpMessagesPort,
  DlpReviewRecord,
  DlpReviewsPort,
  DlpRuleRecord,
  DlpRulesPort,
  TemplateContent,
} from '../../ports/index.js';
import type { Sql } from '../sql.js';

type RuleRow = {
  id: string;
  tenant_id: string;
  name: string;
  kind: DlpRuleKind;
  keywords: string[] | null;
  pattern: string | null;
  detector: DlpDetectorName | null;
  action: DlpRuleRecord['action'];
  direction: DlpRuleRecord['direction'];
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
};

const ruleOf = (r: RuleRow): DlpRuleRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  kind: r.kind,
  ...(r.keywords ? { keywords: r.keywords } : {}),
  ...(r.pattern !== null ? { pattern: r.pattern } : {}),
  ...(r.detector ? { detector: r.detector } : {}),
  action: r.action,
  direction: r.direction,
  enabled: r.enabled,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Moves the tenant's policy token: every process compiles the tenant's policy again at its next check. */
const bump = (sql: Sql, tenantId: string) =>
  sql.exec(
    `INSERT INTO dlp_policy_versions (tenant_id, version) VALUES ($1, gen_random_uuid())
     ON CONFLICT (tenant_id) DO UPDATE SET version = gen_random_uuid()`,
    [tenantId],
  );

export function dlpRulesRepository(sql: Sql): DlpRulesPort {
  const byId = async (tenantId: string, id: string) => {
    const r = await sql.one<RuleRow>('SELECT * FROM dlp_rules WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return r && ruleOf(r);
  };
  return {
    byId,
    async list(tenantId) {
      const rows = await sql.rows<RuleRow>('SELECT * FROM dlp_rules WHERE tenant_id = $1 ORDER BY seq', [
        tenantId,
      ]);
      return rows.map(ruleOf);
    },
    async create(rule) {
      const r = await sql.one<RuleRow>(
        `INSERT INTO dlp_rules (tenant_id, name, kind, keywords, pattern, detector, action, direction, enabled,
            created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING *`,
        [
          rule.tenantId,
          rule.name,
          rule.kind,
          rule.keywords ? JSON.stringify(rule.keywords) : null,
          rule.pattern ?? null,
          rule.detector ?? null,
          rule.action,
          rule.direction,
          rule.enabled,
          rule.at,
        ],
      );
      await bump(sql, rule.tenantId);
      return ruleOf(r!);
    },
    async update(tenantId, id, patch, at) {
      const current = await byId(tenantId, id);
      if (!current) return null;
      const next = { ...current, ...patch };
      // A rule keeps only the fields of its kind: a regex turned keyword loses its pattern.
      const r = await sql.one<RuleRow>(
        `UPDATE dlp_rules SET name = $3, kind = $4, keywords = $5, pattern = $6, detector = $7, action = $8,
            direction = $9, enabled = $10, updated_at = $11
          WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [
          tenantId,
          id,
          next.name,
          next.kind,
          next.kind === 'keyword' && next.keywords ? JSON.stringify(next.keywords) : null,
          next.kind === 'regex' ? (next.pattern ?? null) : null,
          next.kind === 'detector' ? (next.detector ?? null) : null,
          next.action,
          next.direction,
          next.enabled,
          at,
        ],
      );
      await bump(sql, tenantId);
      return r && ruleOf(r);
    },
    async remove(tenantId, id) {
      const n = await sql.exec('DELETE FROM dlp_rules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      if (n > 0) await bump(sql, tenantId);
      return n > 0;
    },
    async version(tenantId) {
      const r = await sql.one<{ version: string }>(
        'SELECT version FROM dlp_policy_versions WHERE tenant_id = $1',
        [tenantId],
      );
      return r?.version ?? null;
    },
  };
}

type ReviewRow = {
  id: string;
  tenant_id: string;
  message_id: string;
  thread_id: string;
  rule_id: string | null;
  rule_name: string;
  state: DlpReviewRecord['state'];
  outcome: DlpReviewRecord['outcome'];
  note: string | null;
  created_at: Date;
  resolved_at: Date | null;
  rb_id: string | null;
  rb_name: string | null;
  text: string | null;
  sender_name: string | null;
  contact_label: string | null;
};

const REVIEW_SELECT = `
  SELECT r.*, rb.id AS rb_id, rb.display_name AS rb_name, m.text, s.display_name AS sender_name,
         COALESCE(c.display_name, c.phone_e164, c.username) AS contact_label
    FROM dlp_reviews r
    JOIN messages m ON m.id = r.message_id
    LEFT JOIN members s ON s.id = m.sender_member_id
    LEFT JOIN contacts c ON c.id = m.contact_id
    LEFT JOIN members rb ON rb.tenant_id = r.tenant_id AND rb.id = r.resolved_by`;

const reviewOf = (r: ReviewRow): DlpReviewRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  messageId: r.message_id,
  threadId: r.thread_id,
  ruleId: r.rule_id,
  ruleName: r.rule_name,
  state: r.state,
  outcome: r.outcome,
  note: r.note,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
  resolvedBy: r.rb_id ? { id: r.rb_id, displayName: r.rb_name ?? '' } : null,
  text: r.text,
  senderName: r.sender_name,
  contactLabel: r.contact_label,
});

export function dlpReviewsRepository(sql: Sql): DlpReviewsPort {
  const byId = async (tenantId: string, id: string) => {
    const r = await sql.one<ReviewRow>(`${REVIEW_SELECT} WHERE r.tenant_id = $1 AND r.id = $2`, [
      tenantId,
      id,
    ]);
    return r && reviewOf(r);
  };
  return {
    byId,
    async open(review) {
      const r = await sql.one<{ id: string }>(
        `INSERT INTO dlp_reviews (tenant_id, message_id, thread_id, rule_id, rule_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          review.tenantId,
          review.messageId,
          review.threadId,
          review.ruleId,
          review.ruleName,
          review.createdAt,
        ],
      );
      return r!.id;
    },
    async list(tenantId, state) {
      const rows = await sql.rows<ReviewRow>(
        `${REVIEW_SELECT} WHERE r.tenant_id = $1 AND ($2::text IS NULL OR r.state = $2)
          ORDER BY r.seq DESC LIMIT 500`,
        [tenantId, state],
      );
      return rows.map(reviewOf);
    },
    async resolve(tenantId, id, d) {
      const n = await sql.exec(
        `UPDATE dlp_reviews SET state = 'resolved', outcome = $3, note = $4, resolved_by = $5, resolved_at = $6
          WHERE tenant_id = $1 AND id = $2 AND state = 'open'`,
        [tenantId, id, d.outcome, d.note, d.by, d.at],
      );
      return n === 1 ? byId(tenantId, id) : null;
    },
  };
}

export function dlpMessagesRepository(sql: Sql): DlpMessagesPort {
  return {
    async heldToRecheck(key, version) {
      const rows = await sql.rows<{
        id: string;
        text: string | null;
        template: TemplateContent | null;
        type: string;
      }>(
        `SELECT id, text, template, type FROM messages
          WHERE tenant_id = $1 AND business_number_id = $2 AND contact_id = $3 AND status = 'held'
            AND dlp_version IS DISTINCT FROM $4::uuid
          ORDER BY seq FOR UPDATE`,
        [key.tenantId, key.businessNumberId, key.contactId, version],
      );
      return rows;
    },
    async mark(id, patch) {
      await sql.exec(
        `UPDATE messages SET dlp_version = $2,
            dlp_flags = CASE WHEN $3::jsonb IS NULL THEN dlp_flags ELSE $3::jsonb END,
            text = CASE WHEN $4 THEN $5 ELSE text END,
            template = CASE WHEN $6::jsonb IS NULL THEN template
                            ELSE jsonb_set(template, '{parameters}', $6::jsonb) END,
            updated_at = now()
          WHERE id = $1`,
        [
          id,
          patch.version,
          patch.flags && patch.flags.length > 0 ? JSON.stringify(patch.flags) : null,
          patch.text !== undefined,
          patch.text ?? null,
          patch.templateParameters ? JSON.stringify(patch.templateParameters) : null,
        ],
      );
    },
  };
}
