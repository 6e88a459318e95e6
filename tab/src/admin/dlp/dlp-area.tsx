import { AdminArea } from '../admin-area.js';
import { DlpReviewsPanel } from './reviews-panel.js';
import { DlpRulesPanel } from './rules-panel.js';

/**
 * The admin's DLP area (loaded on demand at #/admin/dlp, docs/dlp.md): the tenant's rules, with a sample text tested
 * against a rule before it is saved, and the review queue of flagged messages. Admins only (the server answers 403 to
 * anyone else); there is no separate reviewer role yet.
 */
export function DlpArea() {
  return (
    <AdminArea>
      <DlpRulesPanel />
      <DlpReviewsPanel />
    </AdminArea>
  );
}
