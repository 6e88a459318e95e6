import type {
  AuditPage,
  BusinessNumber,
  BusinessProfile,
  TenantSettings,
  UpdateBusinessNumberBody,
  UpdateBusinessProfileBody,
  UpdateTenantSettingsBody,
  AdminTemplate,
  HealthAlert,
  NumberHealth,
  PutRateCardBody,
  RateCard,
  Usage,
  AddMemberBody,
  ArchiveExport,
  ArchiveHealth,
  ArchiveSettingsBody,
  ArchiveSettingsView,
  ArchiveVerifyResult,
  CreateArchiveExportBody,
  CreateLegalHoldBody,
  LegalHold,
  CreateDlpRuleBody,
  DlpCheckBody,
  DlpCheckResult,
  DlpReview,
  DlpRuleView,
  PatchDlpRuleBody,
  ResolveReviewBody,
  ClientConfig,
  Contact,
  ContactQuery,
  CreateContactBody,
  PhoneCheck,
  PhoneCheckQuery,
  CreateMemberBody,
  CreateThreadBody,
  DevToken,
  DevTokenBody,
  MediaUploaded,
  Me,
  MemberQuery,
  MemberSummary,
  Message,
  MessageListQuery,
  MessagePage,
  ReadBody,
  Region,
  RejoinRequest,
  SchemaInput,
  SendMessageBody,
  Template,
  Thread,
  ThreadListQuery,
  ThreadPage,
  TransferBody,
  UpdateMemberBody,
} from '@bridgeline/shared';

/**
 * The endpoints of /api/v1 the tab calls, keyed `METHOD /path/:param`: the query, body and answer of each, typed from
 * shared's zod schemas (shared/src/api.ts, shared/src/archive-api.ts), so a change of the contract is a type error here, not a surprise at
 * run time. Bodies are the schema's input (`typeof` a type-only import, so zod stays out of the bundle); `answer: void`
 * is an answer without a body (204).
 */
export interface Endpoints {
  'GET /config': { answer: ClientConfig };
  'POST /dev/token': { body: SchemaInput<typeof DevTokenBody>; answer: DevToken };
  'GET /me': { answer: Me };

  'GET /threads': { query: Omit<ThreadListQuery, 'limit'>; answer: ThreadPage };
  'POST /threads': { body: SchemaInput<typeof CreateThreadBody>; answer: Thread };
  'GET /threads/:id': { answer: Thread };
  'POST /threads/:id/claim': { answer: Thread };
  'POST /threads/:id/read': { body: SchemaInput<typeof ReadBody>; answer: void };
  'POST /threads/:id/opt-in-requests': { answer: Thread };

  'GET /threads/:id/messages': { query: Omit<MessageListQuery, 'limit'>; answer: MessagePage };
  'POST /threads/:id/messages': { body: SchemaInput<typeof SendMessageBody>; answer: Message };
  'POST /media': { body: FormData; answer: MediaUploaded };

  'POST /threads/:id/members': { body: SchemaInput<typeof AddMemberBody>; answer: Thread };
  'DELETE /threads/:id/members/:memberId': { answer: Thread };
  'POST /threads/:id/leave': { answer: Thread | null };
  'POST /threads/:id/transfer': { body: SchemaInput<typeof TransferBody>; answer: Thread | null };
  'GET /threads/:id/rejoin-requests': { answer: RejoinRequest[] };
  'POST /threads/:id/rejoin-requests': { answer: RejoinRequest };
  'POST /threads/:id/rejoin-requests/:requestId/approve': { answer: Thread | null };
  'POST /threads/:id/rejoin-requests/:requestId/decline': { answer: Thread | null };

  'GET /templates': { answer: Template[] };
  'GET /members': { query: MemberQuery; answer: MemberSummary[] };
  'GET /contacts': { query: ContactQuery; answer: Contact[] };
  'POST /contacts': { body: SchemaInput<typeof CreateContactBody>; answer: Contact };
  'GET /phone-numbers/check': { query: PhoneCheckQuery; answer: PhoneCheck };

