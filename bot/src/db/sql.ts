import { createHash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';

/** A thin, typed face over one TypeORM query runner (one connection, usually inside a transaction). */
export interface Sql {
  rows<T>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * A hot read as a named prepared statement, planned once per connection. Falls back to a plain query on the embedded
   * database, whose single session is shared by every connection (names would collide).
   */
  prepared<T>(text: string, params: unknown[]): Promise<T[]>;
  one<T>(text: string, params?: unknown[]): Promise<T | null>;
  /** Runs a statement and answers the number of rows it changed. */
  exec(text: string, params?: unknown[]): Promise<number>;
}

/** The name of a statement prepared once per connection: the same text always gets the same name. */
export const preparedName = (text: string): string =>
  `bl_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;

type PgClient = {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
};

export function sqlOf(runner: QueryRunner, options: { prepare: boolean } = { prepare: false }): Sql {
  const run = async (text: string, params: unknown[] = []) => runner.query(text, params, true);
  return {
    async prepared<T>(text: string, params: unknown[]) {
      const client = (runner as unknown as { databaseConnection?: PgClient }).databaseConnection;
      if (!options.prepare || !client) return (await run(text, params)).records as T[];
      return (await client.query({ name: preparedName(text), text, values: params })).rows as T[];
    },
    async rows<T>(text: string, params?: unknown[]) {
      return (await run(text, params)).records as T[];
    },
    async one<T>(text: string, params?: unknown[]) {
      const rows = (await run(text, params)).records as T[];
      return rows[0] ?? null;
    },
    async exec(text: string, params?: unknown[]) {
      const r = await run(text, params);
      return r.affected ?? (r.records as unknown[]).length;
    },
  };
}

/** PostgreSQL error codes the repositories turn into answers instead of failures. */
export const PG = {
  uniqueViolation: '23505',
  checkViolation: '23514',
  foreignKeyViolation: '23503',
} as const;

export function pgCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e.driverError?.code ?? e.code;
  return typeof code === 'string' ? code : undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  const e = error as { constraint?: unknown; driverError?: { constraint?: unknown } };
  const c = e.driverError?.constraint ?? e.constraint;
  return typeof c === 'string' ? c : undefined;
}
