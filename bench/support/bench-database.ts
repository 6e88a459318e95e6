import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Runs `work` against a fresh database on a real PostgreSQL server: DATABASE_URL's server when set, otherwise a
 * throwaway cluster started with scripts/ci/pg-start.sh and stopped afterwards.
 */
export async function withBenchDatabase(work: (url: string) => Promise<void>): Promise<void> {
  let base = process.env.DATABASE_URL;
  let stopCluster: (() => void) | null = null;
  if (!base) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bl-bench-'));
    const envFile = path.join(dir, 'pg.env');
    execFileSync('bash', ['scripts/ci/pg-start.sh', '--db', 'bench', '--env-file', envFile], {
      stdio: 'ignore',
    });
    const env = Object.fromEntries(
      readFileSync(envFile, 'utf8')
        .split('\n')
        .map((l) => /^(?:export\s+)?(\w+)=['"]?(.*?)['"]?$/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[2]]),
    );
    base = env.DATABASE_URL;
    stopCluster = () => {
      execFileSync('bash', ['scripts/ci/pg-stop.sh'], { stdio: 'ignore', env: { ...process.env, ...env } });
      rmSync(dir, { recursive: true, force: true });
    };
  }
  if (!base) throw new Error('no PostgreSQL server for the benchmark');
  const name = `bl_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    await work(url.toString());
  } finally {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
    stopCluster?.();
  }
}
