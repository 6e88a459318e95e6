import type { ArchiveSinkStatus } from '@bridgeline/shared';
import type { ArchiveExportFiles, CheckpointSigner, ComplianceStore, Store } from '../../ports/index.js';
import type { AppContext } from '../context.js';

/** The store the compliance use cases see: the core's ports and the archive's. */
export type ComplianceStoreAll = Store & ComplianceStore;

/** What the compliance use cases get from the composition root besides the usual context. */
export interface ComplianceContext<S = ComplianceStoreAll> extends AppContext<S> {
  signer: CheckpointSigner;
  /** The longest time range one export may cover, in days (ARCHIVE_EXPORT_MAX_DAYS). */
  exportMaxDays: number;
  /** How many days a finished export's zip is kept for download (ARCHIVE_EXPORT_KEEP_DAYS). */
  exportKeepDays: number;
  /** Where export zips are written (DATA_DIR/exports) and read back for download. */
  exportFiles: ArchiveExportFiles;
  /** How each outward feed of the tenant's archive stands (the SMTP journal, the CRM push), for the health panel. */
  sinks: (tenantId: string) => Promise<ArchiveSinkStatus[]>;
}

/** Records are read back in batches of this many: verify and exports never hold more than one batch. */
export const ARCHIVE_BATCH = 5000;
