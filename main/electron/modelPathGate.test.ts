import { describe, expect, it, vi } from 'vitest';
import type { CallContext, Handlers } from '../rpc/handlers.js';
import { createModelPathGate, createPickedPaths, gateDocumentPaths, gateModelsAdd } from './modelPathGate.js';

const ctx: CallContext = { shell: 'electron' };

/** Only the two methods the gate wraps are real; the rest are never called here. */
function fakeHandlers(pickerAnswer: string | null) {
  const added: string[] = [];
  const handlers = {
    'models.add': ({ path }: { path: string }) => {
      added.push(path);
      return { id: 'm', path };
    },
    'models.pickFile': () => ({ path: pickerAnswer }),
    'models.list': () => [],
  } as unknown as Handlers;
  return { handlers, added };
}

describe('the models.add gate (Electron)', () => {
  it('adds the path the file picker returned in this session, once, without asking', async () => {
    const confirm = vi.fn(async (_file: string) => false);
    const { handlers, added } = fakeHandlers('/home/me/models/qwen.gguf');
    const gated = gateModelsAdd(handlers, createModelPathGate({ confirm }));
    await expect(gated['models.pickFile']({}, ctx)).resolves.toEqual({ path: '/home/me/models/qwen.gguf' });
    await gated['models.add']({ path: '/home/me/models/qwen.gguf' }, ctx);
    expect(added).toEqual(['/home/me/models/qwen.gguf']);
    expect(confirm).not.toHaveBeenCalled();
    // A second add of the same path is a new request: the pick was spent.
    await expect(gated['models.add']({ path: '/home/me/models/qwen.gguf' }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(confirm).toHaveBeenCalledWith('/home/me/models/qwen.gguf');
  });

  it('refuses a path the renderer made up unless the user confirms it in main', async () => {
    const answers = [false, true];
    const confirm = vi.fn(async (_file: string) => answers.shift()!);
    const { handlers, added } = fakeHandlers(null);
    const gated = gateModelsAdd(handlers, createModelPathGate({ confirm }));
    await gated['models.pickFile']({}, ctx); // cancelled: nothing becomes allowed
    await expect(gated['models.add']({ path: '/home/me/.ssh/id_ed25519' }, ctx)).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      message: expect.stringMatching(/did not add \/home\/me\/\.ssh\/id_ed25519: it was not chosen in the file dialog and you did not confirm it/),
    });
    expect(added).toEqual([]);
    await gated['models.add']({ path: '/home/me/typed.gguf' }, ctx);
    expect(added).toEqual(['/home/me/typed.gguf']);
    expect(confirm.mock.calls.map((c) => c[0])).toEqual(['/home/me/.ssh/id_ed25519', '/home/me/typed.gguf']);
  });

  it('leaves every other method as it was', () => {
    const { handlers } = fakeHandlers(null);
    const gated = gateModelsAdd(handlers, createModelPathGate({ confirm: async () => true }));
    expect(gated['models.list']).toBe(handlers['models.list']);
  });
});

describe('the documents path gate (Electron)', () => {
  function documentsHandlers() {
    const read: string[][] = [];
    const handlers = {
      'documents.create': ({ paths }: { paths?: string[] }) => {
        read.push(paths ?? []);
        return { id: 'c' };
      },
      'documents.addPaths': ({ paths }: { paths: string[] }) => {
        read.push(paths);
        return { indexed: 0 };
      },
      'documents.search': () => [],
      'chat.turn': ({ action }: { action: { files?: string[] } }) => {
        read.push(action.files ?? []);
        return { chat: { id: 'c' } };
      },
    } as unknown as Handlers;
    return { handlers, read };
  }

  it('reads the paths only after the user confirms them in main, and says so when refused', async () => {
    const { handlers, read } = documentsHandlers();
    const asked: string[][] = [];
    let answer = false;
    const gated = gateDocumentPaths(handlers, async (paths) => {
      asked.push([...paths]);
      return answer;
    });
    await expect(gated['documents.addPaths']({ collectionId: 'c', paths: ['/home/me/.ssh'] }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/did not read \/home\/me\/\.ssh/) });
    expect(read).toEqual([]);
    answer = true;
    await gated['documents.create']({ name: 'Notes', paths: ['/home/me/notes', '/home/me/papers'] }, ctx);
    expect(read).toEqual([['/home/me/notes', '/home/me/papers']]);
    expect(asked).toEqual([['/home/me/.ssh'], ['/home/me/notes', '/home/me/papers']]);
  });

  it('reads files sent with a message only after the user confirms them; a message without files asks nothing', async () => {
    const { handlers, read } = documentsHandlers();
    const confirm = vi.fn(async (_paths: readonly string[]) => false);
    const gated = gateDocumentPaths(handlers, confirm);
    await expect(gated['chat.turn']({ chatId: 'c', action: { type: 'send', text: 'sum up', files: ['/home/me/.aws/credentials'] } }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(read).toEqual([]);
    await gated['chat.turn']({ chatId: 'c', action: { type: 'send', text: 'hello' } }, ctx);
    await gated['chat.turn']({ action: { type: 'regenerate', messageId: 'm' } }, ctx);
    expect(confirm).toHaveBeenCalledTimes(1);
    confirm.mockResolvedValue(true);
    await gated['chat.turn']({ chatId: 'c', action: { type: 'send', text: 'sum up', files: ['/home/me/plan.md'] } }, ctx);
    expect(read).toEqual([[], [], ['/home/me/plan.md']]);
  });

  it('asks nothing for a collection made without paths, and leaves other methods as they were', async () => {
    const { handlers } = documentsHandlers();
    const confirm = vi.fn(async () => false);
    const gated = gateDocumentPaths(handlers, confirm);
    await gated['documents.create']({ name: 'Empty' }, ctx);
    expect(confirm).not.toHaveBeenCalled();
    expect(gated['documents.search']).toBe(handlers['documents.search']);
  });
});

describe('folders picked in the dialog (Electron)', () => {
  it('are read without a second question, once; anything else typed is asked about', async () => {
    const asked: string[][] = [];
    const picks = createPickedPaths(async (paths) => (asked.push([...paths]), false));
    expect(picks.picked(['/home/me/notes', '/home/me/papers'])).toEqual(['/home/me/notes', '/home/me/papers']);
    await expect(picks.confirm(['/home/me/notes', '/home/me/papers/'])).resolves.toBe(true);
    expect(asked).toEqual([]);
    await expect(picks.confirm(['/home/me/notes'])).resolves.toBe(false);
    picks.picked(['/home/me/notes']);
    await expect(picks.confirm(['/home/me/notes', '/home/me/.ssh'])).resolves.toBe(false);
    expect(asked).toEqual([['/home/me/notes'], ['/home/me/notes', '/home/me/.ssh']]);
  });
});
