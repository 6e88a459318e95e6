import type { RouteDoc } from '../http/index.js';
import { SMS_EVENTS_PATH } from './event-grid/sms-events.routes.js';

import { z } from 'zod';

const Code = z.object({ code: z.string() });

/** The Event Grid edge reads its own body (raw bytes kept), so it documents itself here. */
export const SMS_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'options',
    path: SMS_EVENTS_PATH,
    operationId: 'validateSmsEvents',
    summary:
      'CloudEvents 1.0 abuse-protection handshake: WebHook-Allowed-Origin for Event Grid (401 without ?code=)',
    auth: 'public',
    query: Code,
    response: { status: 200 },
  },
  {
    method: 'post',
    path: SMS_EVENTS_PATH,
    operationId: 'receiveSmsEvents',
    summary:
      'Azure Event Grid: SubscriptionValidation answered with { validationResponse }; SMSReceived and SMSDeliveryReportReceived stored before the 200 (401 with a wrong ?code=, 400 naming a malformed event while its siblings are stored)',
    auth: 'public',
    query: Code,
    response: { status: 200 },
  },
];
