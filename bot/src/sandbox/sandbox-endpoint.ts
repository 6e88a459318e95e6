import type {
  BusinessNumberRecord,
  OutboundMessage,
  ReadReceiptOutcome,
  SendOutcome,
  WhatsAppGateway,
} from '../ports/index.js';
import { GraphApiClient, GraphWhatsAppGateway, type GraphWhatsAppGatewayOptions } from '../whatsapp/index.js';
import { SANDBOX_ACCESS_TOKEN } from './graph/graph.routes.js';

const NOT_LISTENING = {
  ok: false,
  kind: 'retry',
  code: 'sandbox_starting',
  title: 'The sandbox is not listening yet',
} as const;

/**
 * The app's end of the sandbox: the real `GraphWhatsAppGateway` and `GraphApiClient`, talking HTTP to the simulated
 * Cloud API under `${origin}/sandbox/graph`. The origin is known only once the server listens; a send before that is
 * retried like any transient failure, and `client()` is null.
 */
export class SandboxEndpoint implements WhatsAppGateway {
  private inner: GraphWhatsAppGateway | null = null;
  private graphClient: GraphApiClient | null = null;

  constructor(
    private readonly options: Omit<GraphWhatsAppGatewayOptions, 'client'> & { apiVersion: string },
  ) {}

  bind(baseUrl: string): void {
    const origin = new URL(baseUrl);
    const clientOf = () =>
      new GraphApiClient({
        baseUrl: `${origin.origin}/sandbox/graph`,
        apiVersion: this.options.apiVersion,
        accessToken: SANDBOX_ACCESS_TOKEN,
        // Media URLs point back at this server: allow its loopback host (http is accepted for loopback only).
        mediaHosts: [origin.host],
      });
    this.inner = new GraphWhatsAppGateway({ ...this.options, client: clientOf() });
    this.graphClient = clientOf();
  }

  /** The Graph client for media downloads and the template list; null until the server listens. */
  client(): GraphApiClient | null {
    return this.graphClient;
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    if (!this.inner) return NOT_LISTENING;
    return this.inner.send(message);
  }

  async markRead(from: BusinessNumberRecord, providerMessageId: string): Promise<ReadReceiptOutcome> {
    if (!this.inner) return NOT_LISTENING;
    return this.inner.markRead(from, providerMessageId);
  }
}
