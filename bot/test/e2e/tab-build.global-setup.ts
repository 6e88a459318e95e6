import { ensureTabBuilt } from './browser-support.js';

/** bot-e2e: builds the tab's production bundle once, before the browser test starts, if its sources are newer. */
export default async function setup(): Promise<void> {
  await ensureTabBuilt();
}
