import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Radio,
  RadioGroup,
  SearchBox,
  Select,
  Spinner,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { MemberSummary, Region, Thread } from '@bridgeline/shared';
import { REGIONS } from '@bridgeline/shared/vocabulary';
import { useServices } from '../app/services.js';
import { REGION_LABELS } from '../ui/regions.js';
import { ErrorBar } from '../ui/states.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  filters: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: { maxHeight: '260px', overflowY: 'auto' },
});

/** Why a member cannot join this thread, in words, or null when they can. */
export function joinBlock(member: MemberSummary, thread: Thread): string | null {
  if (thread.members.some((m) => m.memberId === member.id)) return 'already in the conversation';
  if (!member.enabled) return 'not enabled for WhatsApp';
  if (member.region !== thread.region) return `region ${REGION_LABELS[member.region]}`;
  return null;
}

export interface MemberPickerProps {
  thread: Thread;
  mode: 'add' | 'transfer';
  onCancel: () => void;
  onDone: () => void;
}

export function MemberPickerDialog({ thread, mode, onCancel, onDone }: MemberPickerProps) {
  const styles = useStyles();
  const { api } = useServices();
  const [query, setQuery] = useState('');
  const [region, setRegion] = useState<Region | ''>(thread.region);
  const [members, setMembers] = useState<MemberSummary[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [chosen, setChosen] = useState('');
  const [shareHistory, setShareHistory] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.listMembers({ query: query.trim() || undefined, region: region || undefined }).then(
        (list) => live && (setMembers(list), setLoadError(null)),
        (e: unknown) => live && setLoadError(e),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, query, region]);

  async function confirm() {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      if (mode === 'add') await api.addMember(thread.id, chosen, shareHistory);
      else await api.transfer(thread.id, chosen);
      onDone();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  const title = mode === 'add' ? 'Add a member' : 'Transfer the conversation';
  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            {mode === 'transfer' && (
              <Caption1>
                The member you choose joins with the whole history and you leave the conversation. The contact
                is told who they are now talking to.
              </Caption1>
            )}
            <div className={styles.filters}>
              <SearchBox
                aria-label="Search members"
                placeholder="Name or email"
                value={query}
                onChange={(_, data) => setQuery(data.value)}
              />
              <Select
                aria-label="Region"
                value={region}
                onChange={(_, data) => setRegion(data.value as Region | '')}
              >
                <option value="">All regions</option>
                {REGIONS.map((r) => (
                  <option key={r} value={r}>
                    {REGION_LABELS[r]}
                  </option>
                ))}
              </Select>
            </div>
            <Caption1>
              Only enabled members of the conversation’s region ({REGION_LABELS[thread.region]}) can join.
            </Caption1>
            {loadError !== null && <ErrorBar error={loadError} />}
            {members === null && loadError === null && <Spinner size="tiny" label="Loading members…" />}
            {members && (
              <Field label="Member">
                <RadioGroup
                  className={styles.list}
                  value={chosen}
                  onChange={(_, data) => setChosen(data.value)}
                >
                  {members.length === 0 && <Caption1>No member matches.</Caption1>}
                  {members.map((m) => {
                    const block = joinBlock(m, thread);
                    return (
                      <Radio
                        key={m.id}
                        value={m.id}
                        disabled={block !== null}
                        label={`${m.displayName} (${m.email})${block ? ` — ${block}` : ''}`}
                      />
                    );
                  })}
                </RadioGroup>
              </Field>
            )}
            {mode === 'add' && (
              <Switch
                checked={shareHistory}
                onChange={(_, data) => setShareHistory(data.checked)}
                label="Share chat history"
              />
            )}
            {mode === 'add' && (
              <Caption1>
                {shareHistory
                  ? 'They will see the earlier messages of this conversation.'
                  : 'They will only see messages from the moment they join.'}
              </Caption1>
            )}
            {error !== null && <ErrorBar error={error} />}
          </DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>Cancel</Button>
            <Button appearance="primary" disabled={!chosen || busy} onClick={() => void confirm()}>
              {mode === 'add' ? 'Add' : 'Transfer'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
