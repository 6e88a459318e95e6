import type { ExportFile, ExportRecord } from '../../domain/archive/index.js';
import type { ExportFormat, FormatContext } from './export-format.js';
import type { ZipEntry } from './zip-writer.js';

export const JSONL_FILE = 'records.jsonl';
const CHUNK = 256 * 1024;

/** The payload's JSON text as stored, with the record's link and hash added: no parsing, no re-serialising. */
export function lineOf(record: ExportRecord): string {
  const link = `"prevHash": "${record.prevHash}", "hash": "${record.hash}"}`;
  const body = record.json.trimEnd();
  if (!body.endsWith('}')) throw new Error(`record ${record.seq}'s payload is not a JSON object`);
  const open = body.slice(0, -1).trimEnd();
  return open === '{' ? `{${link}` : `${open}, ${link}`;
}

/**
 * JSON Lines: one archive record per line, in seq order, as the chain holds it: the payload with its `prevHash` and
 * `hash`, so an auditor can recompute each record's hash (and, for an export of everything from seq 1, the links).
 */
export class JsonlFormat implements ExportFormat {
  private entry: ZipEntry | null = null;
  private records = 0;

  constructor(private readonly context: FormatContext) {}

  async write(records: readonly ExportRecord[]): Promise<void> {
    const entry = (this.entry ??= this.context.zip.entry(JSONL_FILE));
    // Lines go out in chunks of about CHUNK characters: a batch never becomes one string of megabytes.
    let text = '';
    for (const record of records) {
      text += `${lineOf(record)}\n`;
      this.records += 1;
      if (text.length >= CHUNK) {
        await entry.write(text);
        text = '';
      }
    }
    if (text) await entry.write(text);
  }

  async close(): Promise<ExportFile[]> {
    if (!this.entry) return [];
    const { name, sha256 } = await this.entry.end();
    return [{ name, sha256, records: this.records }];
  }
}
