/** The job queue adapter (pg-boss): what the rest of the server may use of it. */
export { JobQueue, QUEUES, type SqlExecutor } from './job-queue.js';
