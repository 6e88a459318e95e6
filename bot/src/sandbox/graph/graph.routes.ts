import type { Request, Response, Server } from 'restify';
import { MAX_MEDIA_BYTES } from '../sandbox-state.js';
import {
  BodyTooLarge,
  originOf,
  paramOf,
  parseJson,
  queryOf,
  readBody,
  route,
  sendBytes,
  sendJson,
  type RouteLogger,
} from '../sandbox-http.js';
import type { GraphAnswer, GraphFace } from './graph-face.js';
import { invalidParameter, invalidToken, missingToken } from './graph-errors.js';

/** The token the app's Graph client uses in sandbox mode; any other answers 190, none answers 104, as Meta does. */
export const SANDBOX_ACCESS_TOKEN = 'bridgeline-sandbox-access-token';

const GRAPH = '/sandbox/graph/:version';
const MAX_JSON_BYTES = 256 * 1024;

function authError(req: Request): GraphAnswer | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !/^Bearer\s+\S/i.test(header)) return missingToken();
  return header.replace(/^Bearer\s+/i, '').trim() === SANDBOX_ACCESS_TOKEN ? null : invalidToken();
}

function answer(res: Response, a: GraphAnswer): void {
  sendJson(res, a.httpStatus, a.body);
}

/** The simulated Graph API under `/sandbox/graph/{version}/…`, plus the "lookaside" host media URLs point at. */
export function registerSandboxGraphRoutes(server: Server, graph: GraphFace, log: RouteLogger): void {
  const answered = (fn: (req: Request) => Promise<GraphAnswer>) =>
    route(log, async (req, res) => {
      const latency = graph.latencyMs;
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      if (!/^v\d+\.\d+$/.test(paramOf(req, 'version'))) {
        return answer(res, invalidParameter(`Unknown API version ${paramOf(req, 'version')}`));
      }
      const refused = authError(req);
      if (refused) {
        await readBody(req, MAX_MEDIA_BYTES * 2).catch(() => undefined);
        return answer(res, refused);
      }
      try {
        answer(res, await fn(req));
      } catch (error) {
        if (error instanceof BodyTooLarge) return answer(res, invalidParameter('Request body is too large'));
        throw error;
      }
    });

  server.post(
    `${GRAPH}/:phoneNumberId/messages`,
    answered(async (req) => {
      const body = parseJson(await readBody(req, MAX_JSON_BYTES));
      if (body === undefined) return invalidParameter('The request body is not valid JSON');
      return graph.postMessages(paramOf(req, 'phoneNumberId'), body);
    }),
  );

  server.post(
    `${GRAPH}/:phoneNumberId/media`,
    answered(async (req) => {
      const raw = await readBody(req, MAX_MEDIA_BYTES + 64 * 1024);
      const contentType = req.headers['content-type'] ?? '';
      if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
        return invalidParameter('Upload media as multipart/form-data');
      }
      let form: FormData;
      try {
        form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      } catch {
        return invalidParameter('The multipart body could not be read');
      }
      const file = form.get('file');
      if (form.get('messaging_product') !== 'whatsapp')
        return invalidParameter('Param messaging_product is required');
      if (file === null || typeof file === 'string') return invalidParameter('Param file is required');
      const type = form.get('type');
      const mimeType = typeof type === 'string' && type !== '' ? type : file.type;
      return graph.uploadMedia(
        paramOf(req, 'phoneNumberId'),
        Buffer.from(await file.arrayBuffer()),
        mimeType,
      );
    }),
  );

  server.get(
    `${GRAPH}/:phoneNumberId/whatsapp_business_profile`,
    answered(async (req) => graph.profiles.get(paramOf(req, 'phoneNumberId'), queryOf(req).get('fields'))),
  );

  server.post(
    `${GRAPH}/:phoneNumberId/whatsapp_business_profile`,
    answered(async (req) => {
      const body = parseJson(await readBody(req, MAX_JSON_BYTES));
      if (body === undefined) return invalidParameter('The request body is not valid JSON');
      return graph.profiles.post(paramOf(req, 'phoneNumberId'), body);
    }),
  );

  server.get(
    `${GRAPH}/:wabaId/message_templates`,
    answered(async (req) => {
      const query = queryOf(req);
      const limit = Math.min(Math.max(Number(query.get('limit') ?? 25) || 25, 1), 1000);
      const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
      return graph.listTemplates(paramOf(req, 'wabaId'), limit, query.get('after'), originOf(req), path);
    }),
  );

  server.get(
    `${GRAPH}/:mediaId`,
    answered(async (req) =>
      graph.mediaInfo(paramOf(req, 'mediaId'), queryOf(req).get('phone_number_id'), originOf(req)),
    ),
  );

  // Meta's lookaside URLs need the same bearer token and expire after five minutes.
  server.get(
    '/sandbox/lookaside/whatsapp_business/attachments/',
    route(log, async (req, res) => {
      const refused = authError(req);
      if (refused) return answer(res, refused);
      const media = graph.mediaDownload(queryOf(req));
      if (!media) {
        res.status(404);
        res.setHeader('content-type', 'text/plain');
        res.sendRaw('URL signature expired');
        return;
      }
      sendBytes(res, media.bytes, media.mimeType);
    }),
  );
}
