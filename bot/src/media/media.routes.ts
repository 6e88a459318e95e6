import { fileTypeFromBuffer } from 'file-type';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { MAX_IMAGE_BYTES } from '@bridgeline/shared';
import type { WhatsAppContext } from '../whatsapp/webhook/webhook-inbox.port.js';
import { readMedia, uploadMedia } from '../app/media.use-case.js';
import {
  authed,
  authenticateRequest,
  problem,
  ProblemError,
  readBody,
  sendOutcome,
  sendProblem,
  type Authenticator,
} from '../http/index.js';
import type { MediaStore } from '../ports/index.js';

// The image plus the multipart framing around it.
const MAX_UPLOAD_BYTES = MAX_IMAGE_BYTES + 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `file` field of a multipart body, parsed by the platform's own FormData (no extra dependency). */
async function fileField(req: Request, body: Buffer): Promise<Buffer> {
  const type = req.header('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type))
    throw new ProblemError(
      problem('validation_failed', 'Send the image as multipart/form-data, field "file".'),
    );
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new ProblemError(problem('validation_failed', 'The multipart body could not be read.'));
  }
  const file = form.get('file');
  if (file === null || typeof file === 'string')
    throw new ProblemError(problem('validation_failed', 'Send the image in the field "file".'));
  return Buffer.from(await file.arrayBuffer());
}

/** `POST /api/v1/media` (upload an image to send) and `GET /api/v1/media/:id` (its bytes, to those who may see it). */
export function registerMediaRoutes(
  server: Server,
  deps: { ctx: WhatsAppContext; auth: Authenticator; log: Logger; media: MediaStore },
): void {
  const { ctx, auth, log, media } = deps;
  server.post('/api/v1/media', (req: Request, res: Response, next: () => void) => {
    // Not through `authed`: its JSON reader would consume the multipart body.
    upload(req, res)
      .catch((error: unknown) => {
        if (res.headersSent) return;
        if (error instanceof ProblemError) {
          res.setHeader('connection', 'close');
          return sendProblem(res, error.problem);
        }
        log.error({ err: error, reqId: req.id() }, 'media upload failed');
        sendProblem(res, problem('internal'));
      })
      .finally(() => next());
  });
  async function upload(req: Request, res: Response): Promise<void> {
    const { member: caller } = await authenticateRequest(log, auth, req, res);
    const bytes = await fileField(req, await readBody(req, MAX_UPLOAD_BYTES, 'Images may be at most 5 MB.'));
    const sniffed = await fileTypeFromBuffer(bytes);
    sendOutcome(
      res,
      await uploadMedia(ctx, media, caller, { bytes, sniffedMime: sniffed?.mime ?? null }),
      201,
    );
  }
  server.get(
    '/api/v1/media/:id',
    authed(log, auth, async (req, res, caller) => {
      const id = String(req.params['id'] ?? '');
      if (!UUID.test(id)) throw new ProblemError(problem('not_found'));
      const found = await readMedia(ctx, media, caller, id);
      if (!found.ok) return sendOutcome(res, found);
      res.status(200);
      res.setHeader('content-type', found.value.mimeType);
      res.setHeader('content-length', String(found.value.bytes.length));
      res.setHeader('cache-control', 'private, max-age=3600');
      res.setHeader('x-content-type-options', 'nosniff');
      res.sendRaw(found.value.bytes);
    }),
  );
}
