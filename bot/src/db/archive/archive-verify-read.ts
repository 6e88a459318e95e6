import type { StoredRecord } from '../../domain/archive/index.js';
import type { Sql } from '../sql.js';

/**
 * How verify reads the chain (docs/archive.md, "How the chain works"): exactly what was hashed, as stored. `sealed` is
 * the text the record's hash covers and `content` the words its `contentSha256` covers; `payload`, what exports and
 * auditors read, is derived from those two by the database (a generated column, migration 1763770450000), so it
 * cannot say anything else and needs no comparing, which is what lets verify read 100,000 records a second.
 *
 * That holds only while the column is still generated that way: someone with the table owner's rights can drop the
 * expression and then write `payload`. So every batch first asks the catalog, and if `payload` is not the derived
 * column any more (or a thorough check is asked for) the database compares each row's payload with its sealed text
 * and content as it reads it, naming the first record that differs.
 */
export const DERIVED_PAYLOAD = `jsonb_set((sealed)::jsonb, '{content}'::text[], COALESCE((content)::jsonb, 'null'::jsonb))`;

// The record's own fields are read from payload, which says what sealed says (derived from it, or compared with it);
// the database checks the row's columns against them, so editing seq, tenant_id, type or at is caught too.
const VERIFY_COLUMNS = `seq, prev_hash, hash, sealed, content, payload->>'contentSha256' AS content_sha256,
  COALESCE(seq = (payload->>'seq')::bigint AND tenant_id::text = payload->>'tenantId' AND type = payload->>'type'
           AND at = (payload->>'at')::timestamptz, false) AS columns_match`;
const VERIFY_WHERE = `FROM archive_records WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`;
export const VERIFY_FAST = `SELECT ${VERIFY_COLUMNS}, NULL::boolean AS matches ${VERIFY_WHERE}`;
export const VERIFY_COMPARING = `SELECT ${VERIFY_COLUMNS},
  payload IS NOT DISTINCT FROM jsonb_set(sealed::jsonb, '{content}', COALESCE(content::jsonb, 'null'::jsonb)) AS matches
  ${VERIFY_WHERE}`;

export type VerifyRow = {
  seq: string;
  prev_hash: string;
  hash: string;
  sealed: string;
  content: string | null;
  content_sha256: string | null;
  columns_match: boolean;
  matches: boolean | null;
};

/** Whether `archive_records.payload` is still the column the database derives from `sealed` and `content`. */
export async function payloadIsDerived(sql: Sql): Promise<boolean> {
  const row = await sql.one<{ generated: string; expression: string | null }>(
    `SELECT a.attgenerated AS generated, pg_get_expr(d.adbin, d.adrelid) AS expression
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = 'archive_records'::regclass AND a.attname = 'payload' AND NOT a.attisdropped`,
  );
  return row?.generated === 's' && row.expression === DERIVED_PAYLOAD;
}

/**
 * One row as the verifier takes it: the sealed text (which the hash covers) with the words as stored text (hashed as
 * they are when canonical, as every record written since migration 1763770450000 is), and the database's answers to
 * whether payload still says what they say and whether the row's columns say what the record says.
 */
export function verifyRecordOf(tenantId: string): (r: VerifyRow) => StoredRecord {
  return (r) => {
    const seq = Number(r.seq);
    return {
      seq,
      prevHash: r.prev_hash,
      hash: r.hash,
      payload: { tenantId, seq, type: '', at: '', content: null, contentSha256: r.content_sha256 },
      sealed: r.sealed,
      contentText: r.content,
      payloadMatchesSealed: r.matches ?? true,
      columnsMatch: r.columns_match,
    };
  };
}
