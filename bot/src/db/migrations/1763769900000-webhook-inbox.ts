import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhook's inbox: the edge stores each inbound message and status of a verified batch here (unique per tenant on
 * Meta's message id, and on message id + status) and answers; workers apply them in order, per lane (a lane is a
 * contact's messages, or a message's statuses), with retries and a dead letter after too many failures.
 */
export class WebhookInbox1763769900000 implements MigrationInterface {
  name = 'WebhookInbox1763769900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE webhook_inbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  kind text NOT NULL CHECK (kind IN ('message', 'status')),
  -- The wamid of a message; wamid and status for a status.
  provider_id text NOT NULL,
  lane integer NOT NULL CHECK (lane >= 0),
  -- A one-item webhook body in Meta's shape, parsed again when applied.
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  error text,
  processed_at timestamptz
);
CREATE UNIQUE INDEX webhook_inbox_key ON webhook_inbox (tenant_id, kind, provider_id);
CREATE INDEX webhook_inbox_pending_idx ON webhook_inbox (lane, id) WHERE processed_at IS NULL;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_inbox;`);
  }
}
