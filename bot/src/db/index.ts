/** The PostgreSQL adapter: what the composition root and the other adapters may use of it. */
export { Database, type DbStore } from './database.js';
export type { ArchiveOptions } from './archive/archive.repository.js';
export { isDatabaseOutage, OUTAGE_RETRY_AFTER_SECONDS } from './outage.js';
