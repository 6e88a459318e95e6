import { newTraceId } from '../sandbox-ids.js';

/** A Graph API error answer: HTTP status and Meta's `{ error: { … } }` body. */
export interface GraphErrorAnswer {
  httpStatus: number;
  body: {
    error: {
      message: string;
      type: string;
      code: number;
      error_subcode?: number;
      error_data?: { messaging_product: 'whatsapp'; details: string };
      is_transient?: boolean;
      fbtrace_id: string;
    };
  };
}

/** The same error as it appears in a failed status webhook's `errors[]`. */
// A type, not an interface: it must fit the webhook schema's open (index-signature) error objects.
export type WebhookErrorItem = {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
};

interface Known {
  httpStatus: number;
  title: string;
  details: string;
  transient?: boolean;
}

const ERROR_CODES_HREF = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

// Titles and details as Meta words them (Cloud API error-code reference).
const KNOWN: Record<number, Known> = {
  131026: {
    httpStatus: 400,
    title: 'Message undeliverable',
    details: 'Message Undeliverable.',
  },
  131047: {
    httpStatus: 400,
    title: 'Re-engagement message',
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  130429: {
    httpStatus: 400,
    title: 'Rate limit hit',
    details: 'Cloud API message throughput has been reached.',
  },
  131000: {
    httpStatus: 500,
    title: 'Something went wrong',
    details: 'Something went wrong',
    transient: true,
  },
  131009: {
    httpStatus: 400,
    title: 'Parameter value is not valid',
    details: 'One or more parameter values are invalid.',
  },
  131008: {
    httpStatus: 400,
    title: 'Required parameter is missing',
    details: 'A required parameter is missing.',
  },
  132000: {
    httpStatus: 400,
    title: 'Number of parameters does not match the expected number of params',
    details: 'body: number of localizable_params does not match the expected number of params',
  },
  132001: {
    httpStatus: 404,
    title: 'Template name does not exist in the translation',
    details: 'template name does not exist in the translation',
  },
};

/** Meta's answer for a messaging error code (131026, 131047, 130429, 131000, …), optionally with specific details. */
export function messagingError(code: keyof typeof KNOWN, details?: string): GraphErrorAnswer {
  const known = KNOWN[code]!;
  return {
    httpStatus: known.httpStatus,
    body: {
      error: {
        message: `(#${code}) ${known.title}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: details ?? known.details },
        ...(known.transient ? { is_transient: true } : {}),
        fbtrace_id: newTraceId(),
      },
    },
  };
}

export function webhookError(code: keyof typeof KNOWN): WebhookErrorItem {
  const known = KNOWN[code]!;
  return {
    code,
    title: known.title,
    message: known.title,
    error_data: { details: known.details },
    href: ERROR_CODES_HREF,
  };
}

/** `(#100) Invalid parameter`: a malformed request. */
export function invalidParameter(details: string): GraphErrorAnswer {
  return {
    httpStatus: 400,
    body: {
      error: {
        message: '(#100) Invalid parameter',
        type: 'OAuthException',
        code: 100,
        error_data: { messaging_product: 'whatsapp', details },
        fbtrace_id: newTraceId(),
      },
    },
  };
}

/** What Graph answers for an id that does not exist (or that this token may not see). */
export function unknownObject(id: string): GraphErrorAnswer {
  return {
    httpStatus: 400,
    body: {
      error: {
        message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
        fbtrace_id: newTraceId(),
      },
    },
  };
}

export function missingToken(): GraphErrorAnswer {
  return {
    httpStatus: 401,
    body: {
      error: {
        message: 'An access token is required to request this resource.',
        type: 'OAuthException',
        code: 104,
        fbtrace_id: newTraceId(),
      },
    },
  };
}

export function invalidToken(): GraphErrorAnswer {
  return {
    httpStatus: 401,
    body: {
      error: {
        message: 'Invalid OAuth access token - Cannot parse access token',
        type: 'OAuthException',
        code: 190,
        fbtrace_id: newTraceId(),
      },
    },
  };
}
