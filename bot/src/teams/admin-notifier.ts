import type { Logger } from 'pino';
import type { AdminAlertJobData } from '../ports/index.js';
import { adminAlertCard, type TabRef } from './cards/index.js';
import type { ConversationSender } from './conversation-sender.js';
import type { TeamsContext } from './teams.store.js';

/**
 * The `notify-admins` job (issue 18): one card to each enabled admin of the tenant who has the bot installed, saying
 * what in the WhatsApp account breaks and what to do. An admin without the bot sees the same words in the tab's banner.
 */
export async function notifyAdmins(
  deps: { ctx: TeamsContext; sender: ConversationSender; tab: TabRef; log: Logger },
  job: AdminAlertJobData,
): Promise<number> {
  const { ctx, sender, tab, log } = deps;
  const recipients = await ctx.uow.read(async (store) => {
    const admins = (await store.members.search(job.tenantId, {})).filter((m) => m.isAdmin && m.enabled);
    const conversations = await store.teams.conversationsOf(
      job.tenantId,
      admins.map((a) => a.id),
    );
    return conversations;
  });
  const card = adminAlertCard({ tab, ...job });
  let sent = 0;
  for (const conversation of recipients) {
    const result = await sender.post(conversation, card);
    if (result.ok) sent++;
  }
  log.info(
    { tenantId: job.tenantId, kind: job.kind, admins: recipients.length, sent },
    'admin alert card sent',
  );
  return sent;
}
