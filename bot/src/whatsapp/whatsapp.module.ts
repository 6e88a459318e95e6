import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { IMAGE_MIME_TYPES, MAX_IMAGE_BYTES } from '@bridgeline/shared';
import type { Config } from '../config.js';
import type { WhatsAppContext } from './webhook/webhook-inbox.port.js';
import { downloadInboundMedia, loadOutboundMedia, type InboundMediaFetch } from '../app/media.use-case.js';
import { sendReadReceipt } from '../app/read-receipt.use-case.js';
import { syncTemplateCatalogue, type CatalogueEntry } from '../app/templates.use-case.js';
import { numberRule } from '../domain/rate-limit.js';
import type { Authenticator } from '../http/index.js';
import type { JobQueue } from '../jobs/index.js';
import type {
  BusinessProfilesPort,
  MediaStore,
  ReadReceiptJobData,
  WhatsAppGateway,
} from '../ports/index.js';
import { FilesystemMediaStore, registerMediaRoutes } from '../media/index.js';
import { GraphApiClient, type MessageTemplate } from './graph/graph-api.client.js';
import { GraphClientError } from './graph/graph-errors.js';
import { GraphWhatsAppGateway, type GraphWhatsAppGatewayOptions } from './graph/graph-whatsapp.gateway.js';
import { graphProfiles } from './graph/graph-profiles.adapter.js';
import { RateLimitedGateway } from './graph/rate-limited.gateway.js';
import { webhookSecrets } from './webhook/sandbox-credentials.js';
import { acceptWebhook, RecentBodies, type InboxWriter } from './webhook/webhook-inbox.js';
import { InboxDrainer } from './webhook/webhook-inbox.drainer.js';
import { registerWebhookRoutes } from './webhook/webhook.routes.js';

export interface WhatsAppModule {
  gateway: WhatsAppGateway;
  media: MediaStore;
  routes: (server: Server) => void;
  listening: (baseUrl: string) => void;
  /** The routes that need a signed-in member (media) use this authenticator; set before the server starts. */
  useAuth: (auth: Authenticator) => void;
  /**
   * Worker role: the webhook inbox, image downloads, read receipts (through `gateway`, the one deliveries use) and
   * the template catalogue sync (hourly, and once at start).
   */
  workers: (jobs: JobQueue, gateway?: WhatsAppGateway) => Promise<void>;
  stop: () => Promise<void>;
  /** The numbers' WhatsApp business profiles at Meta (or the sandbox's), for the admin area. */
  profiles: BusinessProfilesPort;
  /** Lanes of the webhook inbox that gained items (the SMS events edge shares the inbox): applied at once by a worker. */
  nudgeInbox: (lanes: number[]) => void;
}

/** Reads an outbound image by our media id, so the gateway can upload it before sending. */
export type LoadOutboundMedia = NonNullable<GraphWhatsAppGatewayOptions['loadMedia']>;

/**
 * Where the module's Graph API calls go: Meta's Cloud API (`metaGraphEndpoint`) or the sandbox's simulated one. The
 * composition root picks.
 */
export interface GraphEndpoint {
  /** Sends and read receipts; the module puts its rate limits in front. */
  gateway: WhatsAppGateway;
  /** Media downloads and the template list; null while unreachable (the sandbox: until the server listens). */
  client(): GraphApiClient | null;
  /**
   * Only an endpoint that becomes reachable later (the sandbox) has this: the module syncs the template catalogue when
   * it fires. Meta's is reachable at once, and its catalogue is synced when the worker starts.
   */
  onReachable?(listener: () => void): void;
  /** Routes the endpoint serves itself (the sandbox's), registered after the module's own. */
  routes?(server: Server): void;
  /** The server listens, at this base URL. */
  listening?(baseUrl: string): void;
}

/** Meta's Cloud API through the Graph client (WHATSAPP_ACCESS_TOKEN set). */
export function metaGraphEndpoint(deps: {
  config: Config;
  log: Logger;
  loadMedia: LoadOutboundMedia;
}): GraphEndpoint {
  const { config, log, loadMedia } = deps;
  const client = new GraphApiClient({
    baseUrl: config.env.WHATSAPP_GRAPH_BASE_URL,
    apiVersion: config.env.WHATSAPP_API_VERSION,
    accessToken: config.env.WHATSAPP_ACCESS_TOKEN!,
  });
  return { gateway: new GraphWhatsAppGateway({ client, loadMedia, logger: log }), client: () => client };
}

/** Hourly, at a minute of its own so several deployments do not hit Meta together. */
const TEMPLATE_SYNC_CRON = '17 * * * *';

/**
 * The WhatsApp side of the composition root: the Graph endpoint it is given (Meta's, or the sandbox's), the signed
 * webhook, media, templates, send rate limits.
 */
