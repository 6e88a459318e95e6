import { SmsClient, type SmsClientOptions, type SmsSendResult } from '@azure/communication-sms';
import type { OutboundSms, SendOutcome, SmsGateway } from '../../ports/index.js';
import { repeatabilityPolicy, REPEATABILITY_HEADER } from './repeatability.policy.js';
import { e164OfNumber } from '../sms-numbers.js';

/** The slice of a pino logger this adapter uses. */
export interface SmsGatewayLogger {
  error(obj: Record<string, unknown>, msg: string): void;
}

export interface AcsSmsGatewayOptions {
  /** `endpoint=https://<resource>.communication.azure.com/;accesskey=<key>` (ACS_CONNECTION_STRING). */
  connectionString: string;
  /**
   * The SDK pipeline's retries of 429 and 5xx: the same request again, so the same repeatability id, and ACS sends the
   * text once. Defaults to the SDK's (3 retries, exponential from 1 s); tests make them quick.
   */
  retry?: NonNullable<SmsClientOptions['retryOptions']>;
  logger?: SmsGatewayLogger;
}

/**
 * The `SmsGateway` port on Azure Communication Services, through `@azure/communication-sms`: one recipient per send,
 * a delivery report asked for (Event Grid's SMSDeliveryReportReceived, tagged with our message id), and the
 * repeatability id set to our message id (repeatability.policy.ts) so that no retry, ours or the SDK's, doubles a text.
 */
export class AcsSmsGateway implements SmsGateway {
  private readonly client: SmsClient;

  constructor(private readonly options: AcsSmsGatewayOptions) {
    this.client = new SmsClient(options.connectionString, {
      ...(options.retry ? { retryOptions: options.retry } : {}),
      additionalPolicies: [{ policy: repeatabilityPolicy(), position: 'perCall' }],
    });
  }

  async send(message: OutboundSms): Promise<SendOutcome> {
    const to = message.to.phoneE164;
    if (to === null)
      return { ok: false, kind: 'permanent', code: 'no_recipient', title: 'The contact has no phone number' };
    let results: SmsSendResult[];
    try {
      results = await this.client.send(
        { from: e164OfNumber(message.from), to: [to], message: message.text },
        {
          enableDeliveryReport: true,
          tag: message.messageId,
          requestOptions: { customHeaders: { [REPEATABILITY_HEADER]: message.messageId } },
        },
      );
    } catch (error) {
      return this.thrown(error, message);
    }
    const [result] = results;
    if (!result)
      return { ok: false, kind: 'retry', code: 'acs_empty', title: 'ACS answered without a result' };
    if (result.successful && result.messageId) return { ok: true, providerMessageId: result.messageId };
    return perRecipientFailure(result);
  }

  private thrown(error: unknown, message: OutboundSms): Extract<SendOutcome, { ok: false }> {
    const status = statusOf(error);
    const words = error instanceof Error ? error.message : String(error);
    if (status === undefined)
      // No answer (network, timeout): the next attempt carries the same repeatability id.
      return {
        ok: false,
        kind: 'retry',
        code: 'acs_unreachable',
        title: 'Azure Communication Services did not answer',
        details: words,
      };
    if (status === 429 || status >= 500)
      return {
        ok: false,
        kind: 'retry',
        code: `acs_${status}`,
        title: status === 429 ? 'ACS is throttling sends' : 'ACS failed',
        details: words,
        ...retryAfterOf(error),
      };
    if (status === 401 || status === 403)
      this.options.logger?.error(
        { httpStatus: status, messageId: message.messageId, from: message.from.id },
        'SMS configuration problem: ACS refused the credentials (ACS_CONNECTION_STRING)',
      );
    return {
      ok: false,
      kind: 'permanent',
      code: `acs_${status}`,
      title: 'ACS refused the SMS',
      details: words,
    };
  }
}

/** One recipient's refusal inside a 202 (e.g. a number that is not SMS-capable): ACS's words for the member. */
function perRecipientFailure(r: SmsSendResult): Extract<SendOutcome, { ok: false }> {
  const status = r.httpStatusCode;
  const retry = status === 429 || status >= 500;
  return {
    ok: false,
    kind: retry ? 'retry' : 'permanent',
    code: `acs_${status}`,
    title: r.errorMessage ?? `ACS could not send the SMS (HTTP ${status})`,
  };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function retryAfterOf(error: unknown): { retryAfterMs?: number } {
  const response = (error as { response?: { headers?: { get(name: string): string | undefined } } }).response;
  const header = response?.headers?.get('retry-after');
  const seconds = header === undefined ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: seconds * 1000 } : {};
}
