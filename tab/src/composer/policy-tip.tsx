import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DlpCheckResult } from '@bridgeline/shared';
import { MAX_TEXT_LENGTH } from '@bridgeline/shared/limits';
import { useServices } from '../app/services.js';

/** How long the member pauses typing before the text is checked. */
export const POLICY_TIP_DEBOUNCE_MS = 350;

/**
 * The policy tip (docs/dlp.md): the text is checked against the organisation's rules as the member types
 * (`POST /api/v1/dlp/check`, once they pause), so they know before sending what will happen. A check that fails
 * shows nothing: the server checks again at send.
 */
export function usePolicyTip(text: string): DlpCheckResult | null {
  const { api } = useServices();
  const [tip, setTip] = useState<{ text: string; result: DlpCheckResult } | null>(null);
  const trimmed = text.trim();
  useEffect(() => {
    if (trimmed === '' || trimmed.length > MAX_TEXT_LENGTH) return;
    let current = true;
    const timer = setTimeout(() => {
      api.call('POST /dlp/check', { body: { text: trimmed } }).then(
        (result) => current && setTip({ text: trimmed, result }),
        () => current && setTip(null),
      );
    }, POLICY_TIP_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, trimmed]);
  // A tip is shown only for the text it was given for.
  return tip && tip.text === trimmed && trimmed !== '' ? tip.result : null;
}

export function PolicyTip({ tip }: { tip: DlpCheckResult | null }) {
  if (!tip || tip.action === 'allow') return null;
  const reasons = tip.reasons.join(' ');
  if (tip.action === 'block')
    return (
      <MessageBar intent="error" layout="multiline" data-testid="policy-tip">
        <MessageBarBody>
          <MessageBarTitle>Can’t be sent</MessageBarTitle>
          Blocked because of your organisation’s policy. {reasons}
        </MessageBarBody>
      </MessageBar>
    );
  return (
    <MessageBar
      intent={tip.action === 'redact' ? 'warning' : 'info'}
      layout="multiline"
      data-testid="policy-tip"
    >
      <MessageBarBody>
        <MessageBarTitle>
          {tip.action === 'redact' ? 'Will be sent as' : 'Will be sent and reviewed'}
        </MessageBarTitle>
        {tip.action === 'redact' && tip.redactedText !== undefined ? `“${tip.redactedText}”. ` : ''}
        {reasons}
      </MessageBarBody>
    </MessageBar>
  );
}
