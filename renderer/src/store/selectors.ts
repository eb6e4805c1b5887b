import type { Chat, ModelDetails } from '../../../main/contract/index.js';
import { t } from '../i18n/i18n.js';
import type { HearthState } from './types.js';

export function activeChat(s: HearthState): Chat | null {
  return s.activeChatId ? (s.chatsById[s.activeChatId] ?? null) : null;
}

/**
 * The model the next reply will use, as main would choose it: the chat's (or
 * the draft's), else the default, else the only installed one. null when none
 * applies or the chosen one is no longer installed.
 */
export function effectiveModelId(s: HearthState): string | null {
  const chosen = s.activeChatId ? (s.chatsById[s.activeChatId]?.modelId ?? null) : s.draft.modelId;
  const id = chosen ?? s.settings?.defaultModelId ?? (s.models.length === 1 ? s.models[0]!.id : null);
  if (!id) return null;
  return s.models.some((m) => m.id === id) ? id : null;
}

/**
 * With domain routing (profiles loaded), a reply with no model chosen gets the
 * one its profile prefers, else any installed one: nothing has to be picked first.
 */
export function routerPicksModel(s: HearthState): boolean {
  return s.profiles.length > 0 && s.models.length > 0;
}

export function modelName(models: ModelDetails[], id: string | null): string {
  if (!id) return t('chat.noModel');
  return models.find((m) => m.id === id)?.name ?? id;
}
