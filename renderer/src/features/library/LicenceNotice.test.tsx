import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { makeCatalogItem } from '../../test/libraryFixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { CatalogCard } from './CatalogCard.js';

const gemma = makeCatalogItem({
  id: 'gemma-3-1b-it',
  name: 'Gemma 3 1B it',
  family: 'Gemma 3',
  licence: 'Gemma Terms of Use',
  licenceNotice: { text: 'Not an open-source licence. Read the terms before you download.', url: 'https://ai.google.dev/gemma/terms' },
  capabilities: { thinking: 'none', tools: null },
});
const qwen3 = makeCatalogItem({ id: 'qwen3-0.6b', name: 'Qwen3 0.6B', family: 'Qwen3', capabilities: { thinking: 'hybrid', tools: true } });

describe('A catalog entry whose licence restricts use', () => {
  it('shows the terms on the card and downloads only after "Accept and download", with the acceptance sent', async () => {
    const backend = createFakeBackend();
    renderWithStore(<ul><CatalogCard item={gemma} /></ul>, backend.client);
    const notice = screen.getByTestId('licence-notice');
    expect(notice.textContent).toContain('Gemma Terms of Use');
    expect(within(notice).getByTestId('licence-url').getAttribute('href')).toBe('https://ai.google.dev/gemma/terms');
    expect(screen.queryByTestId('licence-accept')).toBeNull();

    fireEvent.click(screen.getByTestId('catalog-download'));
    expect(screen.getByTestId('licence-notice').getAttribute('role')).toBe('alertdialog');
    fireEvent.click(screen.getByTestId('licence-cancel'));
    expect(screen.queryByTestId('licence-accept')).toBeNull();
    expect(backend.client.callsTo('downloads.start')).toEqual([]);

    fireEvent.click(screen.getByTestId('catalog-download'));
    fireEvent.click(screen.getByTestId('licence-accept'));
    await waitFor(() => expect(backend.client.callsTo('downloads.start')).toEqual([{ source: 'gemma-3-1b-it', quantization: 'Q4_K_M', acceptLicence: true }]));
  });

  it('an entry without one downloads at once, and shows what the model can do', async () => {
    const backend = createFakeBackend();
    renderWithStore(<ul><CatalogCard item={qwen3} /></ul>, backend.client);
    expect(screen.queryByTestId('licence-notice')).toBeNull();
    expect(screen.getByTestId('catalog-capabilities').textContent).toMatch(/Thinks first \(can be switched off\).*Can call tools/);
    fireEvent.click(screen.getByTestId('catalog-download'));
    await waitFor(() => expect(backend.client.callsTo('downloads.start')).toEqual([{ source: 'qwen3-0.6b', quantization: 'Q4_K_M' }]));
  });
});
