import { isBotFrameworkServiceUrl, type ServiceUrlPolicy } from '../domain/service-url.js';
import type { MemberRecord } from '../ports/index.js';
import type { TeamsConversationRecord } from './teams.store.js';
import type { TeamsContext } from './teams.store.js';

/**
 * Who a Teams user is to Bridgeline: the member with that Entra object id in that Entra tenant, enabled or not (the
 * same lookup as sign-in's, `members.byEntraId`).
 */
export async function identifyTeamsUser(
  ctx: TeamsContext,
  aadTenantId: string | undefined,
  aadObjectId: string | undefined,
): Promise<MemberRecord | null> {
  if (!aadTenantId || !aadObjectId) return null;
  return ctx.uow.run((store) => store.members.byEntraId(aadTenantId, aadObjectId));
}

export type RecordReferenceResult =
  | { ok: true; member: MemberRecord }
  | { ok: false; reason: 'unknown' | 'not_enabled' }
  /** The activity names a `serviceUrl` that is not a Bot Framework service host: nothing is kept or changed. */
  | { ok: false; reason: 'untrusted_service_url' };

/**
 * Installation (or any message) in a member's personal chat: keeps the conversation reference so notices can be sent
 * there. Only an enabled member's reference is kept (product.md §1); anyone else is told why nothing will come.
 * Notices go to the reference's `serviceUrl`, so a reference naming any other host than a Bot Framework service's
 * (`policy`: loopback only for the local Agents Playground) never replaces, removes or adds one.
 */
export async function recordConversationReference(
  ctx: TeamsContext,
  input: Omit<TeamsConversationRecord, 'tenantId' | 'memberId'> & { aadObjectId: string | undefined },
  policy: ServiceUrlPolicy,
): Promise<RecordReferenceResult> {
  const { aadObjectId, ...reference } = input;
  const trusted =
    isBotFrameworkServiceUrl(reference.serviceUrl, policy) &&
    reference.reference.serviceUrl === reference.serviceUrl;
  if (!trusted) return { ok: false, reason: 'untrusted_service_url' };
  if (!aadObjectId) return { ok: false, reason: 'unknown' };
  return ctx.uow.run(async (store) => {
    const member = await store.members.byEntraId(reference.aadTenantId, aadObjectId);
    if (!member) return { ok: false, reason: 'unknown' };
    if (!member.enabled) {
      await store.teams.removeConversation(reference.conversationId);
      return { ok: false, reason: 'not_enabled' };
    }
    await store.teams.saveConversation({ ...reference, tenantId: member.tenantId, memberId: member.id });
    await store.events.append({
      tenantId: member.tenantId,
      type: 'teams.conversation_recorded',
      actorMemberId: member.id,
      payload: { conversationId: reference.conversationId },
      occurredAt: ctx.clock.now(),
    });
    return { ok: true, member };
  });
}

/** Uninstalled, or Teams answered that the bot is no longer in the chat: no more cards go there. */
export async function forgetConversation(ctx: TeamsContext, conversationId: string): Promise<boolean> {
  return ctx.uow.run((store) => store.teams.removeConversation(conversationId));
}
