import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What became of each webhook inbox item, for an operator: `pending` (to apply, or retrying with its error),
 * `applied`, `given_up` (failed too often; kept with its error) and `rejected` (Meta sent something that cannot be
 * read as a message or status: kept raw with the reason, never applied, never blocking its siblings).
 */
export class WebhookInboxState1763770340000 implements MigrationInterface {
  name = 'WebhookInboxState1763770340000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE webhook_inbox ADD COLUMN state text NOT NULL DEFAULT 'pending'
  CHECK (state IN ('pending', 'applied', 'given_up', 'rejected'));
UPDATE webhook_inbox SET state = CASE WHEN error IS NULL THEN 'applied' ELSE 'given_up' END
 WHERE processed_at IS NOT NULL;
CREATE INDEX webhook_inbox_trouble_idx ON webhook_inbox (tenant_id, received_at)
  WHERE state IN ('given_up', 'rejected');
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP INDEX webhook_inbox_trouble_idx;
ALTER TABLE webhook_inbox DROP COLUMN state;
`);
  }
}
