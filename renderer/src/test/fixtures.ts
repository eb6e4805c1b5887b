import type { Chat, ChatSummary, ContextUse, EngineStatus, Message, ModelDetails, Profile, RoutingDecision, Settings } from '../../../main/contract/index.js';

// Entities as main would send them, with just the fields a test cares about set.

const T0 = 1_750_000_000_000;

export function makeMessage(fields: Partial<Message> & Pick<Message, 'id' | 'chatId'>): Message {
  return {
    role: 'user',
    content: '',
    status: 'complete',
    modelId: null,
    domain: null,
    routing: null,
    stats: null,
    context: null,
    error: null,
    finishReason: null,
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  };
}

/** What fitted in a reply's prompt: by default a 4,096-token window that held everything. */
export function makeContextUse(fields: Partial<ContextUse> = {}): ContextUse {
  return { windowTokens: 4096, systemTokens: 12, historyTokens: 300, newMessageTokens: 20, reservedTokens: 512, includedMessages: 4, leftOutMessages: 0, oldestIncludedId: null, ...fields };
}

export function makeChat(fields: Partial<Chat> & Pick<Chat, 'id'>): Chat {
  return { title: 'A chat', modelId: 'tiny', systemPrompt: null, sampling: {}, routingMode: 'auto', createdAt: T0, updatedAt: T0, messageCount: 0, ...fields };
}

export function summaryOf(chat: Chat): ChatSummary {
  return { id: chat.id, title: chat.title, updatedAt: chat.updatedAt, messageCount: chat.messageCount, modelId: chat.modelId };
}

export function makeModel(fields: Partial<ModelDetails> & Pick<ModelDetails, 'id'>): ModelDetails {
  return {
    name: fields.id,
    path: `/models/${fields.id}.gguf`,
    source: 'link',
    sizeBytes: 1_200_000_000,
    sha256: null,
    architecture: 'llama',
    parameters: 1_100_000_000,
    quantization: 'Q4_K_M',
    contextLength: 4096,
    hasChatTemplate: true,
    role: 'chat',
    addedAt: T0,
    broken: null,
    fit: {
      verdict: 'fits',
      ramNeededBytes: 1_500_000_000,
      vramNeededBytes: 0,
      ramAvailableBytes: 16_000_000_000,
      vramAvailableBytes: 0,
      gpuLayers: 0,
      totalLayers: 22,
      contextSize: 4096,
    },
    loaded: false,
    ...fields,
  };
}

export function makeEngineStatus(fields: Partial<EngineStatus> = {}): EngineStatus {
  return {
    started: true,
    backend: 'cpu',
    devices: [],
    threads: 8,
    ramTotalBytes: 32 * 2 ** 30,
    ramFreeBytes: 20 * 2 ** 30,
    vramTotalBytes: 0,
    vramFreeBytes: 0,
    loaded: [],
    ...fields,
  };
}

export const SETTINGS: Settings = {
  engine: { threads: null, gpuLayers: 'auto', contextSize: null, idleUnloadMinutes: 15, memoryBudgetMb: null },
  theme: 'system',
  defaultModelId: null,
  defaultSystemPrompt: 'You are Hearth.',
  offline: false,
  language: null,
  api: { enabled: false, port: 1338, bindAddress: '127.0.0.1', requireKey: true, allowedOrigins: [], logContent: false, storeAsChats: false, parallel: 1 },
  documents: { rerank: 'auto' },
};

export function makeProfile(fields: Partial<Profile> & Pick<Profile, 'id'>): Profile {
  const name = fields.id.charAt(0).toUpperCase() + fields.id.slice(1);
  return {
    name,
    description: `${name} questions.`,
    systemPrompt: `You are Hearth's ${fields.id} assistant.`,
    sampling: {},
    models: { fast: [], standard: ['tiny'] },
    color: '#336699',
    icon: '•',
    enabled: true,
    builtIn: true,
    modified: false,
    examples: [],
    ...fields,
  };
}

/** A few built-ins as main ships them (colours and icons differ so tests can tell them apart). */
export const PROFILES: Profile[] = [
  makeProfile({ id: 'general', icon: '💬', color: '#6b7280', examples: ['hello there'] }),
  makeProfile({ id: 'healthcare', icon: '🩺', color: '#0e9f6e', systemPrompt: 'You give medical information, not diagnosis.', examples: ['dose fever symptoms'] }),
  makeProfile({ id: 'coding', icon: '⌨', color: '#2563eb', systemPrompt: 'Code first, then a short explanation.', examples: ['python function bug'] }),
  makeProfile({ id: 'creative', icon: '✎', color: '#c2410c', examples: ['story poem'] }),
];

export function makeDecision(fields: Partial<RoutingDecision> & Pick<RoutingDecision, 'domain'>): RoutingDecision {
  return {
    confidence: 0.86,
    scores: { [fields.domain]: 0.86 },
    reasons: [],
    tier: 'standard',
    modelId: 'tiny',
    fallback: null,
    mode: 'auto',
    systemPrompt: null,
    method: 'lexical',
    ...fields,
  };
}
