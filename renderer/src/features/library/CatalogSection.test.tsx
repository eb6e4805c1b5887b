import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HearthError } from '../../../../main/contract/index.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { LibraryPage } from './LibraryPage.js';

const cardIds = () => screen.queryAllByTestId('catalog-card').map((c) => c.dataset.catalogId);
const card = (id: string) => screen.getAllByTestId('catalog-card').find((c) => c.dataset.catalogId === id)!;

describe('Catalog section', () => {
  it('shows every entry with its fit badge, licence, parameters and size, reading the catalog without the network', async () => {
    const backend = createFakeBackend();
    renderWithStore(<LibraryPage />, backend.client);
    await waitFor(() => expect(cardIds()).toHaveLength(6));
    expect(backend.client.callsTo('catalog.list')).toEqual([{}]);
    const qwen = within(card('qwen2.5-0.5b-instruct'));
    expect(qwen.getByTestId('fit-badge').dataset.verdict).toBe('fits');
    expect(qwen.getByText(/estimated from the download size/)).toBeTruthy();
    expect(qwen.getByTestId('catalog-licence').textContent).toBe('Apache-2.0');
    expect(qwen.getByText('490M')).toBeTruthy();
    expect(qwen.getByTestId('catalog-size').textContent).toBe('469 MB');
    expect(within(card('llama-3.1-8b-instruct')).getByTestId('fit-badge').dataset.verdict).toBe('wont-fit');
    expect(within(card('mistral-7b-instruct-v0.3')).getByTestId('fit-badge').dataset.verdict).toBe('unknown');
    expect(within(card('mistral-7b-instruct-v0.3')).getByTestId('catalog-size').textContent).toBe('about 4.1 GB');
    expect(within(card('qwen2.5-3b-instruct')).getByTestId('catalog-licence').textContent).toBe('Qwen Research Licence');
  });

  it('filters by size, family, domain, text and fit, and clears', async () => {
    const backend = createFakeBackend();
    renderWithStore(<LibraryPage />, backend.client);
    await waitFor(() => expect(cardIds()).toHaveLength(6));
    fireEvent.change(screen.getByLabelText('Size'), { target: { value: 'small' } });
    expect(cardIds()).toEqual(['qwen2.5-0.5b-instruct', 'llama-3.2-1b-instruct', 'nomic-embed-text-v1.5']);
    expect(screen.getByTestId('catalog-count').textContent).toBe('3 of 6 models');
    fireEvent.change(screen.getByLabelText('Family'), { target: { value: 'Llama' } });
    expect(cardIds()).toEqual(['llama-3.2-1b-instruct']);
    fireEvent.change(screen.getByLabelText('Size'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Domain'), { target: { value: 'code' } });
    expect(cardIds()).toEqual(['llama-3.1-8b-instruct']);
    fireEvent.click(screen.getByLabelText("Hide models that won't fit"));
    expect(cardIds()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Clear the filters' }));
    expect(cardIds()).toHaveLength(6);
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'research licence' } });
    expect(cardIds()).toEqual(['qwen2.5-3b-instruct']);
  });

  it('checks fit online only when asked, and not while offline', async () => {
    const backend = createFakeBackend();
    const { store } = renderWithStore(<LibraryPage />, backend.client);
    await waitFor(() => expect(cardIds()).toHaveLength(6));
    await store.getState().loadSettings();
    fireEvent.click(screen.getByTestId('catalog-check-fit'));
    await waitFor(() => expect(backend.client.callsTo('catalog.list')).toEqual([{}, { checkRemote: true }]));
    await store.getState().setOffline(true);
    await waitFor(() => expect((screen.getByTestId('catalog-check-fit') as HTMLButtonElement).disabled).toBe(true));
  });

  it('says why when the catalog cannot be read', async () => {
    const backend = createFakeBackend();
    backend.client.handle('catalog.list', () => {
      throw new HearthError('INTERNAL', 'models/catalog.json is not valid: files[0].uri is missing.');
    });
    renderWithStore(<LibraryPage />, backend.client);
    expect((await screen.findByTestId('catalog-error')).textContent).toContain('files[0].uri is missing');
  });
});
