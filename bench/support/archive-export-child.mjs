/**
 * The exporting process of the archive-export benchmark, on its own so that its peak RSS is the export's alone, and
 * run from the compiled server (bot/dist), as the command line runs it: exports one tenant's archive to a zip and
 * prints one JSON line with its wall time, peak RSS and what it wrote.
 * Usage: node bench/support/archive-export-child.mjs <databaseUrl> <tenantId> <format> <from> <to> <out.zip> <workDir>
 */
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { exportArchiveToFile } from '../../bot/dist/app/compliance/run-archive-export.use-case.js';
import { FilesystemExportFiles } from '../../bot/dist/archive/export/export-files.js';
import { Database } from '../../bot/dist/db/database.js';
import { FilesystemMediaStore } from '../../bot/dist/media/index.js';

const [url, tenantId, format, from, to, out, workDir] = process.argv.slice(2);
const db = await Database.open({ url, dataDir: null, poolSize: 2 });
try {
  const rssBefore = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  const result = await exportArchiveToFile(
    {
      uow: db.uow,
      clock: { now: () => new Date() },
      exportFiles: new FilesystemExportFiles(workDir, new FilesystemMediaStore(workDir)),
    },
    { tenantId, format, from: new Date(from), to: new Date(to) },
    out,
  );
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    JSON.stringify({
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      startRssMb: rssBefore / 1024,
      zipBytes: result.zipBytes,
      records: result.manifest.records.total,
      files: result.manifest.files.length,
    }),
  );
} finally {
  await db.close();
}
