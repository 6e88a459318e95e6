import './load-restify-quietly.js';
import { ConfigError, loadConfig } from './config.js';
import { startBridgeline } from './bootstrap.js';
import { startupBanner } from './startup-banner.js';

/** `npm start`: one process with everything (ROLE=all), or the web or worker half. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Bridgeline cannot start: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const running = await startBridgeline(config);
  process.stdout.write(startupBanner(config, running.url));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'shutting down');
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('unhandledRejection', (err) => running.log.error({ err }, 'unhandled rejection'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Bridgeline failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
