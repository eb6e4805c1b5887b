import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../test/renderWithStore.js';
import { Dialog } from './Dialog.js';

describe('Dialog', () => {
  it('takes focus, traps Tab inside, closes on Escape and gives focus back', () => {
    const onClose = vi.fn();
    const { rerender } = render(
      <>
        <button>outside</button>
      </>,
    );
    screen.getByText('outside').focus();
    rerender(
      <>
        <button>outside</button>
        <Dialog title="Title" onClose={onClose}>
          <button>one</button>
          <button>two</button>
        </Dialog>
      </>,
    );
    expect(document.activeElement).toBe(screen.getByText('one'));
    expect(screen.getByRole('dialog').getAttribute('aria-modal')).toBe('true');
    screen.getByText('two').focus();
    fireEvent.keyDown(screen.getByText('two'), { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByText('one'));
    fireEvent.keyDown(screen.getByText('one'), { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(screen.getByText('two'));
    fireEvent.keyDown(screen.getByText('two'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    rerender(
      <>
        <button>outside</button>
      </>,
    );
    expect(document.activeElement).toBe(screen.getByText('outside'));
  });
});
