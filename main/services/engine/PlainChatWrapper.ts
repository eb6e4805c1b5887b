import { ChatWrapper, LlamaText, SpecialToken, type ChatHistoryItem, type ChatWrapperGenerateContextStateOptions, type ChatWrapperGeneratedContextState } from 'node-llama-cpp';

/**
 * For models without a chat template (base models such as stories260K): the
 * conversation is plain text and the model continues it. Role markers would
 * be noise such a model never saw in training, and it cannot follow a system
 * prompt, so system messages are left out.
 */
export class PlainChatWrapper extends ChatWrapper {
  readonly wrapperName = 'Plain';

  override generateContextState({ chatHistory }: ChatWrapperGenerateContextStateOptions): ChatWrapperGeneratedContextState {
    const parts: string[] = [];
    for (const item of chatHistory) {
      const text = itemText(item);
      if (text) parts.push(text);
    }
    return {
      contextText: LlamaText([new SpecialToken('BOS'), parts.join('')]),
      stopGenerationTriggers: [LlamaText(new SpecialToken('EOS'))],
    };
  }
}

function itemText(item: ChatHistoryItem): string {
  if (item.type === 'system') return '';
  if (item.type === 'user') return typeof item.text === 'string' ? item.text : LlamaText.fromJSON(item.text).toString();
  return item.response.filter((r): r is string => typeof r === 'string').join('');
}
