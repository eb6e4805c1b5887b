import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EncryptionStatus } from '../../../../main/contract/index.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { EncryptionSettings } from './EncryptionSettings.js';

describe('EncryptionSettings', () => {
  it('shows the state, records the switch with encryption.set, and says it applies at the next start', async () => {
    const backend = createFakeBackend();
    let status: EncryptionStatus = { encrypted: false, keySource: 'keychain', pending: null, canEncrypt: true };
    backend.client.handle('encryption.status', () => status);
    backend.client.handle('encryption.set', ({ enabled }: { enabled: boolean }) => (status = { ...status, pending: enabled === status.encrypted ? null : enabled }));
    renderWithStore(<EncryptionSettings />, backend.client);
    await waitFor(() => expect(screen.getByTestId('encryption-state').textContent).toMatch(/not encrypted/));
    const toggle = screen.getByTestId('encryption-toggle') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(screen.queryByTestId('encryption-pending')).toBeNull();
    fireEvent.click(toggle);
    await waitFor(() => expect(backend.client.callsTo('encryption.set')).toEqual([{ enabled: true }]));
    await waitFor(() => expect((screen.getByTestId('encryption-toggle') as HTMLInputElement).checked).toBe(true));
    expect(screen.getByTestId('encryption-pending').textContent).toMatch(/when Hearth restarts/);
  });

  it('cannot be switched on where there is no key', async () => {
    const backend = createFakeBackend();
    backend.client.handle('encryption.status', () => ({ encrypted: false, keySource: null, pending: null, canEncrypt: false }));
    renderWithStore(<EncryptionSettings />, backend.client);
    await waitFor(() => expect((screen.getByTestId('encryption-toggle') as HTMLInputElement).disabled).toBe(true));
    expect(screen.getByTestId('encryption-settings').textContent).toMatch(/HEARTH_PASSPHRASE/);
  });
});
