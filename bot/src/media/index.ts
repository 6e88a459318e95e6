/**
 * The media adapter's public entry: the tab's image routes (`POST /api/v1/media`, `GET /api/v1/media/:id`) and the
 * byte store behind the `MediaStore` port. The media use cases stay in app/.
 */
export { registerMediaRoutes } from './media.routes.js';
export { FilesystemMediaStore } from './filesystem.media-store.js';
