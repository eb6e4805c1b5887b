import type { Chat, ChatSummary, Message, ParamsOf, PayloadOf, ResultOf, RoutingMode, Sampling, SearchHit } from '../../../main/contract/index.js';
import { mergeMessage, placeholderMessage } from './mergeMessage.js';
import { sameIds, sameMessage } from './sameMessage.js';
import { attempt, type HearthState, type SliceCreator } from './types.js';

type TurnResult = ResultOf<'chat.turn'>;
type TurnParams = ParamsOf<'chat.turn'>;

/** Settings for a chat that does not exist yet; the first send creates it with them. */
export interface DraftChat {
  modelId: string | null;
  systemPrompt: string | null;
  sampling: Sampling;
  routingMode: RoutingMode;
  thinking?: Chat['thinking'];
  thinkingBudget?: number | null;
  /** Document collections the new chat will retrieve from. */
  collectionIds: string[];
}

export interface ChatSettingsPatch {
  modelId?: string | null;
  systemPrompt?: string | null;
  sampling?: Sampling;
  routingMode?: RoutingMode;
  thinking?: Chat['thinking'];
  thinkingBudget?: number | null;
  collectionIds?: string[];
}

export interface ChatSlice {
  chatSummaries: ChatSummary[];
  chatsLoaded: boolean;
  /** null: the new-chat draft is shown. */
  activeChatId: string | null;
  chatsById: Record<string, Chat>;
  messageIdsByChat: Record<string, string[]>;
  /**
   * Select one message by id, never the whole map: streaming deltas replace their message's object
   * but update this map in place (see applyDeltas), so the map's identity does not change with them.
   */
  messagesById: Record<string, Message>;
  draft: DraftChat;
  sending: boolean;
  search: { query: string; hits: SearchHit[]; searching: boolean };

  loadChats(): Promise<void>;
  loadChat(chatId: string): Promise<void>;
  selectChat(chatId: string | null): void;
  newChat(): void;
  renameChat(chatId: string, title: string): Promise<boolean>;
  deleteChat(chatId: string): Promise<boolean>;
  searchChats(query: string): Promise<void>;
  updateChatSettings(patch: ChatSettingsPatch): Promise<boolean>;
  /** `files`: absolute paths dropped on the composer, indexed for this chat by main before it answers. */
  sendMessage(text: string, files?: string[]): Promise<boolean>;
  stopReply(chatId: string): Promise<void>;
  regenerate(chatId: string): Promise<boolean>;
  editMessage(messageId: string, text: string): Promise<boolean>;
  /** Regenerates a reply with another profile; its text streams in like a regenerate. */
  reroute(messageId: string, profileId: string): Promise<boolean>;
  /** Every shape of turn goes through here: one call, and the result says exactly what the chat now holds. */
  runTurn(params: TurnParams): Promise<TurnResult | null>;
  /** Puts a turn's result in place: the messages before `replacedFrom` stay, then the user message and the empty reply. */
  placeTurn(result: TurnResult): void;
  applyDelta(payload: PayloadOf<'chat.delta'>): void;
  /** Several deltas in one store update (one render per frame however many arrived). */
  applyDeltas(payloads: readonly PayloadOf<'chat.delta'>[]): void;
  applyDone(payload: PayloadOf<'chat.done'>): void;
  /** A reply's phase (queued, loading its model, generating with what fitted in the context). */
  applyReply(payload: PayloadOf<'chat.reply'>): void;
  applyChatsChanged(payload: PayloadOf<'chats.changed'>): void;
  forgetChats(): void;
}

const EMPTY_DRAFT: DraftChat = { modelId: null, systemPrompt: null, sampling: {}, routingMode: 'auto', collectionIds: [] };

/** The id of the chat's reply that is still being written, if any (it is always the last message). */
export function streamingMessageId(state: Pick<HearthState, 'messageIdsByChat' | 'messagesById'>, chatId: string | null): string | null {
  if (!chatId) return null;
  const ids = state.messageIdsByChat[chatId];
  const last = ids?.[ids.length - 1];
  return last && state.messagesById[last]?.status === 'streaming' ? last : null;
}

