import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../../../src/config.js';
import { startBridgeline, type Running } from '../../../src/bootstrap.js';
import { DEMO_AAD_TENANT_ID, DEMO_ALICE_AAD_OBJECT_ID } from '../../../src/app/dev-seed.js';
import { receiveMessage } from '../../../src/app/receive-message.use-case.js';
import { startThread } from '../../../src/app/start-thread.use-case.js';
import { InMemoryWhatsAppGateway } from '../../../src/sandbox/in-memory-whatsapp.gateway.js';
import type { MemberRecord, NotifyJobData } from '../../../src/ports/index.js';
import type { CredentialsFactory } from '../../../src/teams/bot-framework.adapter.js';
import type { TabRef } from '../../../src/teams/cards/index.js';
import { PHONE_NUMBER_ID, TestClock } from '../../support/test-app.js';
import { freshDatabaseUrl } from '../../support/test-database.js';

/** Where Teams' public cloud connector serves the Americas: a Bot Framework service host (nock answers for it). */
export const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
export const BOT_ID = 'b1d9e11e-0000-4000-8000-000000000002';
/** A Teams app id that is not the local placeholder, so a link built from the default would show. */
export const TEAMS_APP_ID = '5e0c7a1d-3b2f-4c8e-9d6a-1f2e3d4c5b6a';
/** Where cards link: the configured app's inbox tab. */
export const TAB: TabRef = { appId: TEAMS_APP_ID, entityId: 'inbox' };
export const TOKEN = 'test-bot-token';
export const AAD_TENANT = DEMO_AAD_TENANT_ID;
export const ALICE_AAD = DEMO_ALICE_AAD_OBJECT_ID;
export const BOB_AAD = 'b1d9e11e-0000-4000-8000-000000000b0b';

/** Hands out one fixed token, so tests can match the Authorization header the Bot Connector gets. */
export const fixedTokenCredentials = {
  isValidAppId: async () => true,
  isAuthenticationDisabled: async () => false,
  createCredentials: async () => ({
    signRequest: async (request: { headers: { set(name: string, value: string): void } }) => {
      request.headers.set('authorization', `Bearer ${TOKEN}`);
      return request;
    },
  }),
} as unknown as CredentialsFactory;

