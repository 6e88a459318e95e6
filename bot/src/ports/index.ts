/**
 * What the use cases need from the outside world, one file per aggregate. Adapters are named by technology (db/,
 * whatsapp/, teams/), ports by what the domain needs. Records are plain data: no ORM types cross this line.
 */
export type * from './admin.js';
export type * from './account-health.js';
export type * from './archive.js';
export type * from './archive-sinks.js';
export type * from './archive-exports.js';
export type * from './clock.js';
export type * from './contacts.js';
export type * from './dlp.js';
export type * from './events.js';
export type * from './gateway.js';
export type * from './jobs.js';
export type * from './legal-holds.js';
export type * from './media.js';
export type * from './messages.js';
export type * from './pair.js';
export type * from './people.js';
export type * from './retention.js';
export type * from './templates.js';
export type * from './threads.js';
export type { Store, UnitOfWork } from './unit-of-work.js';
export { DuplicateKey } from './people.js';
export { StoreRefusal } from './unit-of-work.js';
