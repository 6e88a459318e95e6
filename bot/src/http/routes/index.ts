import type { RouteEntry } from '../route-table.js';
import { adminRoutes } from './admin.routes.js';
import { accountHealthRoutes } from './account-health.routes.js';
import { archiveAdminRoutes } from './archive-admin.routes.js';
import { archiveExportRoutes } from './archive-exports.routes.js';
import { archiveRoutes } from './archive.routes.js';
import { dlpRoutes } from './dlp.routes.js';
import { eventRoutes } from './events.routes.js';
import { membershipRoutes } from './membership.routes.js';
import { peopleRoutes } from './people.routes.js';
import { systemRoutes } from './system.routes.js';
import { threadRoutes } from './threads.routes.js';

/**
 * Every route this module serves, each a description and its handler: the server registers exactly these, and the
 * OpenAPI document describes exactly these (with what other adapters describe of their own routes).
 */
export const API_ROUTES: readonly RouteEntry[] = [
  ...systemRoutes,
  ...peopleRoutes,
  ...threadRoutes,
  ...membershipRoutes,
  ...eventRoutes,
  ...archiveRoutes,
  ...archiveAdminRoutes,
  ...archiveExportRoutes,
  ...dlpRoutes,
  ...adminRoutes,
  ...accountHealthRoutes,
];
