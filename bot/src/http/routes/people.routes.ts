import { z } from 'zod';
import {
  Contact,
  ContactQuery,
  CreateContactBody,
  CreateMemberBody,
  Me,
  PhoneCheck,
  PhoneCheckQuery,
  MemberQuery,
  MemberSummary,
  Template,
  UpdateMemberBody,
} from '@bridgeline/shared';
import {
  createContact,
  createMember,
  listContacts,
  searchMembers,
  updateMember,
} from '../../app/people.use-case.js';
import { checkPhone } from '../../app/phone.js';
import { dismissFirstRun, meView } from '../../app/admin/first-run.use-case.js';
import { listApprovedTemplates } from '../../app/templates.use-case.js';
import { sendJson, sendOutcome } from '../problem.js';
import { IdParams, route } from '../route-table.js';

/** The signed-in member, the tenant's members (admins manage them), contacts and approved templates. */
export const peopleRoutes = [
  // A member who is not enabled still learns who they are, so the tab can say why it shows nothing.
  route({
    method: 'get',
    path: '/api/v1/me',
    operationId: 'getMe',
    summary: 'The signed-in member',
    auth: 'signed-in',
    response: { status: 200, schema: Me },
    handle: async ({ res, deps, caller }) => sendOutcome(res, await meView(deps.ctx, caller)),
  }),
  route({
    method: 'post',
    path: '/api/v1/me/first-run/dismiss',
    operationId: 'dismissFirstRun',
    summary:
      'The member closed the first-run notice ("WhatsApp messaging is now active"): it does not come back',
    auth: 'enabled',
    response: { status: 200, schema: z.object({ firstRun: z.literal(false) }) },
    handle: async ({ res, deps, caller }) => sendOutcome(res, await dismissFirstRun(deps.ctx, caller)),
  }),
  route({
    method: 'get',
    path: '/api/v1/members',
    operationId: 'searchMembers',
    summary: 'Members of the tenant',
    auth: 'enabled',
    query: MemberQuery,
    response: { status: 200, schema: z.array(MemberSummary) },
    handle: async ({ res, deps, caller, query }) =>
      sendOutcome(res, await searchMembers(deps.ctx, caller, query)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/members',
    operationId: 'adminListMembers',
    summary: 'Members (admins)',
    auth: 'admin',
    query: MemberQuery,
    response: { status: 200, schema: z.array(MemberSummary) },
    handle: async ({ res, deps, caller, query }) =>
      sendOutcome(res, await searchMembers(deps.ctx, caller, query)),
  }),
  route({
    method: 'post',
    path: '/api/v1/admin/members',
    operationId: 'adminCreateMember',
    summary: 'Add a member',
    auth: 'admin',
    body: CreateMemberBody,
    response: { status: 201, schema: MemberSummary },
    handle: async ({ res, deps, caller, body }) =>
      sendOutcome(res, await createMember(deps.ctx, caller, body), 201),
  }),
  route({
    method: 'patch',
    path: '/api/v1/admin/members/:id',
    operationId: 'adminUpdateMember',
    summary: 'Change a member',
    auth: 'admin',
    params: IdParams,
    body: UpdateMemberBody,
    response: { status: 200, schema: MemberSummary },
    handle: async ({ res, deps, caller, params, body }) =>
      sendOutcome(res, await updateMember(deps.ctx, caller, params.id, body)),
  }),
  route({
    method: 'get',
    path: '/api/v1/contacts',
    operationId: 'searchContacts',
    summary: 'Search contacts',
    auth: 'enabled',
    query: ContactQuery,
    response: { status: 200, schema: z.array(Contact) },
    handle: async ({ res, deps, caller, query }) =>
      sendOutcome(res, await listContacts(deps.ctx, caller, query.query)),
  }),
  route({
    method: 'post',
    path: '/api/v1/contacts',
    operationId: 'createContact',
    summary: 'Create a contact from a phone number',
    auth: 'enabled',
    body: CreateContactBody,
    response: { status: 201, schema: Contact, also: { 200: 'The contact with that number exists already' } },
    handle: async ({ res, deps, caller, body }) => {
      const outcome = await createContact(deps.ctx, caller, body);
      if (!outcome.ok) return sendOutcome(res, outcome);
      sendJson(res, outcome.value.created ? 201 : 200, outcome.value.contact);
    },
  }),
  // The tab asks before it promises a new contact: the same rule as POST /contacts and POST /threads.
  route({
    method: 'get',
    path: '/api/v1/phone-numbers/check',
    operationId: 'checkPhoneNumber',
    summary: 'Check a typed phone number',
    auth: 'enabled',
    query: PhoneCheckQuery,
    response: { status: 200, schema: PhoneCheck },
    handle: async ({ res, query }) => {
      const checked = checkPhone(query.phone);
      sendJson(
        res,
        200,
        checked.ok ? { phone: checked.e164, reason: null } : { phone: null, reason: checked.reason },
      );
    },
  }),
  // The tenant's approved templates, from the catalogue synced from Meta (or the sandbox).
  route({
    method: 'get',
    path: '/api/v1/templates',
    operationId: 'listTemplates',
    summary: 'Approved templates of the tenant',
    auth: 'enabled',
    response: { status: 200, schema: z.array(Template) },
    handle: async ({ res, deps, caller }) => sendOutcome(res, await listApprovedTemplates(deps.ctx, caller)),
  }),
];
