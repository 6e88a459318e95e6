import { z } from 'zod';
import { templateParameterCount } from '@bridgeline/shared';
import type { GraphApiErrorFields } from './graph-errors.js';

// Shapes of the Graph API answers Bridgeline reads (v23.0). Loose: Meta adds fields.

export interface TemplateButton {
  type: string;
  text: string;
}

export interface TemplateComponent {
  type: string;
  format: string | null;
  text: string | null;
  buttons: TemplateButton[];
}

export interface MessageTemplate {
  id: string;
  name: string;
  language: string;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED, … — only APPROVED ones may be offered. */
  status: string;
  category: string | null;
  /** GREEN, YELLOW, RED, UNKNOWN; null when Meta does not say. */
  quality: string | null;
  components: TemplateComponent[];
  /** Number of {{n}} placeholders in the body. */
  bodyParameterCount: number;
  /** Texts of the quick-reply buttons, in order (their payloads are ours to choose when sending). */
  quickReplies: string[];
}

export const GraphErrorBodySchema = z.looseObject({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.union([z.number().int(), z.string().regex(/^\d+$/)]).optional(),
    error_subcode: z.union([z.number().int(), z.string().regex(/^\d+$/)]).optional(),
    error_user_title: z.string().optional(),
    error_data: z.union([z.looseObject({ details: z.string().optional() }), z.string()]).optional(),
    fbtrace_id: z.string().optional(),
    is_transient: z.boolean().optional(),
  }),
});

export const SendResponseSchema = z.looseObject({
  contacts: z.array(z.looseObject({ input: z.string().optional(), wa_id: z.string().optional() })).optional(),
  messages: z.array(z.looseObject({ id: z.string().min(1), message_status: z.string().optional() })).min(1),
});

export const SuccessResponseSchema = z.looseObject({ success: z.boolean() });
export const UploadResponseSchema = z.looseObject({ id: z.string().min(1) });

export const MediaUrlResponseSchema = z.looseObject({
  id: z.string().min(1),
  url: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: z.union([z.number(), z.string().regex(/^\d+$/)]).optional(),
});

export const TemplatePageSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      language: z.string(),
      status: z.string(),
      category: z.string().optional(),
      quality_score: z.looseObject({ score: z.string().optional() }).optional(),
      components: z
        .array(
          z.looseObject({
            type: z.string(),
            format: z.string().optional(),
            text: z.string().optional(),
            buttons: z.array(z.looseObject({ type: z.string(), text: z.string() })).optional(),
          }),
        )
        .optional(),
    }),
  ),
  paging: z
    .looseObject({
      cursors: z.looseObject({ after: z.string().optional() }).optional(),
      next: z.string().optional(),
    })
    .optional(),
});

export function withoutCodePrefix(message: string): string {
  // Graph prefixes messages with "(#131047) "; the rest is the closest thing to a title sync errors have.
  return message.replace(/^\(#\d+\)\s*/, '');
}

export function toNumberOrNull(value: number | string | undefined): number | null {
  return value === undefined ? null : Number(value);
}

/** Parameters a send of the body carries: the shared placeholder rule (`templateParameterCount`), as the tab counts. */
export function countBodyParameters(text: string | null): number {
  return text === null ? 0 : templateParameterCount(text);
}

export function toMessageTemplate(t: z.output<typeof TemplatePageSchema>['data'][number]): MessageTemplate {
  const components: TemplateComponent[] = (t.components ?? []).map((c) => ({
    type: c.type,
    format: c.format ?? null,
    text: c.text ?? null,
    buttons: (c.buttons ?? []).map((b) => ({ type: b.type, text: b.text })),
  }));
  const body = components.find((c) => c.type.toUpperCase() === 'BODY');
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category ?? null,
    quality: t.quality_score?.score ?? null,
    components,
    bodyParameterCount: countBodyParameters(body?.text ?? null),
    quickReplies: components
      .flatMap((c) => c.buttons)
      .filter((b) => b.type.toUpperCase() === 'QUICK_REPLY')
      .map((b) => b.text),
  };
}

/** The fields of a `GraphApiError` from an error answer; a body that is not Graph's JSON still gives the status. */
export function graphErrorFields(
  httpStatus: number,
  statusText: string,
  bodyText: string,
  headers: Headers,
): GraphApiErrorFields {
  let json: unknown = undefined;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const parsed = GraphErrorBodySchema.safeParse(json);
  if (!parsed.success) {
    return {
      httpStatus,
      code: null,
      subcode: null,
      type: null,
      title: null,
      message: `Graph API answered HTTP ${httpStatus}${statusText ? ` ${statusText}` : ''}`,
      details: null,
      fbtraceId: headers.get('x-fb-trace-id'),
      isTransient: null,
    };
  }
  const e = parsed.data.error;
  const message = e.message ?? `Graph API answered HTTP ${httpStatus}`;
  return {
    httpStatus,
    code: toNumberOrNull(e.code),
    subcode: toNumberOrNull(e.error_subcode),
    type: e.type ?? null,
    title: e.error_user_title ?? withoutCodePrefix(message),
    message,
    details: typeof e.error_data === 'string' ? e.error_data : (e.error_data?.details ?? null),
    fbtraceId: e.fbtrace_id ?? headers.get('x-fb-trace-id'),
    isTransient: e.is_transient ?? null,
  };
}
