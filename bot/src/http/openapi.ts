import { z } from 'zod';
import { ERROR_CODES } from '@bridgeline/shared';
import { isServed, type RouteDoc } from './route-table.js';

/**
 * Routes the server registers that are not Bridgeline's API and so are left out of the document (docs/api.md says
 * why). Everything else the server registers is described; bot/test/http/api/openapi.test.ts holds the two together.
 */
export const UNDESCRIBED_ROUTES = [
  { method: 'get', path: '/*', why: "the tab's static files (its catch-all route)" },
  {
    prefix: '/sandbox',
    why: "the built-in sandbox: a stand-in for Meta's Cloud API and the contact's phone (SANDBOX=true only)",
  },
] as const;

/** Whether a registered route (restify's path form) is one of `UNDESCRIBED_ROUTES`. */
export function isUndescribed(method: string, path: string): boolean {
  return UNDESCRIBED_ROUTES.some((r) =>
    'prefix' in r
      ? path === r.prefix || path.startsWith(`${r.prefix}/`)
      : r.method === method && r.path === path,
  );
}

/** restify's `/threads/:id` as OpenAPI's `/threads/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

function parameters(doc: RouteDoc): object[] {
  const path = [...doc.path.matchAll(/:(\w+)/g)].map(([, name]) => {
    const field = doc.params?.shape[name!] as z.ZodType | undefined;
    return { name, in: 'path', required: true, schema: field ? schema(field) : { type: 'string' } };
  });
  const query = Object.entries(doc.query?.shape ?? {}).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: schema(field as z.ZodType),
  }));
  return [...path, ...query, ...(doc.headers ?? [])];
}

function operation(doc: RouteDoc): object {
  const { response } = doc;
  const content = response.schema
    ? { 'application/json': { schema: schema(response.schema) } }
    : (response.content ?? null);
  const success = (description: string) => ({ description, ...(content ? { content } : {}) });
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    parameters: parameters(doc),
    ...(doc.auth === 'public' ? { security: [] } : {}),
    ...(doc.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schema(doc.body) } } } }
      : doc.requestBody
        ? { requestBody: doc.requestBody }
        : {}),
    responses: {
      [String(response.status)]: success('OK'),
      ...Object.fromEntries(Object.entries(response.also ?? {}).map(([s, why]) => [s, success(why)])),
      default: {
        description: 'A problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    },
  };
}

const cached = new WeakMap<readonly RouteDoc[], Map<boolean, object>>();

/**
 * The OpenAPI 3.1 document of `routes` (this module's table and what other adapters describe of theirs), generated
 * from the same zod schemas the server validates with; the dev token endpoint only when dev sign-in is on.
 */
export function openApiDocument(routes: readonly RouteDoc[], options: { devSignIn: boolean }): object {
  const known = cached.get(routes)?.get(options.devSignIn);
  if (known) return known;
  const paths: Record<string, Record<string, object>> = {};
  for (const doc of routes) {
    if (!isServed(doc, options)) continue;
    (paths[openApiPath(doc.path)] ??= {})[doc.method] = operation(doc);
  }
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Bridgeline API',
      version: '1',
      description: `Described in docs/api.md. Not described here: ${UNDESCRIBED_ROUTES.map((r) => r.why).join('; ')}.`,
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string', enum: Object.keys(ERROR_CODES) },
            detail: { type: 'string' },
          },
        },
      },
    },
    security: [{ bearer: [] }],
  };
  const forRoutes = cached.get(routes) ?? new Map<boolean, object>();
  cached.set(routes, forRoutes.set(options.devSignIn, document));
  return document;
}
