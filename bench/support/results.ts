import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * bench/results.json: one entry per benchmark row, the latest run of each (`name`), so that anyone can compare runs:
 * `{ name, target, ratio | value, unit, figures, at }`.
 */
export interface BenchResult {
  name: string;
  target: string;
  ratio?: number;
  value?: number;
  unit: string;
  figures: Record<string, unknown>;
}

const FILE = new URL('../results.json', import.meta.url);

export function recordResult(result: BenchResult): void {
  const entries: (BenchResult & { at: string })[] = existsSync(FILE)
    ? (JSON.parse(readFileSync(FILE, 'utf8')) as (BenchResult & { at: string })[])
    : [];
  const next = entries.filter((e) => e.name !== result.name);
  next.push({ ...result, at: new Date().toISOString() });
  writeFileSync(FILE, `${JSON.stringify(next, null, 2)}\n`);
}
