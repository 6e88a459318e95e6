import type { ClientConfig, Me } from '@bridgeline/shared';
import { createApiClient, type ApiClient } from '../api/api-client.js';
import { devSession } from './dev-session.js';
import type { FirstInboxPage } from './services.js';

/**
 * The answers the first screen needs, asked for by the tab's entry (main.tsx) before the app's code has even
 * downloaded: the entry is a few kilobytes, the app chunk (React, Fluent UI, the inbox) arrives and compiles while
 * these round trips are under way. useBoot takes each answer once, for the first start only.
 */
export interface SignedInAnswers {
  me: Promise<Me>;
  inbox: Promise<FirstInboxPage>;
}

let earlyConfig: Promise<ClientConfig> | null = null;
let earlyDev: (SignedInAnswers & { token: string }) | null = null;

/** /me and the inbox's first page asked for together: the first row waits for one round trip. */
export function askSignedIn(api: ApiClient): SignedInAnswers {
  const me = api.me();
  me.catch(() => undefined);
  const inbox = api.listThreads({}).then(
    (page): FirstInboxPage => ({ page }),
    (error: unknown) => ({ error }),
  );
  return { me, inbox };
}

/**
 * Asks for /config; with a dev token already in this browser tab (a reload), /me and the inbox too. Those are used
 * only if the server says it is in dev mode.
 */
export function prefetchConfig(): void {
  earlyConfig = createApiClient({ getToken: async () => null }).getConfig();
  earlyConfig.catch(() => undefined);
  const token = devSession.get();
  earlyDev = token ? { token, ...askSignedIn(createApiClient({ getToken: async () => token })) } : null;
}

/** The prefetched /config, once; null after that or if nothing was prefetched. */
export function takeEarlyConfig(): Promise<ClientConfig> | null {
  const answer = earlyConfig;
  earlyConfig = null;
  return answer;
}

/** The prefetched dev-mode answers, once, if they were asked for with `token`. */
export function takeEarlyDev(token: string | null): (SignedInAnswers & { token: string }) | null {
  const answers = earlyDev && earlyDev.token === token ? earlyDev : null;
  earlyDev = null;
  return answers;
}
