import { Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { MemberSummary, UpdateMemberBody } from '@bridgeline/shared';
import { itemsOf } from '../api/api-client.js';
import type { BusinessNumberOption } from '../api/endpoints.js';
import { useServices } from '../app/services.js';

/** The tenant's SMS numbers (GET /admin/numbers); an empty list while the server has none, or no such route. */
export function useSmsNumbers(): BusinessNumberOption[] {
  const { api } = useServices();
  const [numbers, setNumbers] = useState<BusinessNumberOption[]>([]);
  useEffect(() => {
    api.call('GET /admin/numbers', {}).then(
      (body) => setNumbers(itemsOf(body).filter((n) => n.channel === 'sms')),
      () => setNumbers([]),
    );
  }, [api]);
  return numbers;
}

const phoneOf = (n: BusinessNumberOption) => n.phone ?? n.displayPhone ?? n.id;

/**
 * A member's SMS number (product.md §8): one of the tenant's SMS numbers in the member's region, or none. Members
 * with a number see SMS threads and the "Continue by SMS" offer.
 */
export function SmsNumberSelect({
  member,
  numbers,
  onChange,
}: {
  member: MemberSummary;
  numbers: BusinessNumberOption[];
  onChange: (change: UpdateMemberBody) => void;
}) {
  const mine = numbers.filter((n) => n.region === member.region);
  const current = member.smsNumberId ?? '';
  const known = mine.some((n) => n.id === current);
  return (
    <Select
      size="small"
      aria-label={`SMS number of ${member.displayName}`}
      value={current}
      onChange={(_, d) => onChange({ smsNumberId: d.value === '' ? null : d.value })}
    >
      <option value="">No SMS number</option>
      {current !== '' && !known && <option value={current}>{member.smsNumber ?? 'Current number'}</option>}
      {mine.map((n) => (
        <option key={n.id} value={n.id}>
          {phoneOf(n)}
        </option>
      ))}
    </Select>
  );
}