export function createWhatsAppModule(deps: {
  config: Config;
  ctx: WhatsAppContext;
  log: Logger;
  /** The webhook's one statement in autocommit, from the composition root (no transaction round trips). */
  inboxWriter?: InboxWriter;
  /** The Graph endpoint, given the module's reader of outbound images: `metaGraphEndpoint`, or the sandbox. */
  graph: (loadMedia: LoadOutboundMedia) => GraphEndpoint;
}): WhatsAppModule {
  const { config, ctx, log } = deps;
  const media = new FilesystemMediaStore(join(config.dataDir, 'media'));
  const loadMedia = (mediaId: string) => loadOutboundMedia(ctx, media, mediaId);
  const graph = deps.graph(loadMedia);
  const gateway = new RateLimitedGateway(graph.gateway, ctx.uow, {
    number: numberRule(config.env.WHATSAPP_RATE_PER_SECOND),
    contact: {
      perSecond: 1 / config.env.WHATSAPP_CONTACT_INTERVAL_SECONDS,
      burst: config.env.WHATSAPP_CONTACT_BURST,
    },
  });
  let auth: Authenticator | null = null;
  let drainer: InboxDrainer | null = null;
  const recent = new RecentBodies();
  const syncNow = () =>
    ctx.uow
      .run((store) =>
        store.jobs.send({
          name: 'sync-templates',
          data: { wabaId: config.whatsapp.wabaId },
          singletonKey: config.whatsapp.wabaId,
        }),
      )
      .catch((err: unknown) => log.warn({ err }, 'could not queue the template sync'));

  const fetchMedia = async (
    providerMediaId: string,
    phoneNumberId: string | null,
  ): Promise<InboundMediaFetch> => {
    const client = graph.client();
    if (!client) throw new Error('the WhatsApp client is not ready yet');
    try {
      const d = await client.downloadMediaById(providerMediaId, {
        maxBytes: MAX_IMAGE_BYTES,
        allowedMimeTypes: IMAGE_MIME_TYPES,
        ...(phoneNumberId ? { phoneNumberId } : {}),
      });
      return { ok: true, bytes: d.bytes, mimeType: d.mimeType };
    } catch (error) {
      // Refusals and permanent errors are final; throttling, 5xx and timeouts are retried by the job queue.
      if (error instanceof GraphClientError && error.decision.kind !== 'retry')
        return { ok: false, reason: error.message };
      throw error;
    }
  };

  // An endpoint reachable only later (the sandbox, once the server listens) has its catalogue synced then.
  graph.onReachable?.(() => void syncNow());
  const listening = (baseUrl: string) => graph.listening?.(baseUrl);

  return {
    gateway,
    media,
    profiles: graphProfiles(() => graph.client()),
    listening,
    useAuth: (a) => {
      auth = a;
    },
    routes: (server) => {
      registerWebhookRoutes(server, {
        log,
        ...webhookSecrets(config.env),
        maxBytes: config.env.WHATSAPP_WEBHOOK_MAX_BYTES,
        ingest: async (batch, raw) => {
          const lanes = await acceptWebhook({ ctx, log, writer: deps.inboxWriter, recent }, batch, raw);
          // This process applies them at once when it is a worker; otherwise a worker's poll picks them up.
          drainer?.nudge(lanes);
        },
      });
      if (auth) registerMediaRoutes(server, { ctx, auth, log, media });
      else log.warn('media routes not registered: no authenticator');
      graph.routes?.(server);
      server.server.once('listening', () => {
        const address = server.server.address() as AddressInfo | null;
        if (address && typeof address === 'object') listening(`http://127.0.0.1:${address.port}`);
      });
    },
    stop: async () => {
      await drainer?.stop();
    },
    nudgeInbox: (lanes) => drainer?.nudge(lanes),
    workers: async (jobs, receipts = gateway) => {
      drainer = new InboxDrainer(ctx, log);
      drainer.start();
      await jobs.work<{ tenantId: string; mediaId: string }>(
        'download-media',
        async (job) => {
          const result = await downloadInboundMedia(ctx, media, fetchMedia, job);
          log.info({ mediaId: job.mediaId, result }, 'inbound image download');
        },
        { concurrency: 2 },
      );
      await jobs.work<ReadReceiptJobData>('mark-read', async (job) => {
        try {
          const result = await sendReadReceipt(ctx, receipts, job);
          if (!result.ok) log.info({ messageId: job.messageId, result }, 'read receipt not sent');
        } catch (error) {
          log.info({ err: error, messageId: job.messageId }, 'read receipt failed; retrying later');
          throw error;
        }
      });
      await jobs.work<{ wabaId: string }>('sync-templates', async (job) => {
        const client = graph.client();
        if (!client) throw new Error('the WhatsApp client is not ready yet');
        const listed = await client.listTemplates(job.wabaId);
        const result = await syncTemplateCatalogue(ctx, job.wabaId, listed.map(catalogueEntry));
        log.info({ wabaId: job.wabaId, ...result }, 'template catalogue synced');
      });
      await jobs.schedule('sync-templates', TEMPLATE_SYNC_CRON, { wabaId: config.whatsapp.wabaId });
      if (!graph.onReachable) await syncNow();
    },
  };
}

function catalogueEntry(t: MessageTemplate): CatalogueEntry {
  const body = t.components.find((c) => c.type.toUpperCase() === 'BODY');
  return {
    providerTemplateId: t.id,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    quality: t.quality,
    body: body?.text ?? '',
    parameterCount: t.bodyParameterCount,
    quickReplies: t.quickReplies,
  };
}
