import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import restify, { type Server } from 'restify';
import type { TeamsContext } from './teams.store.js';
import type { Config } from '../config.js';
import type { AdminAlertJobData, NotifyJobData } from '../ports/index.js';
import { notifyAdmins } from './admin-notifier.js';
import { createBotAdapter, type CredentialsFactory } from './bot-framework.adapter.js';
import { BridgelineBot } from './bridgeline.bot.js';
import { CardActionHandler } from './card-action.handler.js';
import type { TabRef } from './cards/index.js';
import { ConversationSender } from './conversation-sender.js';
import { teamsSendLimits, type TeamsSendLimits } from './limits/index.js';
import { TeamsNotifier } from './teams.notifier.js';

export interface TeamsModule {
  adapter: CloudAdapter;
  notifier: TeamsNotifier;
  sender: ConversationSender;
  /** `POST /api/messages`: everything Teams (or the Agents Playground) sends the bot. */
  routes: (server: Server) => void;
  /** The `notify` job's handler. */
  notify: (job: NotifyJobData) => Promise<void>;
  /** The `welcome-member` job's handler: the first-run card. */
  welcome: (job: { tenantId: string; memberId: string }) => Promise<void>;
  /** The `notify-admins` job's handler: a card about the WhatsApp account's health to every admin. */
  notifyAdmins: (job: AdminAlertJobData) => Promise<void>;
}

export interface TeamsModuleOptions {
  config: Config;
  ctx: TeamsContext;
  log: Logger;
  tab?: TabRef;
  credentialsFactory?: CredentialsFactory;
  limits?: TeamsSendLimits;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The personal tab that cards link into: `staticTabs[0].entityId` in appPackage/manifest.json. */
export const INBOX_ENTITY_ID = 'inbox';

/** Where cards' "Open in tab" links point: the configured Teams app (`TEAMS_APP_ID`), its inbox tab. */
export function tabOf(config: Pick<Config, 'teamsAppId'>): TabRef {
  return { appId: config.teamsAppId, entityId: INBOX_ENTITY_ID };
}
const MAX_ACTIVITY_BYTES = 512 * 1024;

/** The Teams side of the composition root: the Bot Framework endpoint, card actions and the proactive notifier. */
export function createTeamsModule(options: TeamsModuleOptions): TeamsModule {
  const { config, ctx, log } = options;
  const env = config.env;
  const tab = options.tab ?? tabOf(config);
  const adapter = createBotAdapter(
    {
      botId: env.BOT_ID,
      botPassword: env.BOT_PASSWORD,
      botTenantId: env.BOT_TENANT_ID,
      botType: env.BOT_TYPE,
    },
    log,
    options.credentialsFactory,
  );
  // Replies and notices go to an activity's serviceUrl: a Bot Framework service, or loopback for the Agents Playground
  // (it posts from http://localhost) when the bot runs unauthenticated, which production refuses (config.ts).
  const serviceUrls = { allowLoopback: !config.production && !env.BOT_ID };
  const bot = new BridgelineBot(ctx, new CardActionHandler(ctx, tab), tab, log, serviceUrls);
  const sender = new ConversationSender({
    adapter,
    botId: env.BOT_ID ?? '',
    uow: ctx.uow,
    clock: ctx.clock,
    log,
    limits: options.limits ?? teamsSendLimits(),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    serviceUrls,
  });
  const notifier = new TeamsNotifier(ctx, sender, tab, log);
  if (!env.BOT_ID)
    log.warn('BOT_ID is not set: the bot endpoint accepts unauthenticated requests (local use only)');
  return {
    adapter,
    notifier,
    sender,
    notify: (job) => notifier.handle(job),
    welcome: (job) => notifier.welcome(job),
    notifyAdmins: async (job) => void (await notifyAdmins({ ctx, sender, tab, log }, job)),
    routes: (server) => {
      server.post(
        '/api/messages',
        restify.plugins.bodyParser({ maxBodySize: MAX_ACTIVITY_BYTES, mapParams: false }),
        async (req: restify.Request, res: restify.Response) => {
          // Not an activity at all (the SDK would throw): a 400, not a 500.
          const activity: unknown = req.body;
          if (
            typeof activity !== 'object' ||
            activity === null ||
            typeof (activity as { type?: unknown }).type !== 'string'
          ) {
            res.send(400);
            return;
          }
          try {
            await adapter.process(req, res, (turn) => bot.run(turn));
          } catch (error) {
            log.error({ err: error }, 'bot endpoint failed');
            if (!res.headersSent) res.send(500);
          }
        },
      );
    },
  };
}
