import type { AdminStore, BusinessProfilesPort, Store } from '../../ports/index.js';
import type { AppContext } from '../context.js';

/** The store the admin use cases see: the core's ports and the admin area's (numbers, settings, audit). */
export type AdminStoreAll = Store & AdminStore;

/** What the admin use cases get from the composition root: the app's context and Meta's business profiles. */
export type AdminContext<S = AdminStoreAll> = AppContext<S> & { profiles: BusinessProfilesPort };
