import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Teams bot's state: one conversation reference per member (their personal chat with the bot), the inbound-message
 * card each member last got per thread (so a burst of messages updates one card), and the send history the Teams rate
 * limiter counts (per conversation and per tenant), kept here so every worker process sees the same limits.
 */
export class Teams1763769800000 implements MigrationInterface {
  name = 'Teams1763769800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE teams_conversations (
  tenant_id uuid NOT NULL,
  member_id uuid NOT NULL,
  aad_tenant_id text NOT NULL,
  conversation_id text NOT NULL,
  service_url text NOT NULL,
  teams_user_id text NOT NULL,
  reference jsonb NOT NULL,
  -- Epoch milliseconds of recent sends to this conversation (pruned to the longest limit window).
  send_times bigint[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, member_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)
);
CREATE UNIQUE INDEX teams_conversations_conversation_key ON teams_conversations (conversation_id);

CREATE TABLE teams_tenant_sends (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
  send_times bigint[] NOT NULL DEFAULT '{}'
);

-- The inbound-message card a member last got for a thread: later messages update it in place until it is acted on.
CREATE TABLE teams_inbound_cards (
  tenant_id uuid NOT NULL,
  member_id uuid NOT NULL,
  thread_id uuid NOT NULL,
  conversation_id text NOT NULL,
  activity_id text NOT NULL,
  first_seq bigint NOT NULL,
  last_seq bigint NOT NULL,
  posted_at timestamptz NOT NULL,
  closed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, member_id, thread_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id),
  FOREIGN KEY (tenant_id, thread_id) REFERENCES threads (tenant_id, id)
);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE teams_inbound_cards;
DROP TABLE teams_tenant_sends;
DROP TABLE teams_conversations;
`);
  }
}
