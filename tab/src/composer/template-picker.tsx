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
  Input,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Template, TemplateRef } from '@bridgeline/shared';
import { useServices } from '../app/services.js';
import { EmptyState, ErrorBar } from '../ui/states.js';
import { parameterCount, previewText } from './template-text.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  preview: {
    whiteSpace: 'pre-wrap',
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorBrandBackground2,
  },
});

const key = (t: Template) => `${t.name}:${t.language}`;

export function TemplatePicker({
  onCancel,
  onSend,
}: {
  onCancel: () => void;
  onSend: (t: TemplateRef) => void;
}) {
  const styles = useStyles();
  const { api } = useServices();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string>('');
  const [parameters, setParameters] = useState<string[]>([]);

  useEffect(() => {
    api.listTemplates().then(
      (list) => {
        setTemplates(list);
        if (list[0]) setSelected(key(list[0]));
      },
      (e: unknown) => setError(e),
    );
  }, [api]);

  const template = templates?.find((t) => key(t) === selected);
  const count = template ? parameterCount(template) : 0;
  const filled = parameters.slice(0, count);
  const complete =
    template !== undefined && Array.from({ length: count }, (_, i) => filled[i]?.trim()).every(Boolean);

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (template && complete) {
              onSend({
                name: template.name,
                language: template.language,
                parameters: Array.from({ length: count }, (_, i) => filled[i]?.trim() ?? ''),
              });
            }
          }}
        >
          <DialogBody>
            <DialogTitle>Send a template</DialogTitle>
            <DialogContent className={styles.content}>
              {error !== null && <ErrorBar error={error} />}
              {templates === null && error === null && <Spinner size="small" label="Loading templates…" />}
              {templates?.length === 0 && <EmptyState title="No approved templates are available to you." />}
              {templates && templates.length > 0 && (
                <>
                  <Field label="Template">
                    <Select
                      value={selected}
                      onChange={(_, data) => {
                        setSelected(data.value);
                        setParameters([]);
                      }}
                    >
                      {templates.map((t) => (
                        <option key={key(t)} value={key(t)}>
                          {t.name} ({t.language})
                        </option>
                      ))}
                    </Select>
                  </Field>
                  {Array.from({ length: count }, (_, i) => (
                    <Field key={`${selected}-${i}`} label={`Parameter {{${i + 1}}}`} required>
                      <Input
                        value={parameters[i] ?? ''}
                        onChange={(_, data) =>
                          setParameters((old) => {
                            const next = [...old];
                            next[i] = data.value;
                            return next;
                          })
                        }
                      />
                    </Field>
                  ))}
                  {template && (
                    <section aria-label="Preview">
                      <Caption1>Preview</Caption1>
                      <Text as="p" className={styles.preview}>
                        {previewText(template, filled)}
                      </Text>
                    </section>
                  )}
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={onCancel}>Cancel</Button>
              <Button type="submit" appearance="primary" disabled={!complete}>
                Send template
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
