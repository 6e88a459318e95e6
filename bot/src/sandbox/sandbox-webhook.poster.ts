import { signBody } from '../whatsapp/webhook/webhook-signature.js';

type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface PosterLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface WebhookDelivery {
  at: string;
  kind: string;
  status: number | 'network error' | 'gave up';
  attempts: number;
}

const MAX_ATTEMPTS = 6;
const FIRST_BACKOFF_MS = 200;
const RECENT = 50;

/**
 * Posts webhook bodies the way Meta does: the exact bytes signed with the app secret in `X-Hub-Signature-256`,
 * retried with backoff until a 2xx. Posts for one key (a chat) go one after the other, so the app sees a message's
 * statuses in order; different chats post in parallel.
 */
export class WebhookPoster {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly recentDeliveries: WebhookDelivery[] = [];
  private closed = false;

  constructor(
    private readonly options: {
      appSecret: string;
      target: () => string | null;
      log: PosterLogger;
      fetch?: FetchLike;
      timeoutMs?: number;
    },
  ) {}

  /** Queues one body; `kind` names it in logs ("message text", "status read"). */
  post(key: string, kind: string, body: unknown, opts: { duplicate?: boolean } = {}): void {
    if (this.closed) return;
    // Meta escapes non-ASCII as \uXXXX and signs those bytes; do the same so verifiers are tested on real input.
    const bytes = Buffer.from(JSON.stringify(body).replace(/[\u007f-\uffff]/g, escapeChar), 'utf8');
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      await this.deliver(kind, bytes);
      if (opts.duplicate) await this.deliver(`${kind} (duplicate)`, bytes);
    });
    this.chains.set(key, next);
    this.pending.add(next);
    void next.finally(() => {
      this.pending.delete(next);
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  /** Resolves once everything queued so far was delivered (or given up on). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  recent(): readonly WebhookDelivery[] {
    return this.recentDeliveries;
  }

  close(): void {
    this.closed = true;
  }

  private async deliver(kind: string, bytes: Buffer): Promise<void> {
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    let last: WebhookDelivery['status'] = 'gave up';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !this.closed; attempt += 1) {
      const url = this.options.target();
      if (url === null) return;
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': signBody(bytes, this.options.appSecret),
            'user-agent': 'facebookexternalua',
          },
          body: bytes,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
        await response.arrayBuffer().catch(() => undefined);
        last = response.status;
        if (response.ok) return this.record(kind, last, attempt);
      } catch {
        last = 'network error';
      }
      if (attempt < MAX_ATTEMPTS && !this.closed) {
        await new Promise((resolve) => setTimeout(resolve, FIRST_BACKOFF_MS * 2 ** (attempt - 1)));
      }
    }
    this.record(kind, last, MAX_ATTEMPTS);
    this.options.log.warn({ kind, status: last }, 'sandbox: webhook not accepted; gave up');
  }

  private record(kind: string, status: WebhookDelivery['status'], attempts: number): void {
    this.recentDeliveries.unshift({ at: new Date().toISOString(), kind, status, attempts });
    this.recentDeliveries.length = Math.min(this.recentDeliveries.length, RECENT);
  }
}

function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
