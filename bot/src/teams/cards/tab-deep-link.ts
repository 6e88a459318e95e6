/**
 * Deep links into the Bridgeline personal tab, in Teams' entity format:
 * `https://teams.microsoft.com/l/entity/<appId>/<entityId>?context={"subEntityId":"<threadId>"}`.
 * The tab reads the thread id back from `app.getContext()` (`page.subPageId`).
 */
const TEAMS_ENTITY_BASE = 'https://teams.microsoft.com/l/entity';

/** The manifest's app id and the personal tab's `entityId`: what every link into the tab needs. */
export interface TabRef {
  appId: string;
  entityId: string;
}

export function tabDeepLink(appId: string, entityId: string, threadId: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: threadId }));
  return `${tabHomeLink(appId, entityId)}?context=${context}`;
}

/** The tab itself, with no thread selected. */
export function tabHomeLink(appId: string, entityId: string): string {
  return `${TEAMS_ENTITY_BASE}/${encodeURIComponent(appId)}/${encodeURIComponent(entityId)}`;
}
