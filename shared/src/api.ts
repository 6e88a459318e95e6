import { z } from 'zod';
import { MAX_TEXT_LENGTH, PAGE_SIZE_MAX, REGIONS } from './limits.js';

/** Schemas of the REST API under /api/v1: the server validates with them, the tab types itself with them. */

export const Channel = z.enum(['whatsapp', 'sms']);
export type Channel = z.infer<typeof Channel>;
export const Region = z.enum(REGIONS);
export type Region = z.infer<typeof Region>;
export const ConsentState = z.enum(['none', 'requested', 'opted_in', 'opted_out']);
export type ConsentState = z.infer<typeof ConsentState>;
export const Reachability = z.enum(['ok', 'unreachable']);
export type Reachability = z.infer<typeof Reachability>;
export const MessageStatus = z.enum(['held', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatus>;
export const ThreadState = z.enum(['open', 'closed']);
export type ThreadState = z.infer<typeof ThreadState>;

const Uuid = z.uuid();
const IsoTime = z.iso.datetime({ offset: true });

export const Me = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  tenantId: Uuid,
  aadObjectId: z.string().nullable(),
  region: Region,
  enabled: z.boolean(),
  isAdmin: z.boolean(),
  smsNumber: z.string().optional(),
});
export type Me = z.infer<typeof Me>;

export const MemberSummary = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  region: Region,
  enabled: z.boolean(),
  isAdmin: z.boolean(),
  aadObjectId: z.string().nullable(),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export const CreateMemberBody = z.object({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(200),
  aadObjectId: z.string().trim().min(1).max(64).optional(),
  region: Region,
  enabled: z.boolean(),
  isAdmin: z.boolean().optional(),
});
export type CreateMemberBody = z.infer<typeof CreateMemberBody>;
export const UpdateMemberBody = CreateMemberBody.partial();
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

export const MemberQuery = z.object({
  query: z.string().max(200).optional(),
  region: Region.optional(),
});

export const Contact = z.object({
  id: Uuid,
  displayName: z.string().nullable(),
  phone: z.string().nullable(),
  waId: z.string().nullable(),
  username: z.string().nullable(),
  createdAt: IsoTime,
});
export type Contact = z.infer<typeof Contact>;

export const ContactQuery = z.object({ query: z.string().max(200).optional() });
export const CreateContactBody = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  phone: z.string().trim().min(3).max(32),
});
export type CreateContactBody = z.infer<typeof CreateContactBody>;

export const ThreadMember = z.object({
  memberId: Uuid,
  displayName: z.string(),
  joinedAt: IsoTime,
  historyFrom: IsoTime,
});
export type ThreadMember = z.infer<typeof ThreadMember>;

export const MessageError = z.object({ code: z.string(), title: z.string(), details: z.string().optional() });
export type MessageError = z.infer<typeof MessageError>;

export const TemplateRef = z.object({
  name: z.string().trim().min(1).max(512),
  language: z.string().trim().min(2).max(15),
  parameters: z.array(z.string().max(1024)).max(20).default([]),
});
export type TemplateRef = z.infer<typeof TemplateRef>;

export const Message = z.object({
  id: Uuid,
  threadId: Uuid,
  clientMessageId: z.string().optional(),
  direction: z.enum(['in', 'out', 'notice']),
  type: z.enum(['text', 'image', 'template', 'unsupported', 'notice']),
  text: z.string().optional(),
  mediaId: z.string().optional(),
  template: TemplateRef.optional(),
  sender: z.object({ memberId: Uuid, displayName: z.string() }).optional(),
  status: MessageStatus,
  error: MessageError.optional(),
  notice: z.object({ kind: z.string(), params: z.record(z.string(), z.string()) }).optional(),
  createdAt: IsoTime,
  providerMessageId: z.string().optional(),
});
export type Message = z.infer<typeof Message>;

export const Thread = z.object({
  id: Uuid,
  channel: Channel,
  state: ThreadState,
  unassigned: z.boolean(),
  region: Region,
  contact: Contact,
  members: z.array(ThreadMember),
  consent: ConsentState,
  reachability: Reachability,
  window: z.object({ open: z.boolean(), closesAt: IsoTime.nullable() }),
  heldCount: z.number().int(),
  lastMessage: Message.nullable(),
  unreadCount: z.number().int(),
  canResendOptIn: z.boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Thread = z.infer<typeof Thread>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ThreadListQuery = z.object({
  cursor: z.string().max(200).optional(),
  channel: Channel.optional(),
  state: z.enum(['open', 'closed', 'unassigned', 'left']).optional(),
  query: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).optional(),
});
export type ThreadListQuery = z.infer<typeof ThreadListQuery>;

export const CreateThreadBody = z
  .object({
    channel: Channel,
    contactId: Uuid.optional(),
    phone: z.string().trim().min(3).max(32).optional(),
    sendOptIn: z.boolean().optional(),
  })
  .refine((b) => (b.contactId === undefined) !== (b.phone === undefined), {
    message: 'Give either contactId or phone',
    path: ['contactId'],
  });
export type CreateThreadBody = z.infer<typeof CreateThreadBody>;

export const MessageListQuery = z.object({
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).optional(),
});

const ClientMessageId = z.string().trim().min(8).max(100);
export const SendMessageBody = z.union([
  z
    .object({ clientMessageId: ClientMessageId, text: z.string().trim().min(1).max(MAX_TEXT_LENGTH) })
    .strict(),
  z
    .object({ clientMessageId: ClientMessageId, mediaId: Uuid, caption: z.string().max(1024).optional() })
    .strict(),
  z.object({ clientMessageId: ClientMessageId, template: TemplateRef }).strict(),
]);
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const AddMemberBody = z.object({ memberId: Uuid, shareHistory: z.boolean().default(false) });
export type AddMemberBody = z.infer<typeof AddMemberBody>;
export const TransferBody = z.object({ memberId: Uuid });
export const ReadBody = z.object({ upTo: Uuid });

export const RejoinRequest = z.object({
  id: Uuid,
  threadId: Uuid,
  memberId: Uuid,
  displayName: z.string(),
  state: z.enum(['pending', 'approved', 'declined']),
  createdAt: IsoTime,
});
export type RejoinRequest = z.infer<typeof RejoinRequest>;

export const DevTokenBody = z.object({ email: z.email() });

/** An approved WhatsApp template a member may send (`GET /api/v1/templates`); `body` uses Meta's `{{1}}` placeholders. */
export const Template = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  body: z.string(),
  parameterCount: z.number().int().min(0),
});
export type Template = z.infer<typeof Template>;

/** The answer to `POST /api/v1/media` (multipart, field `file`: a JPEG or PNG of at most 5 MB). */
export const MediaUploaded = z.object({ mediaId: Uuid });
export type MediaUploaded = z.infer<typeof MediaUploaded>;
