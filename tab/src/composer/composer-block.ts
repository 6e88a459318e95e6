import type { Me, Thread } from '@bridgeline/shared';
import { ERROR_CODES } from '@bridgeline/shared/errors';
import { contactName } from '../ui/contact-name.js';

/** Why the member cannot write in this thread right now, or null when they can. */
export function composerBlock(thread: Thread, me: Me): string | null {
  const name = contactName(thread.contact);
  if (!me.enabled) return ERROR_CODES.not_enabled.title;
  if (thread.state === 'closed')
    return `This conversation is closed. Restart it to write to ${name} again: the opt-in carries over.`;
  if (thread.unassigned) return 'Claim this conversation to reply.';
  if (!thread.members.some((m) => m.memberId === me.id))
    return 'You are not in this conversation. Ask to rejoin to write.';
  if (thread.consent === 'opted_out') {
    return `${name} opted out, so you can’t message them. They can opt in again at any time by replying “yes”.`;
  }
  if (thread.reachability === 'unreachable') return `${name} can’t be reached on WhatsApp.`;
  return null;
}
