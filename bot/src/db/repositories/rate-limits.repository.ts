import { fullBucket, takeToken } from '../../domain/rate-limit.js';
import type { RateLimitsPort } from '../../whatsapp/graph/rate-limits.port.js';
import type { Sql } from '../sql.js';

/**
 * Token buckets in PostgreSQL, one row per key: the row lock makes the limit hold across every worker process.
 * The arithmetic is the domain's (domain/rate-limit.ts); the time is the caller's clock.
 */
export function rateLimitsRepository(sql: Sql): RateLimitsPort {
  return {
    async take(tenantId, key, rule, now) {
      // The row exists but for a key's first token: lock it first, create it only when missing.
      const lock = () =>
        sql.prepared<{ tokens: number; updated_at: Date }>(
          `SELECT tokens, updated_at FROM rate_limit_buckets WHERE tenant_id = $1 AND key = $2 FOR UPDATE`,
          [tenantId, key],
        );
      const start = fullBucket(rule, now);
      let [row] = await lock();
      if (!row) {
        await sql.exec(
          `INSERT INTO rate_limit_buckets (tenant_id, key, tokens, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [tenantId, key, start.tokens, start.updatedAt],
        );
        [row] = await lock();
      }
      const bucket = row ? { tokens: Number(row.tokens), updatedAt: row.updated_at } : start;
      const { decision, next } = takeToken(bucket, rule, now);
      await sql.prepared(
        `UPDATE rate_limit_buckets SET tokens = $3, updated_at = $4 WHERE tenant_id = $1 AND key = $2`,
        [tenantId, key, next.tokens, next.updatedAt],
      );
      return decision;
    },
  };
}
