import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** A free loopback port, picked by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * One Bridgeline process of the built server (bot/dist/main.js) in sandbox mode, on a fixed loopback port so it comes
 * back at the same address after a SIGKILL. Its output goes to a log file, appended across restarts.
 */
export class BridgelineProcess {
  private child: ChildProcess | null = null;
  starts = 0;
  kills = 0;

  constructor(
    readonly role: 'web' | 'worker',
    readonly port: number,
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    log.write(`\n──── start ${this.starts + 1} of ${this.role} at ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ...this.env,
        ROLE: this.role,
        PORT: String(this.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    this.child = child;
    this.starts += 1;
  }

  /** Whether it is up, as its platform's health check sees it (`/readyz`). */
  async ready(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  async waitReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.child) throw new Error(`${this.role} exited before it was ready; see ${this.logFile}`);
      if (await this.ready()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${this.role} was not ready within ${timeoutMs / 1000} s; see ${this.logFile}`);
  }

  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut. Waits until the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await gone;
    this.kills += 1;
  }

  /** Stops it for good at the end (SIGTERM, then SIGKILL after a grace period). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }

  /** For the exit trap: a synchronous last resort. */
  killNow(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
