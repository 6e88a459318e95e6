import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { ExportScope } from '../../domain/archive/index.js';
import type { ArchiveExportFiles, ArchiveExportWriter, MediaStore } from '../../ports/index.js';
import { EmlFormat } from './eml-format.js';
import type { ExportFormat, FormatContext } from './export-format.js';
import { JsonlFormat } from './jsonl-format.js';
import { RsmfFormat } from './rsmf-format.js';
import { ZipWriter } from './zip-writer.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Export zips on the filesystem, as the media store keeps images: under DATA_DIR/exports, one file per export
 * (`{tenantId}/{exportId}.zip`). A zip is written under a `.partial` name and renamed once whole and flushed, so a
 * reader never finds half a zip under the real name; a failed export leaves nothing behind.
 */
export class FilesystemExportFiles implements ArchiveExportFiles {
  private readonly root: string;

  constructor(
    root: string,
    private readonly media: MediaStore,
  ) {
    this.root = resolve(root);
  }

  pathOf(tenantId: string, exportId: string): string {
    // Ids are ours, but a path must never leave the root.
    if (!UUID.test(tenantId) || !UUID.test(exportId)) throw new Error('invalid export id');
    const path = join(this.root, tenantId, `${exportId}.zip`);
    if (!path.startsWith(this.root + sep)) throw new Error('export path escapes the store');
    return path;
  }

  async begin(
    target: { tenantId: string; exportId: string } | { path: string },
    scope: ExportScope,
  ): Promise<ArchiveExportWriter> {
    const path = 'path' in target ? resolve(target.path) : this.pathOf(target.tenantId, target.exportId);
    return openExportWriter(path, scope, this.media);
  }

  async open(tenantId: string, exportId: string) {
    const path = this.pathOf(tenantId, exportId);
    try {
      const { size } = await stat(path);
      return { bytes: size, content: createReadStream(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(tenantId: string, exportId: string): Promise<void> {
    await rm(this.pathOf(tenantId, exportId), { force: true });
  }
}

/** A zip at `path`: written as `path.partial`, with a work folder beside it, both gone once it ends either way. */
export async function openExportWriter(
  path: string,
  scope: ExportScope,
  media: MediaStore,
): Promise<ArchiveExportWriter> {
  const partial = `${path}.partial`;
  const workDir = `${path}.work`;
  await mkdir(dirname(path), { recursive: true });
  // A job that died mid-export and came back starts over: the unfinished file and work folder are replaced.
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const out = createWriteStream(partial, { flags: 'w' });
  const zip = new ZipWriter(out, new Date());
  const context: FormatContext = { zip, scope, media, workDir };
  const format: ExportFormat =
    scope.format === 'jsonl'
      ? new JsonlFormat(context)
      : scope.format === 'eml'
        ? new EmlFormat(context)
        : new RsmfFormat(context);
  const cleanUp = async () => {
    await rm(workDir, { recursive: true, force: true });
  };
  return {
    write: (records) => format.write(records),
    async finish(manifestOf) {
      const files = await format.close();
      const manifest = manifestOf(files);
      await zip.copy('manifest.json', [JSON.stringify(manifest, null, 2) + '\n']);
      const { sha256, bytes } = await zip.close();
      await flush(partial);
      await rename(partial, path);
      await cleanUp();
      return { manifest, zipSha256: sha256, zipBytes: bytes };
    },
    async abort() {
      zip.destroy();
      out.destroy();
      await rm(partial, { force: true });
      await cleanUp();
    },
  };
}

/** The zip on disk before it takes its name: a crash after the rename must not leave a name over missing bytes. */
async function flush(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
