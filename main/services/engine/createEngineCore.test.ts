import type { LlamaModel } from 'node-llama-cpp';
import { describe, expect, it, vi } from 'vitest';
import { chatWrapperFor } from './createEngineCore.js';
import { PlainChatWrapper } from './PlainChatWrapper.js';

const modelWith = (chatTemplate: string | undefined) => ({ fileInfo: { metadata: { tokenizer: { chat_template: chatTemplate } } } }) as unknown as LlamaModel;

describe('chatWrapperFor', () => {
  it('never hands a template that failed its trial to node-llama-cpp, and says why', () => {
    const resolveChatWrapper = vi.fn();
    const warn = vi.fn();
    for (const verdict of [
      { ok: false as const, hostile: true, reason: 'rendering it takes longer than 300 ms' },
      { ok: false as const, hostile: false, reason: 'it does not parse: Unexpected token' },
    ]) {
      const wrapper = chatWrapperFor({ resolveChatWrapper } as never, modelWith('{{ x }}'), warn, verdict);
      expect(wrapper).toBeInstanceOf(PlainChatWrapper);
      expect(warn).toHaveBeenLastCalledWith(expect.stringContaining(verdict.reason));
    }
    expect(resolveChatWrapper).not.toHaveBeenCalled();
  });

  it("uses the model's own template when it passed, and the plain wrapper when there is none", () => {
    const own = { wrapperName: 'Jinja' };
    const resolveChatWrapper = vi.fn(() => own);
    expect(chatWrapperFor({ resolveChatWrapper } as never, modelWith('{{ x }}'), undefined, { ok: true, outputBytes: 10 })).toBe(own);
    expect(chatWrapperFor({ resolveChatWrapper } as never, modelWith(undefined))).toBeInstanceOf(PlainChatWrapper);
    expect(resolveChatWrapper).toHaveBeenCalledTimes(1);
  });
});
