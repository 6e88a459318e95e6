import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Logger } from 'pino';

/** How the bot gets tokens for what it sends; tests pass one that hands out a fixed token. */
export type CredentialsFactory = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]
>;

export interface BotRegistration {
  /** The Azure Bot's app id. Unset: local use (Agents Playground), with authentication off. */
  botId?: string | undefined;
  botPassword?: string | undefined;
  botTenantId?: string | undefined;
  botType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' | undefined;
}

/**
 * The Bot Framework adapter: validates the tokens Teams sends to `/api/messages` and signs what the bot sends. New bot
 * registrations are single-tenant or managed identity (`BOT_TYPE`, `BOT_TENANT_ID`). With no `BOT_ID` both directions
 * run without tokens, which only a local client such as the Agents Playground accepts.
 */
export function createBotAdapter(
  registration: BotRegistration,
  log: Logger,
  credentialsFactory?: CredentialsFactory,
): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = registration.botId
    ? {
        MicrosoftAppId: registration.botId,
        MicrosoftAppPassword: registration.botPassword,
        MicrosoftAppType: registration.botType ?? 'SingleTenant',
        MicrosoftAppTenantId: registration.botTenantId,
      }
    : {};
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options, credentialsFactory));
  adapter.onTurnError = async (context, error) => {
    log.error(
      { err: error, activityId: context.activity.id, activityType: context.activity.type },
      'bot turn failed',
    );
  };
  return adapter;
}
