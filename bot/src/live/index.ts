/** The live-event bus: what the rest of the server may use of it. */
export { LiveBus, type TenantLiveEvent } from './live-bus.js';
