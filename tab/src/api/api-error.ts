import { ERROR_CODES, type ErrorCode, type Problem } from '@bridgeline/shared/errors';

/** The invalid fields a `validation_failed` problem lists. */
type FieldErrors = NonNullable<Problem['errors']>;

/** An API failure with words a member understands: the title of the problem `code`, never raw JSON. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  readonly detail: string | undefined;
  readonly fieldErrors: FieldErrors;

  constructor(
    status: number,
    code: ErrorCode | 'network',
    message: string,
    detail?: string,
    fieldErrors: FieldErrors = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** Maps an HTTP status with no usable problem body to the closest known code. */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 502 || status === 504) return 'unavailable';
  if (status >= 400 && status < 500) return 'validation_failed';
  return 'internal';
}

export function apiErrorFromProblem(status: number, body: unknown): ApiError {
  const problem = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = isErrorCode(problem.code) ? problem.code : codeForStatus(status);
  const detail = typeof problem.detail === 'string' ? problem.detail : undefined;
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter(
        (e): e is FieldErrors[number] =>
          typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string',
      )
    : [];
  return new ApiError(status, code, ERROR_CODES[code].title, detail, errors);
}

export function networkError(): ApiError {
  return new ApiError(0, 'network', 'Cannot reach Bridgeline. Check your connection and try again.');
}

/** Words for any thrown value, for banners and toasts. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    // DLP detail names the rule, which the sender must see; validation lists the fields.
    if (error.code === 'dlp_blocked' && error.detail) return `${error.message} ${error.detail}`;
    // A paused or disabled opt-in template: which one and what it means for the member (issue 18).
    if (error.code === 'template_unavailable' && error.detail) return `${error.message} ${error.detail}`;
    // A refused Teams sign-in says why (expired, consent missing, organisation not set up): more use than "sign in".
    if (error.code === 'unauthorized' && error.detail) return error.detail;
    if (error.code === 'validation_failed' && error.fieldErrors.length > 0) {
      return `${error.message} ${error.fieldErrors.map((e) => e.message).join(' ')}`;
    }
    return error.message;
  }
  return ERROR_CODES.internal.title;
}
