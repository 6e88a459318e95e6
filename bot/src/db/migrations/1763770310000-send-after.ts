import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A held message's place in its pair's send queue when it must leave after a later one: the opt-in confirmation goes
 * out before the messages held until the contact's answer (product.md §7b). `send_after_seq` is the confirmation's
 * `seq`; the claim orders by it, then by `seq`. NULL for every other message: their own `seq` is their place.
 */
export class SendAfter1763770310000 implements MigrationInterface {
  name = 'SendAfter1763770310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN send_after_seq bigint;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP COLUMN send_after_seq;`);
  }
}
