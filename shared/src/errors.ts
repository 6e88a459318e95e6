/**
 * Stable machine codes of problem+json answers (RFC 9457). Clients switch on `code`, never on `title`.
 * The HTTP status and a member-readable title travel with each code.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'Some fields are missing or invalid.' },
  unauthorized: { status: 401, title: 'Sign in again to continue.' },
  not_enabled: {
    status: 403,
    title: 'WhatsApp messaging is not enabled for you. Ask your Teams admin to enable it.',
  },
  forbidden: { status: 403, title: 'You are not allowed to do this.' },
  admin_only: { status: 403, title: 'Only an admin can do this.' },
  not_found: { status: 404, title: 'This item does not exist or you cannot see it.' },
  method_not_allowed: { status: 405, title: 'This address does not accept that kind of request.' },
  consent_required: {
    status: 409,
    title: 'This contact has not opted in yet. Confirm to send them the opt-in request.',
  },
  opted_out: {
    status: 409,
    title: 'This contact has opted out. They can opt in again at any time by replying "yes".',
  },
  unreachable: { status: 409, title: 'This contact cannot be reached on WhatsApp.' },
  already_opted_in: { status: 409, title: 'This contact has already opted in.' },
  opt_in_too_soon: { status: 409, title: 'The opt-in request can be resent once every 24 hours.' },
  thread_full: { status: 409, title: 'A conversation can have at most 10 members.' },
  region_mismatch: { status: 409, title: 'Only members of the same region as the conversation can join it.' },
  member_not_enabled: { status: 409, title: 'That member is not enabled for WhatsApp messaging.' },
  already_member: { status: 409, title: 'That person is already in the conversation.' },
  not_a_member: { status: 409, title: 'That person is not in the conversation.' },
  thread_closed: { status: 409, title: 'This conversation is closed. Start a new chat with the contact.' },
  not_unassigned: { status: 409, title: 'This conversation has already been claimed.' },
  rejoin_pending: { status: 409, title: 'A request to rejoin is already waiting for an answer.' },
  request_decided: { status: 409, title: 'This request has already been answered.' },
  not_failed: { status: 409, title: 'This message has not failed, so there is nothing to retry.' },
  template_unavailable: {
    status: 409,
    title:
      'This template cannot be sent now: Meta has paused, disabled or rejected it. Your admins have been told.',
  },
  no_business_number: { status: 409, title: 'Your region has no business number for this channel yet.' },
  duplicate_contact: { status: 409, title: 'A contact with this phone number already exists.' },
  duplicate_number: { status: 409, title: 'This business number is registered already.' },
  number_disabled: {
    status: 409,
    title:
      'The business number of your region is switched off by an admin, so no new conversation can start on it.',
  },
  whatsapp_disabled: {
    status: 403,
    title: 'WhatsApp messaging is switched off for your organisation. Ask your Teams admin to switch it on.',
  },
  export_not_ready: {
    status: 409,
    title: 'This export is still being written. Download it once it is done.',
  },
  export_failed: {
    status: 409,
    title: 'This export failed, so there is nothing to download. Start a new one.',
  },
  export_expired: {
    status: 410,
    title: 'This export’s zip was removed after its keeping period. Start a new export.',
  },
  dlp_blocked: {
    status: 422,
    title: 'This message was blocked by your organisation’s data loss prevention rules.',
  },
  payload_too_large: { status: 413, title: 'The request is too large.' },
  rate_limited: { status: 429, title: 'Too many requests. Try again in a moment.' },
  unavailable: { status: 503, title: 'The service is starting or unavailable. Try again in a moment.' },
  internal: { status: 500, title: 'Something went wrong on our side. Try again.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  /** `dlp_blocked`: the name of the rule that blocked the message. */
  rule?: string;
}

export function problemType(code: ErrorCode): string {
  return `https://bridgeline.dev/problems/${code.replace(/_/g, '-')}`;
}