export const createChatSlice: SliceCreator<ChatSlice> = (set, get, client) => {
  /** Last delta seq applied per message: a stale or repeated delta is dropped. */
  const lastSeq = new Map<string, number>();
  /** When each streaming reply's first thought delta arrived: its duration so far, until chat.done brings the engine's. */
  const thoughtStart = new Map<string, number>();

  function growThought(m: Message, text: string, now: number): NonNullable<Message['thought']> {
    if (!thoughtStart.has(m.id)) thoughtStart.set(m.id, now - (m.thought?.durationMs ?? 0));
    return { text: (m.thought?.text ?? '') + text, durationMs: now - thoughtStart.get(m.id)!, tokens: m.thought?.tokens ?? 0 };
  }
  let searchToken = 0;

  function placeTurn(result: TurnResult): void {
    const { chat, userMessage, reply, replacedFrom } = result;
    set((s) => {
      const messagesById = { ...s.messagesById };
      const before = s.messageIdsByChat[chat.id] ?? [];
      const cut = replacedFrom ? before.indexOf(replacedFrom) : -1;
      const keep = (cut >= 0 ? before.slice(0, cut) : before).filter((id) => id !== userMessage.id && id !== reply.id);
      for (const id of before) if (!keep.includes(id)) delete messagesById[id];
      messagesById[userMessage.id] = s.messagesById[userMessage.id] ?? userMessage;
      // Deltas can beat the reply frame: keep any text they already brought.
      const early = s.messagesById[reply.id];
      messagesById[reply.id] = early ? { ...reply, content: early.content, thought: early.thought } : reply;
      return {
        messagesById,
        messageIdsByChat: { ...s.messageIdsByChat, [chat.id]: [...keep, userMessage.id, reply.id] },
        chatsById: { ...s.chatsById, [chat.id]: chat },
      };
    });
  }

  function dropChat(chatId: string): void {
    set((s) => {
      const messagesById = { ...s.messagesById };
      for (const id of s.messageIdsByChat[chatId] ?? []) delete messagesById[id];
      const { [chatId]: _ids, ...messageIdsByChat } = s.messageIdsByChat;
      const { [chatId]: _chat, ...chatsById } = s.chatsById;
      return {
        messagesById,
        messageIdsByChat,
        chatsById,
        chatSummaries: s.chatSummaries.filter((c) => c.id !== chatId),
        activeChatId: s.activeChatId === chatId ? null : s.activeChatId,
        search: { ...s.search, hits: s.search.hits.filter((h) => h.chatId !== chatId) },
      };
    });
  }

  return {
    chatSummaries: [],
    chatsLoaded: false,
    activeChatId: null,
    chatsById: {},
    messageIdsByChat: {},
    messagesById: {},
    draft: EMPTY_DRAFT,
    sending: false,
    search: { query: '', hits: [], searching: false },

    async loadChats() {
      const list = await attempt(get, () => client.call('chats.list', {}));
      if (list) set({ chatSummaries: list, chatsLoaded: true });
    },

    async loadChat(chatId) {
      const r = await attempt(get, () => client.call('chats.get', { chatId }));
      if (!r) return;
      set((s) => {
        const messagesById = { ...s.messagesById };
        const ids: string[] = [];
        for (const m of r.messages) {
          const local = s.messagesById[m.id];
          const merged = mergeMessage(local, m);
          // Keep the same object when nothing changed, so its row does not re-render.
          messagesById[m.id] = local && sameMessage(local, merged) ? local : merged;
          ids.push(m.id);
        }
        const prev = s.messageIdsByChat[chatId];
        for (const id of prev ?? []) if (!ids.includes(id)) delete messagesById[id];
        return {
          messagesById,
          chatsById: { ...s.chatsById, [chatId]: r.chat },
          messageIdsByChat: { ...s.messageIdsByChat, [chatId]: prev && sameIds(prev, ids) ? prev : ids },
        };
      });
    },

    selectChat(chatId) {
      set({ activeChatId: chatId, view: 'chat', focusMessageId: null });
      if (chatId) void get().loadChat(chatId);
    },

    newChat() {
      set({ activeChatId: null, view: 'chat', draft: EMPTY_DRAFT, focusMessageId: null });
    },

    async renameChat(chatId, title) {
      const chat = await attempt(get, () => client.call('chats.update', { chatId, title }));
      if (!chat) return false;
      set((s) => ({
        chatsById: s.chatsById[chatId] ? { ...s.chatsById, [chatId]: chat } : s.chatsById,
        chatSummaries: s.chatSummaries.map((c) => (c.id === chatId ? { ...c, title: chat.title } : c)),
      }));
      return true;
    },

    async deleteChat(chatId) {
      const r = await attempt(get, () => client.call('chats.delete', { chatId }));
      if (!r) return false;
      dropChat(chatId);
      return true;
    },

    async searchChats(query) {
      const token = ++searchToken;
      const text = query.trim();
      if (!text) {
        set({ search: { query, hits: [], searching: false } });
        return;
      }
      set((s) => ({ search: { ...s.search, query, searching: true } }));
      const hits = await attempt(get, () => client.call('chats.search', { text: text.slice(0, 500), limit: 50 }));
      if (token !== searchToken) return; // a newer query is on its way
      set({ search: { query, hits: hits ?? [], searching: false } });
    },

    async updateChatSettings(patch) {
      const chatId = get().activeChatId;
      if (!chatId) {
        set((s) => ({ draft: { ...s.draft, ...patch } }));
        return true;
      }
      const chat = await attempt(get, () => client.call('chats.update', { chatId, ...patch }));
      if (!chat) return false;
      set((s) => ({
        chatsById: { ...s.chatsById, [chatId]: chat },
        chatSummaries: s.chatSummaries.map((c) => (c.id === chatId ? { ...c, modelId: chat.modelId } : c)),
      }));
      return true;
    },

    async runTurn(params) {
      const result = await attempt(get, () => client.call('chat.turn', params));
      if (!result) return null;
      const known = get().messageIdsByChat[result.chat.id] !== undefined;
      placeTurn(result);
      // A chat shown only in part (opened from search, say) is read whole once; a loaded one already holds the turn.
      if (!known) void get().loadChat(result.chat.id);
      void get().loadChats();
      return result;
    },

    async sendMessage(text, files) {
      const s = get();
      const chatId = s.activeChatId;
      if (s.sending || streamingMessageId(s, chatId)) return false;
      set({ sending: true });
      const { draft } = s;
      // A new chat is created with its settings (pinned profile included) in the same call as its first message.
      const newChat = {
        ...(draft.modelId ? { modelId: draft.modelId } : {}),
        ...(draft.systemPrompt !== null ? { systemPrompt: draft.systemPrompt } : {}),
        ...(Object.keys(draft.sampling).length > 0 ? { sampling: draft.sampling } : {}),
        ...(draft.routingMode !== 'auto' ? { routingMode: draft.routingMode } : {}),
        ...(draft.thinking && draft.thinking !== 'auto' ? { thinking: draft.thinking } : {}),
        ...(draft.thinkingBudget ? { thinkingBudget: draft.thinkingBudget } : {}),
        ...(draft.collectionIds.length > 0 ? { collectionIds: draft.collectionIds } : {}),
      };
      const action = { type: 'send' as const, text, ...(files && files.length > 0 ? { files } : {}) };
      const result = await get().runTurn(chatId ? { chatId, action } : { newChat, action });
      set({ sending: false });
      if (!result) return false;
      if (!chatId && get().activeChatId === null) set({ activeChatId: result.chat.id, draft: EMPTY_DRAFT });
      return true;
    },

    async stopReply(chatId) {
      const messageId = streamingMessageId(get(), chatId);
      if (messageId) await attempt(get, () => client.call('chat.stop', { messageId }));
    },

    regenerate: async (chatId) => (await get().runTurn({ chatId, action: { type: 'regenerate' } })) !== null,
    editMessage: async (messageId, text) => (await get().runTurn({ action: { type: 'edit', messageId, text } })) !== null,
    reroute: async (messageId, profileId) => (await get().runTurn({ action: { type: 'reroute', messageId, profileId } })) !== null,

    applyDelta(payload) {
      get().applyDeltas([payload]);
    },

    applyDeltas(payloads) {
      const appended = new Map<string, { chatId: string; text: string; thought: string }>();
      for (const { chatId, messageId, seq, text, segment } of payloads) {
        const last = lastSeq.get(messageId);
        if (last !== undefined && seq <= last) continue;
        lastSeq.set(messageId, seq);
        let entry = appended.get(messageId);
        if (!entry) appended.set(messageId, (entry = { chatId, text: '', thought: '' }));
        if (segment === 'thought') entry.thought += text;
        else entry.text += text;
      }
      if (appended.size === 0) return;
      set((s) => {
        // In place, not copied: copying every loaded message on each delta was the one cost of streaming
        // that grew with the chat (4 ms a delta at 10,000 messages; `npm run bench -- --only render`).
        // The delta still replaces its message object, which is what rows select, so they re-render.
        const messagesById = s.messagesById;
        const now = Date.now();
        for (const [messageId, { chatId, text, thought }] of appended) {
          const m = messagesById[messageId] ?? placeholderMessage({ id: messageId, chatId, role: 'assistant', status: 'streaming' });
          messagesById[messageId] = { ...m, content: m.content + text, thought: thought ? growThought(m, thought, now) : m.thought, updatedAt: now };
        }
        return { messagesById };
      });
    },

    applyDone({ chatId, messageId, content, thought, finishReason, stats, error, routing, context, sources }) {
      const m = get().messagesById[messageId];
      if (m) {
        thoughtStart.delete(messageId);
        // The stored text is the final word: it also mends any delta that went missing (the thought too, when the server sent one).
        const done: Message = { ...m, content, thought: thought === undefined ? m.thought : thought, status: error ? 'error' : 'complete', finishReason, stats, context: context ?? m.context, error: error?.message ?? null, updatedAt: Date.now() };
        // The decision as stored: another model may have answered when the preferred one failed to load.
        if (routing) Object.assign(done, { routing, domain: routing.domain, modelId: routing.modelId ?? m.modelId });
        if (sources !== undefined) done.sources = sources;
        set((s) => ({ messagesById: { ...s.messagesById, [messageId]: done } }));
      } else if (get().messageIdsByChat[chatId]) void get().loadChat(chatId);
      void get().loadChats();
    },

    applyReply({ messageId, context, routing, modelId }) {
      const m = get().messagesById[messageId];
      if (!m || m.status !== 'streaming') return;
      const next: Message = { ...m, context: context ?? m.context, modelId: modelId ?? m.modelId };
      if (routing) Object.assign(next, { routing, domain: routing.domain });
      set((s) => ({ messagesById: { ...s.messagesById, [messageId]: next } }));
    },

    applyChatsChanged({ chatId, reason }) {
      if (reason === 'deleted') {
        dropChat(chatId);
        return;
      }
      void get().loadChats();
      if (reason !== 'title' && get().messageIdsByChat[chatId]) void get().loadChat(chatId);
    },

    placeTurn,

    forgetChats() {
      lastSeq.clear();
      thoughtStart.clear();
      set({ chatSummaries: [], chatsById: {}, messageIdsByChat: {}, messagesById: {}, activeChatId: null, draft: EMPTY_DRAFT, search: { query: '', hits: [], searching: false } });
    },
  };
};
