import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.js';
import { startBridgeline, type Running } from '../../src/bootstrap.js';
import { receiveMessage } from '../../src/app/receive-message.use-case.js';
import { startThread } from '../../src/app/start-thread.use-case.js';
import { InMemoryWhatsAppGateway } from '../../src/sandbox/in-memory-whatsapp.gateway.js';
import { PHONE_NUMBER_ID } from '../support/test-app.js';
import { eventually } from '../support/eventually.js';
import { freshDatabaseUrl } from '../support/test-database.js';

/** The Playground and the bot take seconds to start on a busy machine: a longer wait, polled less often. */
const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>) =>
  eventually(what, probe, { withinMs: 20_000, everyMs: 100 });

/**
 * The whole Teams path against the Microsoft 365 Agents Playground, headless (its REST and WebSocket endpoints):
 * install → a WhatsApp message from the contact → a card in Alice's chat → a quick reply through Action.Execute →
 * the message reaches the contact → the card shows it was sent.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');

type Frame = {
  action: string;
  message?: { messageId?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
};

let running: Running;
let gateway: InMemoryWhatsAppGateway;
let playground: ChildProcess;
let pgUrl: string;
let ws: WebSocket;
let dropDatabase: () => Promise<void> = async () => undefined;
const frames: Frame[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  gateway = new InMemoryWhatsAppGateway();
  // The run's migrated database: a copy on a server, the snapshot embedded (test/support/test-database.ts).
  const db = await freshDatabaseUrl();
  dropDatabase = () => db.drop();
  const env = {
    PORT: '0',
    LOG_LEVEL: 'silent',
    AUTH_MODE: 'dev',
    ...(db.url ? { DATABASE_URL: db.url } : {}),
  };
  running = await startBridgeline(loadConfig(env), {
    gateway,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    inMemoryDatabase: true,
    embeddedSnapshot: db.snapshot,
    tabDir: null,
  });
  const port = await freePort();
  pgUrl = `http://127.0.0.1:${port}`;
  playground = spawn(
    process.execPath,
    [cli, 'start', '-e', `${running.url}/api/messages`, '-p', String(port), '--disable-telemetry'],
    {
      cwd: root,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(root, '.m365agentsplayground.yml'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await until('the Playground', async () => {
    const r = await fetch(`${pgUrl}/_debug/ping`).catch(() => null);
    return r?.ok ? true : undefined;
  });
  ws = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise((resolve) => ws.once('open', resolve));
}, 60_000);

afterAll(async () => {
  ws?.close();
  playground?.kill('SIGTERM');
  await running?.stop();
  await dropDatabase();
});

const cards = () =>
  frames.flatMap((f) =>
    (f.message?.attachments ?? []).map((a) => ({
      action: f.action,
      id: f.message?.messageId,
      card: a.content,
    })),
  );

describe('Teams end to end, in the Agents Playground', () => {
  it('delivers a WhatsApp message as a card and sends the quick reply to the contact', async () => {
    const { config } = (await (await fetch(`${pgUrl}/_internal/v1/config`)).json()) as {
      config: { personalChat: { id: string } };
    };
    const chatId = config.personalChat.id;
    await fetch(`${pgUrl}/_debug/conversation/${chatId}/installation`, { method: 'POST' });
    await until('the welcome card', () =>
      cards().some((c) => JSON.stringify(c.card).includes('Commands')) ? true : undefined,
    );

    // Alice asks Dana to opt in; Dana answers "yes" on WhatsApp.
    const [alice] = await running.db.query<{ id: string; tenant_id: string }>(
      `SELECT id, tenant_id FROM members WHERE email = 'alice@contoso.test'`,
    );
    const member = await running.ctx.uow.run((s) => s.members.byId(alice!.tenant_id, alice!.id));
    const started = await startThread(running.ctx, member!, {
      channel: 'whatsapp',
      phone: '+14155550123',
      sendOptIn: true,
    });
    expect(started.ok).toBe(true);
    const received = await receiveMessage(running.ctx, {
      channel: 'whatsapp',
      providerNumberId: PHONE_NUMBER_ID,
      from: { waId: '14155550123', profileName: 'Dana Whitfield' },
      providerMessageId: `wamid.${randomUUID()}`,
      sentAt: new Date(),
      type: 'text',
      text: 'yes',
    });
    expect(received.ok).toBe(true);

    const inbound = await until('the inbound card', () =>
      cards().find((c) => JSON.stringify(c.card).includes('"verb":"reply"')),
    );
    const send = (inbound.card.actions as { verb?: string; data?: Record<string, unknown> }[]).find(
      (a) => a.verb === 'reply',
    )!;

    const answer = await fetch(`${pgUrl}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'reply',
            data: { ...send.data, replyText: 'Of course, Dana.' },
          },
          trigger: 'manual',
        },
        from: { id: 'user-id-0' },
        conversation: { id: chatId },
        replyToId: inbound.id,
      }),
    });
    const body = JSON.stringify(await answer.json());
    expect(body).toContain('Sent: “Of course, Dana.”');

    const delivered = await until('the reply at the contact', () =>
      gateway.sent.find((m) => m.content.type === 'text' && m.content.text.includes('Of course, Dana.')),
    );
    expect(delivered.to.phoneE164).toBe('+14155550123');
  }, 90_000);
});
