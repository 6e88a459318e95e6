import type { Channel } from '@bridgeline/shared';
import { PhoneChatRegular } from '@fluentui/react-icons/svg/phone-chat';
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  icon: { flexShrink: 0, width: '20px', height: '20px', display: 'inline-flex' },
  whatsapp: { color: tokens.colorPaletteGreenForeground1 },
  sms: { color: tokens.colorBrandForeground1 },
});

export const CHANNEL_LABELS: Record<Channel, string> = { whatsapp: 'WhatsApp', sms: 'SMS' };

/** The channel of a thread, named for screen readers. */
export function ChannelIcon({ channel }: { channel: Channel }) {
  const styles = useStyles();
  const label = CHANNEL_LABELS[channel];
  if (channel === 'sms') {
    return (
      <span className={`${styles.icon} ${styles.sms}`} role="img" aria-label={label} title={label}>
        <PhoneChatRegular fontSize={20} aria-hidden />
      </span>
    );
  }
  // Fluent has no brand icons: a speech bubble with a handset, drawn in WhatsApp's spirit.
  return (
    <span className={`${styles.icon} ${styles.whatsapp}`} role="img" aria-label={label} title={label}>
      <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" fill="currentColor">
        <path d="M10 2a8 8 0 0 0-6.9 12.06L2 18l4.05-1.06A8 8 0 1 0 10 2Zm0 1.4a6.6 6.6 0 1 1-3.4 12.26l-.24-.15-2.4.63.64-2.33-.16-.25A6.6 6.6 0 0 1 10 3.4Z" />
        <path d="M7.4 6.1c-.16 0-.42.06-.64.3-.22.24-.84.82-.84 2s.86 2.32.98 2.48c.12.16 1.68 2.6 4.1 3.54 2 .79 2.42.63 2.85.6.44-.05 1.4-.58 1.6-1.13.2-.56.2-1.04.14-1.14-.06-.1-.22-.16-.46-.28-.24-.12-1.4-.7-1.62-.77-.22-.08-.38-.12-.54.12-.16.24-.62.77-.76.93-.14.16-.28.18-.52.06-.24-.12-1-.37-1.92-1.19-.7-.63-1.18-1.41-1.32-1.65-.14-.24 0-.37.1-.49l.36-.42c.12-.14.16-.24.24-.4.08-.16.04-.3-.02-.42-.06-.12-.52-1.3-.74-1.78-.18-.44-.38-.44-.54-.45h-.45Z" />
      </svg>
    </span>
  );
}
