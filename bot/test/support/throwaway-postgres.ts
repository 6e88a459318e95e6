import { execFile, execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPTS = fileURLToPath(new URL('../../../scripts/ci/', import.meta.url));

/**
 * A PostgreSQL cluster of its own (scripts/ci/pg-start.sh: a temp folder, a free loopback port), for tests that
 * restart or stop the server and so cannot share the DATABASE_URL server other test files use. Needs Debian's
 * PostgreSQL server package, like CI; without it the start fails and says so.
 */
export interface ThrowawayPostgres {
  url: string;
  dir: string;
  /** `pg_ctl restart -m immediate`: every connection dies at once, as in a crash; waits until it accepts again. */
  restartImmediate(): Promise<void>;
  stop(): Promise<void>;
  /** The same, synchronously, for an exit handler. */
  stopSync(): void;
}

export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = (() => {
    try {
      return readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v));
    } catch {
      return [];
    }
  })().sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  if (!newest)
    throw new Error(
      'no PostgreSQL server found under /usr/lib/postgresql: apt-get install postgresql (or set PG_BIN)',
    );
  return `/usr/lib/postgresql/${newest}/bin`;
}

export async function startThrowawayPostgres(db = 'bridgeline'): Promise<ThrowawayPostgres> {
  const { stdout } = await run('bash', [`${SCRIPTS}pg-start.sh`, '--db', db], {
    env: { ...process.env, PG_BIN: postgresBin() },
  });
  const value = (name: string) => {
    const m = new RegExp(`^export ${name}='([^']*)'$`, 'm').exec(stdout);
    if (!m?.[1]) throw new Error(`pg-start.sh printed no ${name}: ${stdout}`);
    return m[1];
  };
  const url = value('DATABASE_URL');
  const dir = value('BRIDGELINE_PG_DIR');
  const data = `${dir}/data`;
  // PostgreSQL refuses to run as root: pg-start.sh gave the cluster to another account, so pg_ctl runs as that one.
  const asOwner = async (): Promise<string[]> => {
    if (process.getuid?.() !== 0) return [];
    const { stdout: owner } = await run('stat', ['-c', '%U', data]);
    return ['runuser', '-u', owner.trim(), '--'];
  };
  const pgCtl = async (...args: string[]) => {
    const [cmd, ...rest] = [...(await asOwner()), `${postgresBin()}/pg_ctl`, '-D', data, ...args];
    await run(cmd!, rest);
  };
  let stopped = false;
  return {
    url,
    dir,
    restartImmediate: () => pgCtl('restart', '-m', 'immediate', '-w', '-t', '60', '-l', `${dir}/server.log`),
    async stop() {
      if (stopped) return;
      stopped = true;
      await run('bash', [`${SCRIPTS}pg-stop.sh`, dir], { env: { ...process.env, PG_BIN: postgresBin() } });
    },
    stopSync() {
      if (stopped) return;
      stopped = true;
      execFileSync('bash', [`${SCRIPTS}pg-stop.sh`, dir], {
        env: { ...process.env, PG_BIN: postgresBin() },
        stdio: 'ignore',
      });
    },
  };
}
