import type { Region } from '@bridgeline/shared';

export const REGION_LABELS: Record<Region, string> = { us: 'US', eu: 'EU', uk: 'UK', apac: 'APAC' };
