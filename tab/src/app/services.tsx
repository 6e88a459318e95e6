import { createContext, useContext, type ReactNode } from 'react';
import type { ClientConfig, Me, ThreadPage } from '@bridgeline/shared';
import type { ApiClient } from '../api/api-client.js';
import type { LiveEvents } from '../api/live-events.js';

/** What every screen needs: the API, who is signed in, and the live event stream. */
export interface Services {
  api: ApiClient;
  me: Me;
  config: ClientConfig;
  live: LiveEvents;
  /**
   * The inbox's first page (no filter), already answered while signing in, so the inbox draws its rows in its first
   * render; answers it once and soon after, then null.
   */
  takeFirstInboxPage?: () => FirstInboxPage | null;
}

export type FirstInboxPage = { page: ThreadPage } | { error: unknown };

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ value, children }: { value: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs a ServicesProvider');
  return services;
}
