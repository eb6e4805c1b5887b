import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/i18n.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { useLanguage } from '../shell/useLanguage.js';
import { SettingsPage } from './SettingsPage.js';

/** The settings page with the shell's hook that applies settings.language, as App has it. */
function Harness() {
  useLanguage();
  return <SettingsPage />;
}

afterEach(() => i18n.changeLanguage('en'));

describe('LanguageSettings', () => {
  it('saves the choice in settings and applies it at once: text, <html lang>, and right to left for Arabic', async () => {
    const backend = createFakeBackend();
    const { store } = renderWithStore(<Harness />, backend.client);
    await act(() => store.getState().syncAll());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings');

    fireEvent.change(screen.getByTestId('settings-language'), { target: { value: 'ar' } });
    await waitFor(() => expect(backend.client.callsTo('settings.update')).toEqual([{ language: 'ar' }]));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('الإعدادات'));
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    // One picker, showing the saved choice.
    expect(screen.getAllByTestId('settings-language')).toHaveLength(1);
    expect((screen.getByTestId('settings-language') as HTMLSelectElement).value).toBe('ar');

    fireEvent.change(screen.getByTestId('settings-language'), { target: { value: 'system' } });
    await waitFor(() => expect(backend.client.callsTo('settings.update').at(-1)).toEqual({ language: null }));
    await waitFor(() => expect(document.documentElement.dir).toBe('ltr'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings');
    expect(screen.getAllByTestId('settings-language')).toHaveLength(1);
  });
});
