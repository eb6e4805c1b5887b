import { z } from 'zod';
import {
  Chat,
  ChatSummary,
  EngineSettings,
  EngineStatus,
  Id,
  Message,
  ModelDetails,
  ModelRecord,
  Sampling,
  SearchHit,
  Settings,
  Theme,
  UiLanguage,
  RoutingMode,
  ApiSettings,
  DocumentSettings,
} from './entities.js';
import { apiMethods } from './api.js';
import { documentsMethods } from './documents.js';
import { libraryMethods } from './library.js';
import { privacyMethods } from './privacy.js';
import { routingMethods } from './routing.js';
import { turnMethods } from './turn.js';

/**
 * Every method the renderer may call, declared once: params are validated at
 * the boundary (the renderer is untrusted), results describe what comes back.
 * Allowlists in the preload and both hosts derive from the keys of this map.
 */

const empty = z.strictObject({});
const path = z.string().min(1).max(4096);

export const methods = {
  'app.info': {
    params: empty,
    result: z.object({ version: z.string(), dataDir: z.string(), platform: z.string(), shell: z.enum(['electron', 'browser']) }),
  },

  'chats.list': { params: z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() }), result: z.array(ChatSummary) },
  'chats.get': { params: z.strictObject({ chatId: Id }), result: z.object({ chat: Chat, messages: z.array(Message) }) },
  'chats.create': {
    params: z.strictObject({ title: z.string().max(200).optional(), modelId: Id.optional(), systemPrompt: z.string().max(20_000).optional() }),
    result: Chat,
  },
  'chats.update': {
    params: z.strictObject({
      chatId: Id,
      title: z.string().min(1).max(200).optional(),
      modelId: Id.nullable().optional(),
      systemPrompt: z.string().max(20_000).nullable().optional(),
      sampling: Sampling.optional(),
      routingMode: RoutingMode.optional(),
      /** Replaces the chat's attached document collections. */
      collectionIds: z.array(Id).max(100).optional(),
      thinking: z.enum(['auto', 'on', 'off']).optional(),
      thinkingBudget: z.number().int().min(1).max(1_000_000).nullable().optional(),
    }),
    result: Chat,
  },
  'chats.delete': { params: z.strictObject({ chatId: Id }), result: z.object({ deleted: z.boolean() }) },
  'chats.search': { params: z.strictObject({ text: z.string().min(1).max(500), limit: z.number().int().min(1).max(500).optional() }), result: z.array(SearchHit) },
  'chats.export': {
    /** includeThinking: add reasoning models' thoughts (left out by default: they are not what the model said). */
    params: z.strictObject({ chatId: Id, format: z.enum(['md', 'json']), includeThinking: z.boolean().optional() }),
    result: z.object({ filename: z.string(), content: z.string() }),
  },

  ...turnMethods,

  'models.list': { params: empty, result: z.array(ModelDetails) },
  'models.info': { params: z.strictObject({ modelId: Id }), result: ModelDetails },
  'models.add': { params: z.strictObject({ path, mode: z.enum(['copy', 'link']).optional(), name: z.string().min(1).max(200).optional() }), result: ModelRecord },
  'models.remove': { params: z.strictObject({ modelId: Id, deleteFile: z.boolean().optional() }), result: z.object({ removed: z.boolean() }) },
  'models.load': { params: z.strictObject({ modelId: Id }), result: z.object({ modelId: Id, contextSize: z.number() }) },
  'models.unload': { params: z.strictObject({ modelId: Id }), result: z.object({ unloaded: z.boolean() }) },
  /** Electron only: opens the OS file dialog in main; browser mode types a path instead. */
  'models.pickFile': { params: empty, result: z.object({ path: z.string().nullable() }) },

  'engine.status': { params: empty, result: EngineStatus },

  'settings.get': { params: empty, result: Settings },
  'settings.update': {
    params: z.strictObject({
      engine: EngineSettings.partial().optional(),
      theme: Theme.optional(),
      defaultModelId: Id.nullable().optional(),
      defaultSystemPrompt: z.string().max(20_000).optional(),
      offline: z.boolean().optional(),
      language: UiLanguage.nullable().optional(),
      api: ApiSettings.partial().optional(),
      documents: DocumentSettings.partial().optional(),
    }),
    result: Settings,
  },
  'data.deleteAll': {
    params: z.strictObject({ includeModels: z.boolean(), confirm: z.literal('DELETE') }),
    result: z.object({ chats: z.number(), models: z.number() }),
  },

  ...libraryMethods,
  ...documentsMethods,
  ...privacyMethods,
  ...routingMethods,
  ...apiMethods,
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = z.infer<Methods[M]['result']>;

export const METHOD_NAMES = Object.freeze(Object.keys(methods)) as readonly MethodName[];

const methodSet: ReadonlySet<string> = new Set(METHOD_NAMES);
export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && methodSet.has(value);
}
