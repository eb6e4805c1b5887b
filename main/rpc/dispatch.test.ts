import { describe, expect, it, vi } from 'vitest';
import { HearthError, METHOD_NAMES } from '../contract/index.js';
import { createDispatcher, type WireReply } from './dispatch.js';
import { fakeHandlers } from './fakeHandlers.js';
import type { CallContext } from './handlers.js';

const ctx: CallContext = { shell: 'browser' };
const ids = { chatId: 'c1', userMessageId: 'u1', messageId: 'm1' };

function setup(overrides: Parameters<typeof fakeHandlers>[0] = {}, checkResults = false) {
  const logger = { warn: vi.fn(), error: vi.fn() };
  const send = vi.fn(() => ids as never);
  const dispatcher = createDispatcher({ handlers: fakeHandlers({ 'chat.turn': send, ...overrides }), logger, checkResults });
  return { dispatcher, logger, send };
}

function errorOf(reply: WireReply) {
  expect(reply.ok).toBe(false);
  return (reply as Extract<WireReply, { ok: false }>).error;
}

describe('createDispatcher', () => {
  it('validates, calls the handler with the parsed params and the context, and wraps the result', async () => {
    const { dispatcher, send } = setup();
    const reply = await dispatcher.dispatch({ id: 7, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'hello' } } }, ctx);
    expect(reply).toEqual({ id: 7, ok: true, result: ids });
    expect(send).toHaveBeenCalledWith({ newChat: {}, action: { type: 'send', text: 'hello' } }, ctx);
  });

  it('treats missing params as {}', async () => {
    const info = vi.fn(() => ({ version: '1', dataDir: '/d', platform: 'linux', shell: 'browser' as const }));
    const { dispatcher } = setup({ 'app.info': info });
    const reply = await dispatcher.dispatch({ id: 'a', method: 'app.info' }, ctx);
    expect(reply.ok).toBe(true);
    expect(info).toHaveBeenCalledWith({}, ctx);
  });

  it('answers UNKNOWN_METHOD for names outside the contract, including inherited object keys', async () => {
    const { dispatcher } = setup();
    for (const method of ['chat.nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '']) {
      const reply = await dispatcher.dispatch({ id: 1, method, params: {} }, ctx);
      expect(reply.id).toBe(1);
      expect(errorOf(reply).code).toBe('UNKNOWN_METHOD');
    }
  });

  it.each([
    [{ newChat: {}, action: { type: 'send', text: 42 } }, 'chat.turn: action.text: expected a string, got a number'],
    [{ newChat: {}, action: { type: 'send' } }, 'chat.turn: action.text: required (a string)'],
    [{ newChat: {}, action: { type: 'send', text: '' } }, 'chat.turn: action.text: must not be empty'],
    [{ newChat: {}, action: { type: 'send', text: 'x' }, extra: 1 }, 'chat.turn: unknown field "extra"'],
    [{ newChat: { sampling: { temperature: 9 } }, action: { type: 'send', text: 'x' } }, 'chat.turn: newChat.sampling.temperature: must be at most 5'],
    [{ chatId: 'has spaces', action: { type: 'send', text: 'x' } }, 'chat.turn: chatId: ids use letters, digits, . _ : -'],
    [{ chatId: 'c1', newChat: {}, action: { type: 'send', text: 'x' } }, 'chat.turn: newChat: give either chatId or newChat, not both'],
    [{ action: { type: 'send', text: 'x' } }, 'chat.turn: chatId: a send needs chatId, or newChat to start a chat'],
    [{ newChat: {}, action: { type: 'regenerate' } }, 'chat.turn: newChat: only a send can start a new chat'],
    ['text', 'chat.turn: params: expected an object, got a string'],
    [null, 'chat.turn: params: expected an object, got null'],
])('answers INVALID_PARAMS naming the field for %j', async (params, message) => {
    const { dispatcher, send } = setup();
    const reply = await dispatcher.dispatch({ id: 3, method: 'chat.turn', params }, ctx);
    expect(errorOf(reply)).toEqual({ code: 'INVALID_PARAMS', message });
    expect(send).not.toHaveBeenCalled();
  });

  it('names enum choices and union failures', async () => {
    const { dispatcher } = setup();
    const format = await dispatcher.dispatch({ id: 1, method: 'chats.export', params: { chatId: 'c', format: 'pdf' } }, ctx);
    expect(errorOf(format).message).toBe('chats.export: format: expected one of "md", "json"');
    const layers = await dispatcher.dispatch({ id: 2, method: 'settings.update', params: { engine: { gpuLayers: 'lots' } } }, ctx);
    expect(errorOf(layers).message).toBe('settings.update: engine.gpuLayers: not one of the accepted forms');
  });

  it('refuses malformed frames but keeps a readable id', async () => {
    const { dispatcher } = setup();
    expect(errorOf(await dispatcher.dispatch({ id: 4, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'x' } }, extra: true }, ctx)).code).toBe('INVALID_PARAMS');
    const noId = await dispatcher.dispatch({ method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'x' } } }, ctx);
    expect(noId.id).toBeNull();
    expect(errorOf(noId).code).toBe('INVALID_PARAMS');
    const badId = await dispatcher.dispatch({ id: { x: 1 }, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'x' } } }, ctx);
    expect(badId.id).toBeNull();
    const noMethod = await dispatcher.dispatch({ id: 5 }, ctx);
    expect(noMethod).toMatchObject({ id: 5, ok: false, error: { code: 'INVALID_PARAMS' } });
  });

  it('passes a HearthError through and hides a plain Error behind INTERNAL without a stack', async () => {
    const { dispatcher, logger } = setup({
      'chats.get': () => {
        throw new HearthError('CHAT_NOT_FOUND', 'Chat c9 does not exist.');
      },
      'chats.list': async () => {
        throw new Error('SQLITE_BUSY at /home/someone/secret/path.ts:12');
      },
    });
    const known = await dispatcher.dispatch({ id: 1, method: 'chats.get', params: { chatId: 'c9' } }, ctx);
    expect(known).toEqual({ id: 1, ok: false, error: { code: 'CHAT_NOT_FOUND', message: 'Chat c9 does not exist.' } });
    expect(logger.error).not.toHaveBeenCalled();

    const unknown = await dispatcher.dispatch({ id: 2, method: 'chats.list', params: {} }, ctx);
    const error = errorOf(unknown);
    expect(error.code).toBe('INTERNAL');
    expect(JSON.stringify(unknown)).not.toMatch(/secret|SQLITE|\.ts:|at /);
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('SQLITE_BUSY'));
  });

  it('survives handlers that throw non-errors and hostile thrown values', async () => {
    const hostile = new Proxy(
      {},
      {
        has() {
          throw new Error('trap');
        },
        get() {
          throw new Error('trap');
        },
      },
    );
    for (const thrown of [null, undefined, 'a string', 42, hostile]) {
      const { dispatcher } = setup({
        'chats.list': () => {
          throw thrown;
        },
      });
      const reply = await dispatcher.dispatch({ id: 1, method: 'chats.list' }, ctx);
      expect(errorOf(reply).code).toBe('INTERNAL');
    }
  });

  it('never throws on hostile input', async () => {
    const { dispatcher, send } = setup();
    let deep: unknown = { text: 'x' };
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const inputs: unknown[] = [
      undefined,
      null,
      42,
      'chat.turn',
      [],
      [{ id: 1, method: 'chat.turn' }],
      Symbol('s'),
      () => 1,
      JSON.parse('{"id":1,"method":"chat.turn","params":{"newChat":{},"action":{"type":"send","text":"x"},"__proto__":{"polluted":true}}}'),
      JSON.parse('{"id":1,"method":"chat.turn","__proto__":{"polluted":true},"params":{"newChat":{},"action":{"type":"send","text":"x"}}}'),
      JSON.parse('{"id":1,"method":"chat.turn","params":{"newChat":{},"action":{"type":"send","text":"x"},"constructor":{"prototype":{"polluted":true}}}}'),
      { id: 1, method: 'chat.turn', params: deep },
      { id: 1, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: huge } } },
      { id: 1, method: huge, params: {} },
      { id: huge, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'x' } } },
      { id: 1, method: 'chat.turn', params: wide },
      { id: 1, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'x' }, sampling: { stop: Array(1e6).fill('s') } } },
      { id: 1, method: 'chat.turn', params: { newChat: {}, action: { type: 'send', text: 'x' }, [huge]: 1 } },
      Object.create(null),
    ];
    for (const input of inputs) {
      const reply = await dispatcher.dispatch(input, ctx);
      expect(reply.ok).toBe(false);
      // Replies stay small whatever came in: nothing large is echoed.
      expect(JSON.stringify(reply).length).toBeLessThan(500);
    }
    expect(send).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('in checkResults mode turns a result outside the contract into INTERNAL and logs it', async () => {
    const { dispatcher, logger } = setup({ 'chat.stop': () => ({ stopped: 'yes' }) as never }, true);
    const reply = await dispatcher.dispatch({ id: 1, method: 'chat.stop', params: { messageId: 'm1' } }, ctx);
    expect(errorOf(reply).code).toBe('INTERNAL');
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('chat.stop'));
    const ok = await setup({ 'chat.stop': () => ({ stopped: true }) }, true).dispatcher.dispatch({ id: 2, method: 'chat.stop', params: { messageId: 'm1' } }, ctx);
    expect(ok).toEqual({ id: 2, ok: true, result: { stopped: true } });
  });

  it('knows every contract method', async () => {
    const { dispatcher } = setup();
    for (const method of METHOD_NAMES) {
      const reply = await dispatcher.dispatch({ id: 1, method, params: { definitelyNotAField: 1 } }, ctx);
      expect(errorOf(reply).code).toBe('INVALID_PARAMS');
    }
  });
});
