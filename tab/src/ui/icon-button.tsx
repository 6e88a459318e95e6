import { Button, type ButtonProps } from '@fluentui/react-components';
import type { ReactElement } from 'react';

export interface IconButtonProps {
  /** The button's accessible name, also the browser's tooltip on hover. */
  label: string;
  icon: ReactElement;
  onClick?: () => void;
  appearance?: ButtonProps['appearance'];
  disabled?: boolean;
  'aria-expanded'?: boolean;
  'aria-controls'?: string;
}

/**
 * An icon-only button named by `label`, in place of a Fluent Tooltip around a Button: Tooltip brings the popup
 * positioning engine (about 15 KiB gzip) for a one-word hint.
 */
export function IconButton({ label, ...props }: IconButtonProps) {
  return <Button {...props} aria-label={label} title={label} />;
}
