import { CardFactory, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { isBotFrameworkServiceUrl, type ServiceUrlPolicy } from '../domain/service-url.js';
import type { Clock } from '../ports/index.js';
import type { TeamsConversationRecord, TeamsUnitOfWork } from './teams.store.js';
import type { BuiltCard } from './cards/index.js';
import { actedOnCard, cardSizeBytes, isWithinCardSizeLimit, MAX_CARD_BYTES } from './cards/index.js';
import {
  decideSend,
  DEFAULT_TEAMS_BACKOFF,
  pruneSendHistory,
  retryAfterFailure,
  type BackoffPolicy,
  type TeamsSendLimits,
} from './limits/index.js';

export type SendResult =
  | { ok: true; activityId: string | null }
  /** Teams said the bot is no longer in the chat (uninstalled, or the chat is gone): the reference was removed. */
  | { ok: false; reason: 'gone' }
  /** The stored reference names a host that is not a Bot Framework service: nothing was sent there. */
  | { ok: false; reason: 'untrusted_service_url' };

export interface SenderDeps {
  adapter: CloudAdapter;
  botId: string;
  uow: TeamsUnitOfWork;
  clock: Clock;
  log: Logger;
  limits: TeamsSendLimits;
  /** Waits; tests pass one that moves a fake clock. */
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  backoff?: BackoffPolicy;
  /** Which service URLs a card may go to (loopback only for the local Agents Playground); none other by default. */
  serviceUrls?: ServiceUrlPolicy;
}

/** A Bot Connector answer we act on: its HTTP status, Teams' error code and any `Retry-After`. */
export class ConnectorFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly retryAfterMs: number | null,
  ) {
    super(`Bot Connector answered ${status}${code ? ` ${code}` : ''}`);
  }
}

/**
 * Proactive sends to one member's chat, within Teams' limits: each send first takes a slot in the conversation's and
 * the tenant's send history (in PostgreSQL, under row locks, so every worker counts the same sends) and waits the
 * exact time the limiter names when there is none. 412, 429, 502 and 504 are retried with backoff and jitter.
 */
export class ConversationSender {
  constructor(private readonly deps: SenderDeps) {}

  async post(conversation: TeamsConversationRecord, built: BuiltCard): Promise<SendResult> {
    return this.send(conversation, { ...cardActivity(this.fit(built)) });
  }

  async update(
    conversation: TeamsConversationRecord,
    activityId: string,
    built: BuiltCard,
  ): Promise<SendResult> {
    return this.send(conversation, { ...cardActivity(this.fit(built)), id: activityId });
  }

  private fit(built: BuiltCard): BuiltCard {
    if (isWithinCardSizeLimit(built.card)) return built;
    this.deps.log.warn(
      { bytes: cardSizeBytes(built.card), max: MAX_CARD_BYTES },
      'card too large; sending a short one',
    );
    return actedOnCard(built.summary, 'Open Bridgeline to see the details.');
  }

  private async send(
    conversation: TeamsConversationRecord,
    activity: Partial<Activity>,
  ): Promise<SendResult> {
    // A reference kept before service URLs were checked could name any host: the card and its token never go there.
    const serviceUrl = conversation.reference.serviceUrl;
    if (!isBotFrameworkServiceUrl(serviceUrl, this.deps.serviceUrls ?? { allowLoopback: false })) {
      this.deps.log.warn(
        { conversationId: conversation.conversationId, serviceUrl: String(serviceUrl).slice(0, 200) },
        'stored conversation reference names a serviceUrl that is not a Bot Framework service; card not sent',
      );
      return { ok: false, reason: 'untrusted_service_url' };
    }
    const policy = this.deps.backoff ?? DEFAULT_TEAMS_BACKOFF;
    for (let attempt = 1; ; attempt++) {
      await this.takeSlot(conversation);
      try {
        const activityId = await this.call(conversation, activity);
        return { ok: true, activityId };
      } catch (error) {
        if (!(error instanceof ConnectorFailure)) throw error;
        if (isGone(error)) {
          await this.deps.uow.run((store) => store.teams.removeConversation(conversation.conversationId));
          this.deps.log.info(
            { conversationId: conversation.conversationId, status: error.status, code: error.code },
            'bot no longer in the chat; reference removed',
          );
          return { ok: false, reason: 'gone' };
        }
        const retry = retryAfterFailure(
          { status: error.status, attempt, retryAfterMs: error.retryAfterMs },
          this.deps.random,
          policy,
        );
        if (!retry.retry) throw error;
        this.deps.log.info(
          {
            conversationId: conversation.conversationId,
            status: error.status,
            attempt,
            delayMs: retry.delayMs,
          },
          'Teams send failed; retrying',
        );
        await this.deps.sleep(retry.delayMs);
      }
    }
  }

