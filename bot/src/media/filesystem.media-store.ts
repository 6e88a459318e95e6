import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { MediaStore } from '../ports/index.js';

const KEY = /^[a-zA-Z0-9-]+\/[a-f0-9]{64}$/;

/**
 * The default `MediaStore`: files under DATA_DIR/media, one per key (`{tenantId}/{sha256}`). Written to a temporary
 * name then renamed, so a reader never sees half a file. Azure Blob Storage replaces it in production.
 */
export class FilesystemMediaStore implements MediaStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    // Keys are ours, but a key must never name a file outside the root.
    if (!KEY.test(key)) throw new Error(`invalid media key ${JSON.stringify(key)}`);
    const path = join(this.root, ...key.split('/'));
    if (!path.startsWith(this.root + sep)) throw new Error('media key escapes the store');
    return path;
  }
}
