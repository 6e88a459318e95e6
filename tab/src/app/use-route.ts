import { useCallback, useSyncExternalStore } from 'react';

/** The parts of the admin screen: members, and the compliance archive. */
export type AdminSection =
  'members' | 'compliance' | 'dlp' | 'organisation' | 'templates' | 'health' | 'usage';

/** Admin sections beside Members, each at `#/admin/<section>`. */
const ADMIN_PATHS = ['compliance', 'dlp', 'organisation', 'templates', 'health', 'usage'] as const;

export type Route =
  | { screen: 'inbox'; threadId: string | null }
  | { screen: 'contacts' }
  | { screen: 'admin'; section: AdminSection };

/** Hash routes keep the tab a static site: `#/threads/:id`, `#/contacts`, `#/admin`, `#/admin/compliance`. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const thread = /^\/threads\/([^/?]+)/.exec(path);
  if (thread?.[1]) return { screen: 'inbox', threadId: decodeURIComponent(thread[1]) };
  if (path.startsWith('/contacts')) return { screen: 'contacts' };
  if (path.startsWith('/admin')) {
    const section = ADMIN_PATHS.find((s) => path.startsWith(`/admin/${s}`)) ?? 'members';
    return { screen: 'admin', section };
  }
  return { screen: 'inbox', threadId: null };
}

export function routeToHash(route: Route): string {
  if (route.screen === 'contacts') return '#/contacts';
  if (route.screen === 'admin') return route.section === 'members' ? '#/admin' : `#/admin/${route.section}`;
  return route.threadId ? `#/threads/${encodeURIComponent(route.threadId)}` : '#/';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((route: Route) => {
    window.location.hash = routeToHash(route);
  }, []);
  return [parseRoute(hash), navigate];
}
