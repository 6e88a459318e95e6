import type { ExportFile, ExportRecord, ExportScope } from '../../domain/archive/index.js';
import type { MediaStore } from '../../ports/index.js';
import type { ZipWriter } from './zip-writer.js';

/** What each format does with the records it is handed, in the order of `exportOrder`. */
export interface ExportFormat {
  write(records: readonly ExportRecord[]): Promise<void>;
  /** Closes the last group; the files written, each with its records. */
  close(): Promise<ExportFile[]>;
}

export interface FormatContext {
  zip: ZipWriter;
  scope: ExportScope;
  media: MediaStore;
  /** A folder of this export's own for intermediate files (RSMF's inner zips), removed at the end. */
  workDir: string;
}
