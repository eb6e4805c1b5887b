import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HearthError } from '../../../../main/contract/index.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeRouting } from '../../test/fakeRouting.js';
import { makeModel } from '../../test/fixtures.js';
import { makeCatalogItem } from '../../test/libraryFixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { ProfileList } from './ProfileList.js';

async function setup() {
  const backend = createFakeBackend([makeModel({ id: 'tiny', name: 'Tiny Llama' }), makeModel({ id: 'coder', name: 'Qwen Coder' })]);
  const routing = installFakeRouting(backend);
  const view = renderWithStore(<ProfileList />, backend.client);
  await act(() => view.store.getState().syncAll());
  return { ...view, backend, routing };
}

const item = (id: string) => screen.getAllByTestId('profile-item').find((el) => el.dataset.profileId === id)!;
const editor = () => screen.getByTestId('profile-editor');
const type = (testId: string, value: string) => fireEvent.change(within(editor()).getByTestId(testId), { target: { value } });
const errorOf = (testId: string) => {
  const input = within(editor()).getByTestId(testId);
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field-error'))?.textContent ?? null;
};

describe('profile editor', () => {
  it('edits a built-in: sends only what changed, shows it as edited, and Reset brings back the shipped one', async () => {
    const { backend } = await setup();
    fireEvent.click(within(item('healthcare')).getByTestId('profile-edit-button'));
    expect((within(editor()).getByTestId('profile-name') as HTMLInputElement).value).toBe('Healthcare');
    // Built-ins learn from the shipped phrases: no example editor.
    expect(within(editor()).queryByTestId('profile-examples')).toBeNull();
    type('profile-name', 'Health');
    type('profile-system-prompt', 'Information, never a diagnosis. Urge care for red-flag symptoms.');
    type('profile-sampling-temperature', '0.3');
    fireEvent.click(within(editor()).getByTestId('profile-save'));
    await waitFor(() => expect(screen.queryByTestId('profile-editor')).toBeNull());
    expect(backend.client.callsTo('profiles.update')).toEqual([
      { id: 'healthcare', patch: { name: 'Health', systemPrompt: 'Information, never a diagnosis. Urge care for red-flag symptoms.', sampling: { temperature: 0.3 } } },
    ]);
    expect(item('healthcare').textContent).toContain('Health');
    expect(item('healthcare').textContent).toContain('Edited');
    fireEvent.click(within(item('healthcare')).getByTestId('profile-reset-button'));
    fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByTestId('confirm-button'));
    await waitFor(() => expect(backend.client.callsTo('profiles.reset')).toEqual([{ id: 'healthcare' }]));
    await waitFor(() => expect(within(item('healthcare')).queryByTestId('profile-reset-button')).toBeNull());
    expect(item('healthcare').textContent).not.toContain('Edited');
  });

  it('shows what is wrong beside each field and sends nothing until it is right', async () => {
    const { backend } = await setup();
    fireEvent.click(screen.getByTestId('profile-add-button'));
    fireEvent.click(within(editor()).getByTestId('profile-save'));
    expect(errorOf('profile-name')).toMatch(/Give the profile a name/);
    expect(errorOf('profile-id')).toMatch(/lower-case letters/);
    expect(errorOf('profile-system-prompt')).toMatch(/Write a system prompt/);
    expect(errorOf('profile-examples')).toMatch(/at least one example phrase/);
    expect(within(editor()).getByTestId('profile-name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(within(editor()).getByTestId('profile-name'));
    // Fixing a field clears its message.
    type('profile-name', 'Coding');
    expect(errorOf('profile-name')).toBeNull();
    type('profile-system-prompt', 'Be precise.');
    type('profile-examples', 'refactor this class');
    type('profile-sampling-temperature', '9');
    type('profile-icon', '');
    fireEvent.click(within(editor()).getByTestId('profile-save'));
    expect(errorOf('profile-id')).toBe('A profile with the id “coding” already exists; choose another.');
    expect(errorOf('profile-icon')).toMatch(/emoji or a short symbol/);
    expect(within(editor()).getAllByTestId('field-error').map((e) => e.textContent)).toContain('Temperature must be a number from 0 to 5 (or empty for the default).');
    type('profile-id', 'Not An Id!');
    fireEvent.click(within(editor()).getByTestId('profile-save'));
    expect(errorOf('profile-id')).toMatch(/lower-case letters/);
    expect(backend.client.callsTo('profiles.create')).toEqual([]);
  });

  it('adds a custom profile (id from the name, examples, preferred models), then deletes it', async () => {
    const { backend } = await setup();
    fireEvent.click(screen.getByTestId('profile-add-button'));
    type('profile-name', 'Legal & Tax');
    expect((within(editor()).getByTestId('profile-id') as HTMLInputElement).value).toBe('legal-tax');
    type('profile-description', 'Contracts, leases, tax returns.');
    type('profile-system-prompt', 'You explain legal and tax matters in plain words; you are not a lawyer.');
    type('profile-examples', 'can my landlord keep the deposit\n\n  how do I file a tax return  \n');
    type('profile-color', '#aa3377');
    type('profile-icon', '⚖');
    fireEvent.change(within(editor()).getByTestId('profile-models-standard-add'), { target: { value: 'coder' } });
    fireEvent.change(within(editor()).getByTestId('profile-models-standard-add'), { target: { value: 'tiny' } });
    // Tiny first: move it up.
    fireEvent.click(within(editor()).getByRole('button', { name: 'Prefer Tiny Llama sooner' }));
    expect(within(editor()).getAllByTestId('profile-model').map((m) => m.dataset.modelId)).toEqual(['tiny', 'coder']);
    fireEvent.click(within(editor()).getByTestId('profile-save'));
    await waitFor(() => expect(screen.queryByTestId('profile-editor')).toBeNull());
    expect(backend.client.callsTo('profiles.create')).toEqual([
      {
        id: 'legal-tax',
        name: 'Legal & Tax',
        description: 'Contracts, leases, tax returns.',
        systemPrompt: 'You explain legal and tax matters in plain words; you are not a lawyer.',
        sampling: {},
        models: { fast: [], standard: ['tiny', 'coder'] },
        color: '#aa3377',
        icon: '⚖',
        enabled: true,
        examples: ['can my landlord keep the deposit', 'how do I file a tax return'],
      },
    ]);
    expect(item('legal-tax').textContent).toContain('Custom');
    fireEvent.click(within(item('legal-tax')).getByTestId('profile-delete-button'));
    fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByTestId('confirm-button'));
    await waitFor(() => expect(backend.client.callsTo('profiles.delete')).toEqual([{ id: 'legal-tax' }]));
    await waitFor(() => expect(screen.getAllByTestId('profile-item').map((el) => el.dataset.profileId)).not.toContain('legal-tax'));
    // Built-ins cannot be deleted, only disabled.
    expect(within(item('general')).queryByTestId('profile-delete-button')).toBeNull();
  });

  it('offers catalog chat models beside the installed ones, and says which preferred models are not installed', async () => {
    const { backend, store, routing } = await setup();
    backend.client.handle('catalog.list', () => [
      makeCatalogItem({ id: 'qwen2.5-coder-1.5b', name: 'Qwen2.5 Coder 1.5B', kind: 'chat' }),
      makeCatalogItem({ id: 'nomic-embed', name: 'Nomic Embed', kind: 'embedding' }),
    ]);
    routing.profiles.find((p) => p.id === 'coding')!.models = { fast: [], standard: ['qwen2.5-coder-1.5b', 'tiny'] };
    await act(async () => {
      await store.getState().loadProfiles();
      await store.getState().loadCatalog();
    });
    fireEvent.click(within(item('coding')).getByTestId('profile-edit-button'));
    const listed = within(within(editor()).getByTestId('profile-models-standard')).getAllByTestId('profile-model');
    expect(listed.map((m) => m.textContent)).toEqual(['Qwen2.5 Coder 1.5B not installed', 'Tiny Llama installed']);
    const add = within(editor()).getByTestId('profile-models-fast-add') as HTMLSelectElement;
    const groups = [...add.querySelectorAll('optgroup')].map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.value)]);
    expect(groups).toEqual([
      ['Installed', ['tiny', 'coder']],
      ['Catalog', ['qwen2.5-coder-1.5b']],
    ]);
  });

  it("keeps the editor open with main's message when saving fails", async () => {
    const { backend } = await setup();
    backend.client.handle('profiles.update', () => {
      throw new HearthError('INVALID_PARAMS', 'profiles.update: patch.systemPrompt: must not be empty');
    });
    fireEvent.click(within(item('coding')).getByTestId('profile-edit-button'));
    type('profile-description', 'Code.');
    fireEvent.click(within(editor()).getByTestId('profile-save'));
    expect((await within(editor()).findByTestId('profile-save-error')).textContent).toBe('profiles.update: patch.systemPrompt: must not be empty');
  });

  it('disables and enables a profile from the list', async () => {
    const { backend } = await setup();
    const toggle = within(item('creative')).getByTestId('profile-toggle') as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    await waitFor(() => expect(backend.client.callsTo('profiles.update')).toEqual([{ id: 'creative', patch: { enabled: false } }]));
    await waitFor(() => expect(item('creative').dataset.enabled).toBe('false'));
    expect(item('creative').textContent).toContain('Disabled');
    // General is where unclear messages go: it cannot be switched off.
    expect((within(item('general')).getByTestId('profile-toggle') as HTMLInputElement).disabled).toBe(true);
  });
});
