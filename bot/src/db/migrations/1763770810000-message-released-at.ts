import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a held message was let go (issue 16): the thread shows it where it happened for the contact, after the opt-in
 * confirmation or the resume that released it, not where it was written. Null for a message that was never held.
 */
export class MessageReleasedAt1763770810000 implements MigrationInterface {
  name = 'MessageReleasedAt1763770810000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN released_at timestamptz;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP COLUMN released_at;`);
  }
}
