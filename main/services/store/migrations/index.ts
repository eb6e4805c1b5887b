import type { Migration } from '../migrate.js';
import { createChats } from './0010-create-chats.js';
import { createMessages } from './0020-create-messages.js';
import { createMessageSearch } from './0030-create-message-search.js';
import { createSettings } from './0040-create-settings.js';
import { createModels } from './0050-create-models.js';
import { createDownloads } from './0060-create-downloads.js';
import { createProfiles } from './0070-create-profiles.js';
import { createNetworkLog } from './0080-create-network-log.js';
import { addMessageContext } from './0090-add-message-context.js';
import { addModelBroken } from './0100-add-model-broken.js';
import { privateDeletion } from './0110-private-deletion.js';
import { createDocuments } from './0120-create-documents.js';
import { chatDocuments } from './0130-chat-documents.js';
import { messageThought } from './0140-message-thought.js';
import { createApi } from './0150-api.js';
import { searchPurge } from './0160-search-purge.js';
import { modelRole } from './0170-model-role.js';

/** Every schema step this build knows, oldest first, in version order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  createChats,
  createMessages,
  createMessageSearch,
  createSettings,
  createModels,
  createDownloads,
  createProfiles,
  createNetworkLog,
  addMessageContext,
  addModelBroken,
  privateDeletion,
  createDocuments,
  chatDocuments,
  messageThought,
  createApi,
  searchPurge,
  modelRole,
];

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;
