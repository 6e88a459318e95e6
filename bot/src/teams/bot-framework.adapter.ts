import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
// The same copy botbuilder uses (bot/package.json pins botbuilder's version): CloudAdapter answers 401 only for its
// AuthenticationError, anything else thrown while authenticating becomes a 500.
import { AuthenticationError } from 'botframework-connector';
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
  const auth = new ConfigurationBotFrameworkAuthentication(options, credentialsFactory);
  const authenticateRequest = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticateRequest(activity, authHeader);
    } catch (error) {
      throw asUnauthorized(error);
    }
  };
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log.error(
      { err: error, activityId: context.activity.id, activityType: context.activity.type },
      'bot turn failed',
    );
  };
  return adapter;
}

/**
 * The connector checks a token's signature with `jsonwebtoken` and lets its errors through: a token forged under a key
 * id the Bot Framework publishes would be answered 500. A token that does not verify is a refusal, 401.
 */
function asUnauthorized(error: unknown): unknown {
  const name = error instanceof Error ? error.name : '';
  if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'TokenExpiredError') {
    return new AuthenticationError(`Unauthorized. ${(error as Error).message}`, StatusCodes.UNAUTHORIZED);
  }
  return error;
}
