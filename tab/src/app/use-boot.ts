import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientConfig } from '@bridgeline/shared';
import { API_BASE, createApiClient } from '../api/api-client.js';
import { ApiError } from '../api/api-error.js';
import { connectLiveEvents } from '../api/live-events.js';
import { devSession } from './dev-session.js';
import { askSignedIn, takeEarlyConfig, takeEarlyDev } from './prefetch.js';
import type { FirstInboxPage, Services } from './services.js';
import { connectToTeams, type TeamsHost } from './teams-host.js';

export type BootState =
  | { kind: 'starting' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'sign-in'; config: ClientConfig }
  | { kind: 'teams-required' }
  | { kind: 'ready'; services: Services };

/**
 * Starts the tab: find the Teams host (or not), ask the server how it signs members in, then either use the
 * Teams SSO token or the dev token kept in sessionStorage.
 */
export function useBoot(onHost: (host: TeamsHost) => void) {
  const [state, setState] = useState<BootState>({ kind: 'starting' });
  const hostRef = useRef<TeamsHost | null | undefined>(undefined);
  const onHostRef = useRef(onHost);
  const servicesRef = useRef<Services | null>(null);

  const start = useCallback(async () => {
    setState({ kind: 'starting' });
    servicesRef.current?.live.close();
    servicesRef.current = null;
    try {
      if (hostRef.current === undefined) {
        hostRef.current = await connectToTeams();
        if (hostRef.current) onHostRef.current(hostRef.current);
      }
      const host = hostRef.current;
      // The prefetched answer serves the first start only; a restart asks again.
      const configAnswer = takeEarlyConfig() ?? createApiClient({ getToken: async () => null }).getConfig();
      const config = await configAnswer;
      let getToken: () => Promise<string | null>;
      if (config.authMode === 'entra') {
        if (!host) return setState({ kind: 'teams-required' });
        getToken = host.getToken;
      } else {
        if (!devSession.get()) return setState({ kind: 'sign-in', config });
        getToken = async () => devSession.get();
      }
      const onUnauthorized = () => {
        if (config.authMode !== 'dev') return;
        devSession.clear();
        servicesRef.current?.live.close();
        setState({ kind: 'sign-in', config });
      };
      const api = createApiClient({ getToken, onUnauthorized });
      // The inbox's first page is asked for alongside /me rather than after it: one round trip less before the
      // first row. Its answer is awaited too (it travels with /me), so the inbox renders its rows at once instead of
      // a loading state first. A refusal (a member who is not enabled) is only seen if the inbox takes the page.
      // The answers asked for before React rendered serve the first start, if made with the same dev token.
      const early = takeEarlyDev(config.authMode === 'dev' ? devSession.get() : null);
      const answers = early ?? askSignedIn(api);
      const me = await answers.me.catch((error: unknown) => {
        // The early client has no onUnauthorized of its own.
        if (early && error instanceof ApiError && error.status === 401) onUnauthorized();
        throw error;
      });
      let prefetched: FirstInboxPage | null = await answers.inbox;
      const live = connectLiveEvents(`${API_BASE}/events`, getToken);
      const fetchedAt = Date.now();
      const takeFirstInboxPage = () => {
        // Only for the inbox shown right after sign-in: a page taken later would be stale.
        const page = Date.now() - fetchedAt < 10_000 ? prefetched : null;
        prefetched = null;
        return page;
      };
      servicesRef.current = { api, me, config, live, takeFirstInboxPage };
      setState({ kind: 'ready', services: servicesRef.current });
    } catch (error) {
      // A 401 in dev mode already switched to the sign-in picker.
      setState((current) => (current.kind === 'sign-in' ? current : { kind: 'failed', error }));
    }
  }, []);

  useEffect(() => {
    void start();
    return () => servicesRef.current?.live.close();
  }, [start]);

  const signOut = useCallback(() => {
    devSession.clear();
    void start();
  }, [start]);

  return { state, restart: start, signOut, inTeams: Boolean(hostRef.current) };
}
