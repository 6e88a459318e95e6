import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a read receipt for an inbound message was queued for Meta: at most one per message. */
export class ReadReceipts1763770000000 implements MigrationInterface {
  name = 'ReadReceipts1763770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN read_receipt_at timestamptz;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP COLUMN read_receipt_at;`);
  }
}
