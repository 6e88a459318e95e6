import {
  ActivityTypes,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { TeamsContext } from './teams.store.js';
import {
  forgetConversation,
  identifyTeamsUser,
  recordConversationReference,
} from './record-conversation-reference.js';
import { isBotFrameworkServiceUrl, type ServiceUrlPolicy } from '../domain/service-url.js';
import type { MemberRecord } from '../ports/index.js';
import type { CardActionHandler } from './card-action.handler.js';
import { helpCard, notEnabledCard, type BuiltCard, type TabRef } from './cards/index.js';
import { cardActivity } from './conversation-sender.js';

/**
 * The bot in a member's personal chat. It stays thin: it reads who is speaking (Entra tenant and object id), then
 * calls the use cases — installation, the `help` and `threads` commands, and card actions.
 *
 * An activity whose `serviceUrl` is not a Bot Framework service host (`serviceUrls`: loopback only for the local
 * Agents Playground) is not handled at all: replies would go to that host, and its reference is never kept.
 */
export class BridgelineBot extends TeamsActivityHandler {
  constructor(
    private readonly ctx: TeamsContext,
    private readonly actions: CardActionHandler,
    private readonly tab: TabRef,
    private readonly log: Logger,
    private readonly serviceUrls: ServiceUrlPolicy = { allowLoopback: false },
  ) {
    super();
    this.onInstallationUpdateAdd(async (turn, next) => {
      const member = await this.remember(turn);
      await turn.sendActivity(cardActivity(member ? helpCard({ tab }) : notEnabledCard()));
      await next();
    });
    this.onInstallationUpdateRemove(async (turn, next) => {
      await forgetConversation(ctx, turn.activity.conversation.id);
      log.info({ conversationId: turn.activity.conversation.id }, 'bot uninstalled; reference removed');
      await next();
    });
    this.onMembersAdded(async (turn, next) => {
      // Some clients announce the install only as the bot joining the chat.
      const botAdded = (turn.activity.membersAdded ?? []).some((m) => m.id === turn.activity.recipient.id);
      if (botAdded) await this.remember(turn);
      await next();
    });
    this.onMessage(async (turn, next) => {
      const member = await this.remember(turn);
      await turn.sendActivity(cardActivity(member ? await this.command(turn, member) : notEnabledCard()));
      await next();
    });
  }

  override async run(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    if (isBotFrameworkServiceUrl(activity.serviceUrl, this.serviceUrls)) return super.run(turn);
    this.log.warn(
      {
        serviceUrl: String(activity.serviceUrl).slice(0, 200),
        activityType: activity.type,
        activityId: activity.id,
        conversationId: activity.conversation?.id,
      },
      'activity names a serviceUrl that is not a Bot Framework service; ignored, nothing kept or sent',
    );
    // An invoke expects its answer in the HTTP response (not sent to the serviceUrl): refuse it there.
    if (activity.type === ActivityTypes.Invoke) {
      await turn.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 400,
          body: {
            statusCode: 400,
            type: 'application/vnd.microsoft.error',
            value: {
              code: 'untrusted_service_url',
              message: 'This activity is not from a Bot Framework service.',
            },
          },
        },
      });
    }
  }

  protected override async onAdaptiveCardInvoke(
    turn: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const member = await identifyTeamsUser(this.ctx, tenantOf(turn), turn.activity.from.aadObjectId);
    if (!member || !member.enabled) return cardResponse(notEnabledCard());
    const answer = await this.actions.handle(
      { member, teamsUserId: turn.activity.from.id },
      value.action?.verb ?? '',
      value.action?.data,
    );
    this.log.info(
      {
        verb: value.action?.verb,
        memberId: member.id,
        status: answer.statusCode,
        activityId: turn.activity.id,
      },
      'card action',
    );
    if (answer.statusCode === 200) return cardResponse(answer.card);
    return {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: answer.code, message: answer.message },
    };
  }

  private async command(turn: TurnContext, member: MemberRecord): Promise<BuiltCard> {
    const text = TurnContext.removeRecipientMention(turn.activity)?.trim().toLowerCase() ?? '';
    if (text === 'threads') {
      const answer = await this.actions.handle(
        { member, teamsUserId: turn.activity.from.id },
        'threads.list',
        {},
      );
      if (answer.statusCode === 200) return answer.card;
    }
    return helpCard({ tab: this.tab });
  }

  /** Keeps the chat's conversation reference when the speaker is an enabled member; answers who they are. */
  private async remember(turn: TurnContext): Promise<MemberRecord | null> {
    const aadTenantId = tenantOf(turn);
    const activity = turn.activity;
    // Personal scope only: a group chat or channel is not one member's chat.
    const type = activity.conversation.conversationType;
    if (type !== undefined && type !== 'personal') return null;
    const reference = TurnContext.getConversationReference(activity);
    const result = await recordConversationReference(
      this.ctx,
      {
        aadTenantId: aadTenantId ?? '',
        aadObjectId: activity.from.aadObjectId,
        conversationId: activity.conversation.id,
        serviceUrl: activity.serviceUrl,
        teamsUserId: activity.from.id,
        reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      },
      this.serviceUrls,
    );
    if (!result.ok && result.reason === 'untrusted_service_url') {
      this.log.warn(
        { conversationId: activity.conversation.id },
        'conversation reference not kept: its serviceUrl is not a Bot Framework service',
      );
      return null;
    }
    if (!result.ok) {
      this.log.info(
        { reason: result.reason, conversationId: activity.conversation.id },
        'Teams user is not an enabled member',
      );
      return null;
    }
    return result.member;
  }
}

function tenantOf(turn: TurnContext): string | undefined {
  const channelData = turn.activity.channelData as { tenant?: { id?: string } } | undefined;
  return turn.activity.conversation.tenantId ?? channelData?.tenant?.id;
}

function cardResponse(built: BuiltCard): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.card.adaptive',
    value: built.card as unknown as Record<string, unknown>,
  };
}
