import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data loss prevention (docs/dlp.md). `dlp_rules`: a tenant's rules as admins wrote them (validated by the rule
 * engine before they are stored). `dlp_policy_versions`: one token per tenant, changed with every change of its rules,
 * so that each process keeps the tenant's compiled policy and compiles it again only when the token moved.
 * `messages.dlp_flags`: the names of the rules that flagged a message (sent as written, marked for review);
 * `messages.dlp_version`: the policy token a message was checked against (a held message is checked again at release
 * when the rules changed meanwhile). `dlp_reviews`: one row per flagged message and rule, open until a reviewer
 * clears or escalates it with a note.
 */
export class Dlp1763770500000 implements MigrationInterface {
  name = 'Dlp1763770500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE dlp_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind IN ('keyword', 'regex', 'detector')),
  keywords jsonb,
  pattern text,
  detector text,
  action text NOT NULL CHECK (action IN ('block', 'redact', 'flag')),
  direction text NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound', 'both')),
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (tenant_id, id)
);
CREATE INDEX dlp_rules_tenant_idx ON dlp_rules (tenant_id, seq);

CREATE TABLE dlp_policy_versions (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
  version uuid NOT NULL
);

ALTER TABLE messages ADD COLUMN dlp_flags jsonb, ADD COLUMN dlp_version uuid;

CREATE TABLE dlp_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  message_id uuid NOT NULL REFERENCES messages(id),
  thread_id uuid NOT NULL,
  rule_id uuid,
  rule_name text NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
  outcome text CHECK (outcome IN ('cleared', 'escalated')),
  note text,
  created_at timestamptz NOT NULL,
  resolved_at timestamptz,
  resolved_by uuid,
  FOREIGN KEY (tenant_id, resolved_by) REFERENCES members (tenant_id, id),
  CHECK ((state = 'resolved') = (outcome IS NOT NULL AND resolved_at IS NOT NULL AND resolved_by IS NOT NULL))
);
CREATE INDEX dlp_reviews_queue_idx ON dlp_reviews (tenant_id, state, seq);
CREATE INDEX dlp_reviews_message_idx ON dlp_reviews (message_id);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE dlp_reviews;
ALTER TABLE messages DROP COLUMN dlp_version, DROP COLUMN dlp_flags;
DROP TABLE dlp_policy_versions;
DROP TABLE dlp_rules;
`);
  }
}
