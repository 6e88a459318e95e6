import type { Message } from '@bridgeline/shared';

type Params = Record<string, string>;

// Known notice kinds in words; the server may also send the sentence itself as `text`.
const NOTICES: Record<string, (p: Params) => string> = {
  opted_in: (p) => `${p.contact ?? 'The contact'} opted in.`,
  opted_out: (p) => `${p.contact ?? 'The contact'} opted out.`,
  opt_in_requested: (p) => `${p.member ?? 'A member'} sent the opt-in request.`,
  resumed: () => 'The contact has resumed the conversation. You can now continue messaging with them.',
  member_added: (p) => `${p.by ?? 'A member'} added ${p.member ?? 'a member'}.`,
  member_removed: (p) => `${p.by ?? 'A member'} removed ${p.member ?? 'a member'}.`,
  member_left: (p) => `${p.member ?? 'A member'} left the conversation.`,
  member_rejoined: (p) => `${p.member ?? 'A member'} rejoined the conversation.`,
  transferred: (p) => `${p.from ?? 'A member'} transferred the conversation to ${p.to ?? 'another member'}.`,
  claimed: (p) => `${p.member ?? 'A member'} claimed the conversation.`,
  thread_closed: () => 'The conversation is closed.',
};

function humanize(kind: string): string {
  const words = kind.replace(/[_.]/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

export function noticeText(message: Message): string {
  if (message.text) return message.text;
  if (!message.notice) return 'Notice';
  const format = NOTICES[message.notice.kind];
  return format ? format(message.notice.params) : humanize(message.notice.kind);
}
