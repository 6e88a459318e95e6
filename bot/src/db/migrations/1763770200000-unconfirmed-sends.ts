import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a worker claimed a message for sending (the application's clock), and a partial index of the sends Meta has
 * not answered: the periodic sweep finds those claimed too long ago in one index scan. At most one row per pair.
 */
export class UnconfirmedSends1763770200000 implements MigrationInterface {
  name = 'UnconfirmedSends1763770200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN sending_at timestamptz;`);
    // A message left in `sending` by an older version: its last change is when it was claimed.
    await q.query(`UPDATE messages SET sending_at = updated_at WHERE status = 'sending';`);
    await q.query(
      `CREATE INDEX messages_unconfirmed_send_idx ON messages (sending_at)
        WHERE status = 'sending' AND provider_message_id IS NULL;`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_unconfirmed_send_idx;`);
    await q.query(`ALTER TABLE messages DROP COLUMN sending_at;`);
  }
}
