import type { ButtonHTMLAttributes } from 'react';
import { Icon, type IconName } from './Icon.js';

interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  icon: IconName;
  /** Required: the button has no visible text, so this is its accessible name and tooltip. */
  label: string;
  testId?: string;
}

export function IconButton({ icon, label, testId, className, ...rest }: IconButtonProps) {
  return (
    <button type="button" className={`icon-button ${className ?? ''}`} aria-label={label} title={label} data-testid={testId} {...rest}>
      <Icon name={icon} />
    </button>
  );
}
