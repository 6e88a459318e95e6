#!/usr/bin/env node
// `npm run dev`: the server in sandbox mode (dev sign-in, the WhatsApp simulator, the embedded database) and the
// Microsoft 365 Agents Playground pointed at its /api/messages, offline with telemetry off. The Playground's user is
// Alice, a seeded member (.m365agentsplayground.yml), so her cards arrive as soon as the bot is installed there.
import { spawn } from 'node:child_process';
import console from 'node:console';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '3978';
const playgroundPort = process.env.PLAYGROUND_PORT ?? '56150';
const require = createRequire(import.meta.url);
const playgroundCli = join(
  dirname(require.resolve('@microsoft/m365agentsplayground/package.json')),
  'cli.js',
);

// Sandbox and local use: no WhatsApp token, and no bot registration, so the bot accepts the Playground's
// unauthenticated activities (authentication is off only when BOT_ID is unset).
/** @type {NodeJS.ProcessEnv} */
const serverEnv = { ...process.env, PORT: port, AUTH_MODE: 'dev' };
delete serverEnv.BOT_ID;
delete serverEnv.BOT_PASSWORD;
delete serverEnv.WHATSAPP_ACCESS_TOKEN;

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
/**
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function start(name, command, args, env) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    console.log(`[dev] ${name} exited (${signal ?? code})`);
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
/** @param {number} code */
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

// `npm run dev` has just built everything (as `npm start` does), so the server runs from bot/dist.
start('server', process.execPath, ['bot/dist/main.js'], serverEnv);
start(
  'playground',
  process.execPath,
  [
    playgroundCli,
    'start',
    '-e',
    `http://127.0.0.1:${port}/api/messages`,
    '-p',
    playgroundPort,
    '--disable-telemetry',
  ],
  {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(root, '.m365agentsplayground.yml'),
  },
);
console.log(
  `[dev] Bridgeline: http://localhost:${port} (contact's phone: http://localhost:${port}/sandbox) · ` +
    `Agents Playground: http://localhost:${playgroundPort}`,
);
