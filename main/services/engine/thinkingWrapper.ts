import type { ChatWrapper, LlamaModel } from 'node-llama-cpp';

const offWrappers = new WeakMap<ChatWrapper, ChatWrapper>();

/**
 * The chat wrapper a prompt is rendered with for a thinking mode. Where the
 * wrapper itself writes a thinking switch into the prompt, beyond its end
 * (Gemma 4's <|think|> in the system turn, a Jinja template's
 * enable_thinking, which SmolLM3's turns into a /no_think system prompt),
 * thinking 'off' renders with a copy of it made with `reasoning: false`, as
 * node-llama-cpp's own option for it; the end of the prompt is shaped apart
 * (shapePromptEnd). Other wrappers have no such switch and serve every mode.
 */
export function thinkingWrapper(model: LlamaModel, wrapper: ChatWrapper, mode: 'auto' | 'on' | 'off'): ChatWrapper {
  if (mode !== 'off' || (wrapper as { reasoning?: unknown }).reasoning !== true) return wrapper;
  let off = offWrappers.get(wrapper);
  if (!off) {
    off = wrapper;
    try {
      const Wrapper = wrapper.constructor as new (options: Record<string, unknown>) => ChatWrapper;
      if (wrapper.wrapperName === 'Gemma 4') off = new Wrapper({ reasoning: false });
      else if (wrapper.wrapperName === 'JinjaTemplate') off = new Wrapper({ template: (wrapper as { template?: unknown }).template, tokenizer: model.tokenizer, reasoning: false });
    } catch {
      // The wrapper in use renders the prompt; only its end is switched off.
    }
    offWrappers.set(wrapper, off);
  }
  return off;
}
