/**
 * `npm run bench`: every benchmark module, one after another. Each exports `run(): Promise<void>` and prints its
 * figures and ratios; add a new one to the list.
 */
import * as inbox from './inbox.bench.js';
import * as tab from './tab.bench.js';

const benches: { run(): Promise<void> }[] = [inbox, tab];

for (const bench of benches) await bench.run();
