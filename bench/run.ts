/**
 * `npm run bench`: every benchmark of bench/, one after the other, each printing its figures and ratios side by side
 * with its baseline. A benchmark file exports `run(): Promise<void>`; add it to the list below.
 */
import { performance } from 'node:perf_hooks';

interface BenchModule {
  run(): Promise<void>;
}

const BENCHMARKS: { name: string; load: () => Promise<BenchModule> }[] = [
  { name: 'inbox', load: () => import('./inbox.bench.js') },
  { name: 'whatsapp-ingest', load: () => import('./whatsapp-ingest.bench.js') },
  { name: 'whatsapp-drain', load: () => import('./whatsapp-drain.bench.js') },
  { name: 'tab', load: () => import('./tab.bench.js') },
  { name: 'archive', load: () => import('./archive.bench.js') },
  { name: 'dlp', load: () => import('./dlp.bench.js') },
  { name: 'archive-export', load: () => import('./archive-export.bench.js') },
  { name: 'startup', load: () => import('./startup.bench.js') },
  { name: 'scale', load: () => import('./scale/scale.bench.js') },
];

const only = process.argv.slice(2);
let failed = 0;
const started = performance.now();
for (const bench of BENCHMARKS) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  const t = performance.now();
  try {
    await (await bench.load()).run();
    console.log(`  (${bench.name}: ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed += 1;
    console.error(`\n! ${bench.name} failed:`, error);
  }
}
console.log(
  `\nAll benchmarks: ${((performance.now() - started) / 1000).toFixed(1)} s${failed ? `, ${failed} failed` : ''}`,
);
process.exit(failed ? 1 : 0);
