import { describe, expect, it, vi } from 'vitest';
import type { EventFrame, HearthBridge, ReplyFrame } from '../../../main/contract/index.js';
import { createElectronClient } from './createElectronClient.js';

function fakeBridge(reply: (method: string, params: unknown) => ReplyFrame) {
  let listener: ((frame: EventFrame) => void) | null = null;
  const bridge: HearthBridge = {
    shell: 'electron',
    invoke: async (method, params) => reply(method, params),
    onEvent(l) {
      listener = l;
      return () => (listener = null);
    },
    pathForFile: () => '',
  };
  return { bridge, push: (frame: EventFrame) => listener?.(frame) };
}

describe('Electron client', () => {
  it('returns results and rebuilds errors from reply frames', async () => {
    const { bridge } = fakeBridge((method, params) =>
      method === 'chats.delete' ? { id: 1, ok: false, error: { code: 'CHAT_NOT_FOUND', message: `No chat ${(params as { chatId: string }).chatId}.` } } : { id: 1, ok: true, result: [] },
    );
    const client = createElectronClient(bridge);
    expect(client.shell).toBe('electron');
    await expect(client.call('chats.list', {})).resolves.toEqual([]);
    await expect(client.call('chats.delete', { chatId: 'x' })).rejects.toMatchObject({ name: 'HearthError', code: 'CHAT_NOT_FOUND', message: 'No chat x.' });
  });

  it('routes event frames by name and unsubscribes on close', () => {
    const { bridge, push } = fakeBridge(() => ({ id: 1, ok: true, result: null }));
    const client = createElectronClient(bridge);
    const got: unknown[] = [];
    client.on('models.loadProgress', (p) => got.push(p));
    push({ event: 'models.loadProgress', payload: { modelId: 'm', progress: 0.5 }, seq: 1 });
    push({ event: 'settings.changed', payload: {}, seq: 2 });
    client.close();
    push({ event: 'models.loadProgress', payload: { modelId: 'm', progress: 1 }, seq: 3 });
    expect(got).toEqual([{ modelId: 'm', progress: 0.5 }]);
  });

  it('calls onGap listeners when an event frame skips a seq; a reload that starts again at 1 is no gap', () => {
    const { bridge, push } = fakeBridge(() => ({ id: 1, ok: true, result: null }));
    const client = createElectronClient(bridge);
    const gaps = vi.fn();
    client.onGap!(gaps);
    const frame = (seq: number) => push({ event: 'settings.changed', payload: {}, seq });
    frame(1);
    frame(2);
    expect(gaps).not.toHaveBeenCalled();
    frame(4);
    expect(gaps).toHaveBeenCalledTimes(1);
    frame(1);
    frame(2);
    expect(gaps).toHaveBeenCalledTimes(1);
  });
});
