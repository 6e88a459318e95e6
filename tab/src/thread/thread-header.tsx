import { Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons/svg/arrow-left';
import { InfoRegular } from '@fluentui/react-icons/svg/info';
import type { Thread } from '@bridgeline/shared';
import { ChannelIcon } from '../ui/channel-icon.js';
import { IconButton } from '../ui/icon-button.js';
import { contactName } from '../ui/contact-name.js';
import { ThreadChips } from '../ui/thread-chips.js';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    flexShrink: 0,
  },
  who: { display: 'flex', flexDirection: 'column', minWidth: 0, flexGrow: 1, gap: tokens.spacingVerticalXXS },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
});

export interface ThreadHeaderProps {
  thread: Thread;
  now: number;
  detailsOpen: boolean;
  onToggleDetails: () => void;
  onBack?: () => void;
  onClaim?: () => void;
}

export function ThreadHeader({
  thread,
  now,
  detailsOpen,
  onToggleDetails,
  onBack,
  onClaim,
}: ThreadHeaderProps) {
  const styles = useStyles();
  const name = contactName(thread.contact);
  return (
    <header className={styles.header}>
      {onBack && (
        <IconButton label="Back to inbox" appearance="subtle" icon={<ArrowLeftRegular />} onClick={onBack} />
      )}
      <ChannelIcon channel={thread.channel} />
      <div className={styles.who}>
        <div className={styles.line}>
          <Subtitle2 as="h2" truncate wrap={false}>
            {name}
          </Subtitle2>
          {thread.contact.phone && thread.contact.phone !== name && (
            <Caption1>{thread.contact.phone}</Caption1>
          )}
        </div>
        <ThreadChips thread={thread} now={now} />
      </div>
      {onClaim && (
        <Button appearance="primary" onClick={onClaim}>
          Claim
        </Button>
      )}
      <IconButton
        label="Conversation details"
        appearance={detailsOpen ? 'primary' : 'subtle'}
        icon={<InfoRegular />}
        aria-expanded={detailsOpen}
        aria-controls="thread-details"
        onClick={onToggleDetails}
      />
    </header>
  );
}
