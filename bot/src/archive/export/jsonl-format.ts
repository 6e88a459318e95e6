import type { ExportFile, StoredRecord } from '../../domain/archive/index.js';
import type { ExportFormat, FormatContext } from './export-format.js';
import type { ZipEntry } from './zip-writer.js';

export const JSONL_FILE = 'records.jsonl';

/**
 * JSON Lines: one archive record per line, in seq order, as the chain holds it: the payload with its `prevHash` and
 * `hash`, so an auditor can recompute each record's hash (and, for an export of everything from seq 1, the links).
 */
export class JsonlFormat implements ExportFormat {
  private entry: ZipEntry | null = null;
  private records = 0;

  constructor(private readonly context: FormatContext) {}

  async write(records: readonly StoredRecord[]): Promise<void> {
    this.entry ??= this.context.zip.entry(JSONL_FILE);
    let text = '';
    for (const record of records) {
      text += `${JSON.stringify({ ...record.payload, prevHash: record.prevHash, hash: record.hash })}\n`;
      this.records += 1;
    }
    await this.entry.write(text);
  }

  async close(): Promise<ExportFile[]> {
    if (!this.entry) return [];
    const { name, sha256 } = await this.entry.end();
    return [{ name, sha256, records: this.records }];
  }
}
