import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbox search over message text (issue 16): a full-text index of what members and contacts wrote, with the `simple`
 * configuration (no language stemming: the conversations are in any language, and names and codes must match as
 * typed). Notices are left out; the query in `threads.repository.ts` uses the same expression so the index serves it.
 */
export class MessageSearch1763770800000 implements MigrationInterface {
  name = 'MessageSearch1763770800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE INDEX messages_text_search_idx ON messages USING gin (to_tsvector('simple', text))
  WHERE direction <> 'notice' AND text IS NOT NULL;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS messages_text_search_idx;`);
  }
}
