import { useState } from 'react';
import { AdminArea } from '../admin-area.js';
import { AlertsBanner } from './alerts-banner.js';
import { NumberHealthPanel } from './number-health-panel.js';
import { RateCardPanel } from './rate-card-panel.js';
import { TemplatesPanel } from './templates-panel.js';
import { UsagePanel } from './usage-panel.js';

/**
 * The WhatsApp account's health (docs/admin.md), loaded on demand: Templates (#/admin/templates), Number health
 * (#/admin/health) and Usage (#/admin/usage). Each starts with what an admin must act on now.
 */
export function TemplatesArea() {
  return (
    <AdminArea>
      <AlertsBanner />
      <TemplatesPanel />
    </AdminArea>
  );
}

export function NumberHealthArea() {
  return (
    <AdminArea>
      <AlertsBanner />
      <NumberHealthPanel />
    </AdminArea>
  );
}

export function UsageArea() {
  const [version, setVersion] = useState(0);
  return (
    <AdminArea>
      <UsagePanel initialMonth={new Date().toISOString().slice(0, 7)} version={version} />
      <RateCardPanel onSaved={() => setVersion((v) => v + 1)} />
    </AdminArea>
  );
}
