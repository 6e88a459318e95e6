import { AdminArea } from '../admin-area.js';
import { ArchiveHealthPanel } from './archive-health-panel.js';
import { ExportsPanel } from './exports-panel.js';
import { LegalHoldsPanel } from './legal-holds-panel.js';
import { RetentionPanel } from './retention-panel.js';

/**
 * The admin's Compliance area (loaded on demand from the admin screen): the archive's health and its verification,
 * exports, legal holds and retention. Every call here is an admin route; anyone else is answered 403.
 */
export function ComplianceArea() {
  return (
    <AdminArea>
      <ArchiveHealthPanel />
      <ExportsPanel />
      <LegalHoldsPanel />
      <RetentionPanel />
    </AdminArea>
  );
}
