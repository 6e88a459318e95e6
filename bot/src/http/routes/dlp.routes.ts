import { z } from 'zod';
import {
  CreateDlpRuleBody,
  DlpCheckBody,
  DlpCheckResult,
  DlpReview,
  DlpReviewList,
  DlpReviewQuery,
  DlpRuleView,
  PatchDlpRuleBody,
  ResolveReviewBody,
} from '@bridgeline/shared';
import { checkDlp } from '../../app/dlp/check.use-case.js';
import { listReviews, resolveReview } from '../../app/dlp/reviews.use-case.js';
import { createDlpRule, deleteDlpRule, listDlpRules, updateDlpRule } from '../../app/dlp/rules.use-case.js';
import { sendOutcome } from '../problem.js';
import { IdParams, route } from '../route-table.js';

/** Data loss prevention (docs/dlp.md): the tenant's rules and review queue (admins), the composer's policy tip. */
export const dlpRoutes = [
  route({
    method: 'get',
    path: '/api/v1/admin/dlp-rules',
    operationId: 'adminListDlpRules',
    summary: "The tenant's DLP rules, oldest first",
    auth: 'admin',
    response: { status: 200, schema: z.array(DlpRuleView) },
    handle: async ({ res, deps, caller }) => sendOutcome(res, await listDlpRules(deps.ctx, caller)),
  }),
  route({
    method: 'post',
    path: '/api/v1/admin/dlp-rules',
    operationId: 'adminCreateDlpRule',
    summary: 'Add a rule (keywords, an RE2 pattern or a built-in detector) with its action; archived',
    auth: 'admin',
    body: CreateDlpRuleBody,
    response: { status: 201, schema: DlpRuleView },
    handle: async ({ res, deps, caller, body }) =>
      sendOutcome(res, await createDlpRule(deps.ctx, caller, body), 201),
  }),
  route({
    method: 'patch',
    path: '/api/v1/admin/dlp-rules/:id',
    operationId: 'adminUpdateDlpRule',
    summary: 'Change a rule (or enable or disable it); archived',
    auth: 'admin',
    params: IdParams,
    body: PatchDlpRuleBody,
    response: { status: 200, schema: DlpRuleView },
    handle: async ({ res, deps, caller, params, body }) =>
      sendOutcome(res, await updateDlpRule(deps.ctx, caller, params.id, body)),
  }),
  route({
    method: 'delete',
    path: '/api/v1/admin/dlp-rules/:id',
    operationId: 'adminDeleteDlpRule',
    summary: 'Delete a rule; archived with the rule as it was',
    auth: 'admin',
    params: IdParams,
    response: { status: 200, schema: z.object({ deleted: z.literal(true) }) },
    handle: async ({ res, deps, caller, params }) =>
      sendOutcome(res, await deleteDlpRule(deps.ctx, caller, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/v1/dlp/check',
    operationId: 'checkDlp',
    summary:
      "The policy tip: what the tenant's rules would do to this text (admins may pass unsaved `rules`)",
    auth: 'enabled',
    body: DlpCheckBody,
    response: { status: 200, schema: DlpCheckResult },
    handle: async ({ res, deps, caller, body }) => sendOutcome(res, await checkDlp(deps.ctx, caller, body)),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/reviews',
    operationId: 'adminListReviews',
    summary: 'Flagged messages waiting for review (`state=open`) or reviewed (`resolved`), newest first',
    auth: 'admin',
    query: DlpReviewQuery,
    response: { status: 200, schema: DlpReviewList },
    handle: async ({ res, deps, caller, query }) =>
      sendOutcome(res, await listReviews(deps.ctx, caller, query.state)),
  }),
  route({
    method: 'post',
    path: '/api/v1/admin/reviews/:id/resolve',
    operationId: 'adminResolveReview',
    summary: 'Clear or escalate a flagged message, with a note; archived (`dlp.review_resolved`)',
    auth: 'admin',
    params: IdParams,
    body: ResolveReviewBody,
    response: { status: 200, schema: DlpReview },
    handle: async ({ res, deps, caller, params, body }) =>
      sendOutcome(res, await resolveReview(deps.ctx, caller, params.id, body)),
  }),
];