  'GET /admin/members': { answer: MemberSummary[] };
  'POST /admin/members': { body: SchemaInput<typeof CreateMemberBody>; answer: MemberSummary };
  'PATCH /admin/members/:id': { body: SchemaInput<typeof UpdateMemberBody>; answer: MemberSummary };
  /** Business numbers (api.md "Administration"); the member table offers the SMS ones of each member's region. */
  'GET /admin/numbers': { answer: BusinessNumberOption[] | { items: BusinessNumberOption[] } };
  'PATCH /admin/numbers/:id': { body: SchemaInput<typeof UpdateBusinessNumberBody>; answer: BusinessNumber };
  'GET /admin/numbers/:id/profile': { answer: BusinessProfile };
  'PATCH /admin/numbers/:id/profile': {
    body: SchemaInput<typeof UpdateBusinessProfileBody>;
    answer: BusinessProfile;
  };
  'GET /admin/settings': { answer: TenantSettings };
  'PATCH /admin/settings': { body: SchemaInput<typeof UpdateTenantSettingsBody>; answer: TenantSettings };
  'GET /admin/audit': { query: { cursor?: string }; answer: AuditPage };
  'POST /me/first-run/dismiss': { answer: { firstRun: false } };

  // The compliance archive (admins only).
  'GET /admin/archive': { answer: ArchiveHealth };
  'GET /admin/archive/verify': { answer: ArchiveVerifyResult };
  'GET /admin/archive/settings': { answer: ArchiveSettingsView };
  'PUT /admin/archive/settings': {
    body: SchemaInput<typeof ArchiveSettingsBody>;
    answer: ArchiveSettingsView;
  };
  'GET /admin/archive/exports': { answer: ArchiveExport[] };
  'POST /admin/archive/exports': {
    body: SchemaInput<typeof CreateArchiveExportBody>;
    answer: Pick<ArchiveExport, 'id' | 'status'>;
  };
  /** A zip (`application/zip`), not JSON: fetched as a Blob with the token (api-client.ts `blob`). */
  'GET /admin/archive/exports/:id/download': { answer: Blob };
  'GET /admin/legal-holds': { answer: LegalHold[] };
  'POST /admin/legal-holds': { body: SchemaInput<typeof CreateLegalHoldBody>; answer: LegalHold };
  'DELETE /admin/legal-holds/:id': { answer: void };

  'POST /dlp/check': { body: SchemaInput<typeof DlpCheckBody>; answer: DlpCheckResult };
  'GET /admin/dlp-rules': { answer: DlpRuleView[] };
  'POST /admin/dlp-rules': { body: SchemaInput<typeof CreateDlpRuleBody>; answer: DlpRuleView };
  'PATCH /admin/dlp-rules/:id': { body: SchemaInput<typeof PatchDlpRuleBody>; answer: DlpRuleView };
  'DELETE /admin/dlp-rules/:id': { answer: { deleted: true } };
  'GET /admin/reviews': { query: { state?: 'open' | 'resolved' }; answer: { items: DlpReview[] } };
  'POST /admin/reviews/:id/resolve': { body: SchemaInput<typeof ResolveReviewBody>; answer: DlpReview };

  // WhatsApp account health (docs/admin.md).
  'GET /admin/templates': { answer: AdminTemplate[] };
  'GET /admin/numbers/health': { answer: NumberHealth[] };
  'GET /admin/alerts': { answer: HealthAlert[] };
  'GET /admin/usage': { query: { month?: string }; answer: Usage };
  'GET /admin/rate-card': { answer: RateCard };
  'PUT /admin/rate-card': { body: SchemaInput<typeof PutRateCardBody>; answer: RateCard };
}

/** The fields of a business number the member table needs. */
export interface BusinessNumberOption {
  id: string;
  channel: 'whatsapp' | 'sms';
  phone?: string;
  displayPhone?: string;
  region: Region;
}

export type EndpointKey = keyof Endpoints;
export type AnswerOf<K extends EndpointKey> = Endpoints[K]['answer'];

type PathOf<K> = K extends `${string} ${infer P}` ? P : never;
type ParamNames<P> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** What a call of endpoint K gives: its path parameters, its query and its body, each only where K has one. */
export type CallOf<K extends EndpointKey> = ([ParamNames<PathOf<K>>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<PathOf<K>>, string> }) &
  (Endpoints[K] extends { query: infer Q } ? { query?: Q } : { query?: undefined }) &
  (Endpoints[K] extends { body: infer B } ? { body: B } : { body?: undefined });
