import type { PGlite } from '@electric-sql/pglite';

/**
 * pglite-socket's statement queue, made safe for several pooled connections.
 *
 * PGlite is one PostgreSQL session. pglite-socket interleaves the protocol messages of its connections one by one and
 * keeps a connection's messages together only inside a transaction. The extended query protocol (Parse, Bind,
 * Execute … Sync) also spans several messages, and interleaving two connections' batches makes one Bind the other's
 * unnamed statement ("bind message supplies 3 parameters, but prepared statement requires 2"). This queue gives the
 * session to one connection from its first message until its batch ends (Sync, a simple Query, Terminate) and it is
 * outside a transaction.
 */
interface Item {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

export class AtomicBatchQueryQueue {
  private queue: Item[] = [];
  private processing = false;
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = this.owner === null ? 0 : this.queue.findIndex((q) => q.handlerId === this.owner);
        // The owner's next message has not arrived yet: everyone else waits for it.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        if (!item) break;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = this.db.isInTransaction() ? item.handlerId : null;
          item.reject(error);
          continue;
        }
        const type = item.message[0];
        // A startup or password message (type byte 0 or 'p') is a batch of its own.
        const batchEnds =
          type === SYNC || type === QUERY || type === TERMINATE || type === 0 || type === 0x70;
        this.owner = !batchEnds || this.db.isInTransaction() ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((q) => {
      if (q.handlerId !== handlerId) return true;
      q.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.processQueue();
  }
}
