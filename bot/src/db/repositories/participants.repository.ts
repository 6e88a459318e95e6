import { StoreRefusal, type ParticipationRecord, type Store } from '../../ports/index.js';
import { PG, pgCode, pgConstraint, type Sql } from '../sql.js';

/** The trigger of the initial schema that keeps a thread at 10 active members at most (its CONSTRAINT name). */
const THREAD_MEMBERS_MAX = 'thread_members_max_10';

type ParticipationRow = {
  id: string;
  thread_id: string;
  member_id: string;
  display_name: string;
  joined_at: Date;
  history_from: Date;
  left_at: Date | null;
  last_read_seq: string;
  unread_count: number;
};
const participation = (r: ParticipationRow): ParticipationRecord => ({
  id: r.id,
  threadId: r.thread_id,
  memberId: r.member_id,
  displayName: r.display_name,
  joinedAt: r.joined_at,
  historyFrom: r.history_from,
  leftAt: r.left_at,
  lastReadSeq: Number(r.last_read_seq),
  unreadCount: Number(r.unread_count),
});
const P_COLS =
  'p.id, p.thread_id, p.member_id, m.display_name, p.joined_at, p.history_from, p.left_at, p.last_read_seq, p.unread_count';

export function participantsRepository(sql: Sql): Store['participants'] {
  return {
    async active(threadId) {
      const rows = await sql.rows<ParticipationRow>(
        `SELECT ${P_COLS} FROM thread_members p JOIN members m ON m.id = p.member_id
          WHERE p.thread_id = $1 AND p.left_at IS NULL ORDER BY p.joined_at, p.id`,
        [threadId],
      );
      return rows.map(participation);
    },
    async ofMember(threadId, memberId) {
      const rows = await sql.rows<ParticipationRow>(
        `SELECT ${P_COLS} FROM thread_members p JOIN members m ON m.id = p.member_id
          WHERE p.thread_id = $1 AND p.member_id = $2 ORDER BY p.joined_at, p.id`,
        [threadId, memberId],
      );
      return rows.map(participation);
    },
    async join(i) {
      try {
        await sql.exec(
          `INSERT INTO thread_members (tenant_id, thread_id, member_id, joined_at, history_from, last_activity_at)
           SELECT $1, $2, $3, $4, $5, t.last_activity_at FROM threads t WHERE t.tenant_id = $1 AND t.id = $2`,
          [i.tenantId, i.threadId, i.memberId, i.joinedAt, i.historyFrom],
        );
      } catch (error) {
        // The 10-member trigger (initial schema): the same refusal the domain gives, never a 500.
        if (pgCode(error) === PG.checkViolation && pgConstraint(error) === THREAD_MEMBERS_MAX)
          throw new StoreRefusal('thread_full');
        throw error;
      }
    },
    async leave(threadId, memberId, at) {
      const n = await sql.exec(
        `UPDATE thread_members SET left_at = GREATEST($3, joined_at) WHERE thread_id = $1 AND member_id = $2 AND left_at IS NULL`,
        [threadId, memberId, at],
      );
      return n === 1;
    },
    async markRead(threadId, memberId, upToSeq) {
      await sql.exec(
        `UPDATE thread_members p SET last_read_seq = GREATEST(p.last_read_seq, $3),
            unread_count = (SELECT count(*) FROM messages m
                             WHERE m.thread_id = p.thread_id AND m.direction = 'in' AND m.created_at >= p.joined_at
                               AND m.seq > GREATEST(p.last_read_seq, $3))
          WHERE p.thread_id = $1 AND p.member_id = $2 AND p.left_at IS NULL`,
        [threadId, memberId, upToSeq],
      );
    },
    async leftAt(threadId, at) {
      const rows = await sql.rows<{ member_id: string }>(
        'SELECT member_id FROM thread_members WHERE thread_id = $1 AND left_at = $2',
        [threadId, at],
      );
      return rows.map((r) => r.member_id);
    },
  };
}