  /** Waits until both the conversation and the tenant may take one more send, and records it. */
  private async takeSlot(conversation: TeamsConversationRecord): Promise<void> {
    const { limits } = this.deps;
    for (;;) {
      const wait = await this.deps.uow.run(async (store) => {
        const now = this.deps.clock.now().getTime();
        const history = await store.teams.lockSendTimes(conversation.tenantId, conversation.conversationId);
        const decision = decideSend(history, now, limits);
        if (!decision.allowed) return decision.retryAfterMs;
        await store.teams.saveSendTimes(conversation.tenantId, conversation.conversationId, {
          conversation: [...pruneSendHistory(history.conversation, now, limits.conversation), now],
          tenant: [...pruneSendHistory(history.tenant, now, limits.tenant), now],
        });
        return 0;
      });
      if (wait === 0) return;
      await this.deps.sleep(wait);
    }
  }

  private async call(
    conversation: TeamsConversationRecord,
    activity: Partial<Activity>,
  ): Promise<string | null> {
    let failure: unknown = null;
    let activityId: string | null = null;
    // Without the installing activity's id: a proactive card is a new message, not a reply to the install.
    const { activityId: _reply, ...reference } = conversation.reference as Partial<ConversationReference>;
    await this.deps.adapter.continueConversationAsync(this.deps.botId, reference, async (turn) => {
      withoutPipelineRetries(turn.turnState.get(this.deps.adapter.ConnectorClientKey));
      // A proactive card starts a new message in the chat (POST …/activities), not a reply to the continuation.
      turn.onSendActivities(async (_turn, activities, next) => {
        for (const a of activities) delete a.replyToId;
        return next();
      });
      try {
        if (activity.id) {
          await turn.updateActivity(activity);
          activityId = activity.id;
        } else {
          activityId = (await turn.sendActivity(activity))?.id ?? null;
        }
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== null) throw connectorFailureOf(failure);
    return activityId;
  }
}

/**
 * The Bot Connector client's HTTP pipeline retries 429 and 5xx on its own, sleeping in real time and never 412. We
 * retry ourselves (limits first, our backoff and jitter, every attempt counted), so its Retry phase goes.
 */
function withoutPipelineRetries(connector: unknown): void {
  const client = (connector as { client?: { pipeline?: { removePolicy(o: { phase: 'Retry' }): unknown } } })
    ?.client;
  client?.pipeline?.removePolicy({ phase: 'Retry' });
}

export function cardActivity(built: BuiltCard): Partial<Activity> {
  return { type: 'message', summary: built.summary, attachments: [CardFactory.adaptiveCard(built.card)] };
}

function isGone(f: ConnectorFailure): boolean {
  return (
    (f.status === 403 && f.code === 'BotNotInConversationRoster') ||
    (f.status === 404 && f.code === 'ConversationNotFound')
  );
}

/** Reads a botbuilder RestError (status, Teams' `error.code`, `Retry-After`) without trusting its shape. */
export function connectorFailureOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const e = error as {
    statusCode?: unknown;
    code?: unknown;
    body?: unknown;
    response?: { headers?: { get?: (name: string) => string | undefined }; bodyAsText?: unknown };
  };
  if (typeof e.statusCode !== 'number') return error;
  const body = parseBody(e.body) ?? parseBody(e.response?.bodyAsText);
  const code = body?.error?.code ?? (typeof e.code === 'string' ? e.code : null);
  const header = e.response?.headers?.get?.('retry-after');
  const seconds = header !== undefined ? Number(header) : NaN;
  return new ConnectorFailure(
    e.statusCode,
    typeof code === 'string' ? code : null,
    Number.isFinite(seconds) ? seconds * 1000 : null,
  );
}

function parseBody(body: unknown): { error?: { code?: unknown } } | null {
  if (typeof body === 'object' && body !== null) return body as { error?: { code?: unknown } };
  if (typeof body !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as { error?: { code?: unknown } }) : null;
  } catch {
    return null;
  }
}
