import './load-restify-quietly.js';
import { runArchiveCli } from './archive-cli.js';
import { ConfigError } from './config.js';

/** `npm run archive -- …` (archive-cli.ts). A wrong setting is one line and exit 78, like the server's. */
runArchiveCli(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`archive: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  });