export interface TeamsTestApp {
  running: Running;
  clock: TestClock;
  gateway: InMemoryWhatsAppGateway;
  url: string;
  waits: number[];
  member(email: string): Promise<MemberRecord>;
  /** The notify jobs queued so far (the app runs as ROLE=web: no worker takes them), oldest first; then forgotten. */
  takeNotifyJobs(): Promise<NotifyJobData[]>;
  /** Stores a member's chat with the bot, as an installation would. */
  install(email: string, conversationId?: string): Promise<string>;
  /** Alice starts a WhatsApp conversation with `phone` (the opt-in request sent); its thread id. */
  aliceStartsThread(phone: string): Promise<string>;
  /** The contact at `phone` writes `text` on WhatsApp, as profile "Dana", now on the app's clock. */
  contactWrites(phone: string, text: string): Promise<void>;
  sql<T>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * The app as `web` (no job workers, so tests run each notify job themselves, in order), a fake clock that the
 * notifier's waits advance, the Bot Framework authenticated with a fixed token, and Bob given an Entra id too.
 */
export async function startTeamsTestApp(options: { auth?: boolean } = {}): Promise<TeamsTestApp> {
  const db = await freshDatabaseUrl();
  const clock = new TestClock();
  const gateway = new InMemoryWhatsAppGateway();
  const waits: number[] = [];
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    ROLE: 'web',
    TEAMS_APP_ID,
    ...(options.auth === false ? {} : { BOT_ID, BOT_PASSWORD: 'not-used', BOT_TENANT_ID: AAD_TENANT }),
    ...(db.url ? { DATABASE_URL: db.url } : {}),
  });
  const running = await startBridgeline(config, {
    clock,
    gateway,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    inMemoryDatabase: true,
    embeddedSnapshot: db.snapshot,
    tabDir: null,
    teams: {
      ...(options.auth === false ? {} : { credentialsFactory: fixedTokenCredentials }),
      sleep: async (ms) => {
        waits.push(ms);
        clock.advance(ms);
      },
      random: () => 0.5,
    },
  });
  const sql = <T>(text: string, params: unknown[] = []) => running.db.query<T>(text, params);
  await sql(`UPDATE members SET aad_object_id = $1 WHERE email = 'bob@contoso.test'`, [BOB_AAD]);
  const app: TeamsTestApp = {
    running,
    clock,
    gateway,
    url: running.url,
    waits,
    sql,
    async member(email) {
      const [row] = await sql<{ id: string; tenant_id: string }>(
        'SELECT id, tenant_id FROM members WHERE email = $1',
        [email],
      );
      const m = await running.ctx.uow.run((s) => s.members.byId(row!.tenant_id, row!.id));
      return m!;
    },
    async takeNotifyJobs() {
      const rows = await sql<{ id: string; data: NotifyJobData }>(
        `SELECT id, data FROM pgboss.job WHERE name = 'notify' AND state = 'created' ORDER BY created_on, id`,
      );
      if (rows.length > 0) {
        await sql(`DELETE FROM pgboss.job WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      }
      return rows.map((r) => r.data);
    },
    async install(email, conversationId = `a:${randomUUID()}`) {
      const m = await app.member(email);
      const teamsUserId = `29:${m.id}`;
      await running.ctx.uow.run((s) =>
        s.teams.saveConversation({
          tenantId: m.tenantId,
          memberId: m.id,
          aadTenantId: AAD_TENANT,
          conversationId,
          serviceUrl: SERVICE_URL,
          teamsUserId,
          reference: {
            activityId: 'install-1',
            bot: { id: `28:${BOT_ID}`, name: 'Bridgeline' },
            channelId: 'msteams',
            conversation: { id: conversationId, conversationType: 'personal', tenantId: AAD_TENANT },
            serviceUrl: SERVICE_URL,
            user: { id: teamsUserId, aadObjectId: m.aadObjectId ?? undefined },
          },
        }),
      );
      return conversationId;
    },
    async aliceStartsThread(phone) {
      const alice = await app.member('alice@contoso.test');
      const started = await startThread(running.ctx, alice, { channel: 'whatsapp', phone, sendOptIn: true });
      if (!started.ok) throw new Error(started.code);
      return started.value.id;
    },
    async contactWrites(phone, text) {
      const received = await receiveMessage(running.ctx, {
        channel: 'whatsapp',
        providerNumberId: PHONE_NUMBER_ID,
        from: { waId: phone.slice(1), profileName: 'Dana' },
        providerMessageId: `wamid.${randomUUID()}`,
        sentAt: clock.now(),
        type: 'text',
        text,
      });
      if (!received.ok) throw new Error(received.code);
    },
    async stop() {
      await running.stop();
      await db.drop();
    },
  };
  return app;
}

/** A Teams personal-chat activity from a member, as Teams sends it to /api/messages. */
export function teamsActivity(
  over: Record<string, unknown> & { conversationId: string; aadObjectId?: string; fromId?: string },
): Record<string, unknown> {
  const { conversationId, aadObjectId, fromId, ...rest } = over;
  return {
    id: `act-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    timestamp: '2026-03-02T09:00:00.000Z',
    from: { id: fromId ?? '29:user-1', aadObjectId: aadObjectId ?? ALICE_AAD, name: 'Alice Johnson' },
    recipient: { id: `28:${BOT_ID}`, name: 'Bridgeline' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: AAD_TENANT },
    channelData: { tenant: { id: AAD_TENANT } },
    locale: 'en-US',
    ...rest,
  };
}
