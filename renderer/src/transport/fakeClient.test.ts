import { describe, expect, it } from 'vitest';
import { createFakeClient } from './fakeClient.js';

/** The fake stands in for main in every UI test: it must hold the UI and the test data to the same contract main does. */
describe('createFakeClient', () => {
  it('refuses params the method\'s schema refuses, as the dispatcher does, before any handler runs', async () => {
    const client = createFakeClient();
    let reached = false;
    client.handle('chats.list', () => {
      reached = true;
      return [];
    });
    await expect(client.call('chats.list', { limit: 0 })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/^chats\.list: limit/) });
    await expect(client.call('chats.list', { limit: 1, extra: true } as never)).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/unknown field/) });
    expect(reached).toBe(false);
    await expect(client.call('chats.list', { limit: 5 })).resolves.toEqual([]);
  });

  it('fails a call whose fake result the contract refuses, and records it', async () => {
    const client = createFakeClient();
    client.handle('chats.delete', () => ({ deleted: 'yes' }) as never);
    await expect(client.call('chats.delete', { chatId: 'c1' })).rejects.toThrow(/fake handler for chats\.delete returned a result outside the contract/);
    expect(client.violations).toHaveLength(1);
  });
});
