import type { ParamsOf, PayloadOf, Profile, ResultOf, RoutingDecision, RoutingMode } from '../../../main/contract/index.js';
import { attempt, type SliceCreator } from './types.js';

export type RoutingStats = ResultOf<'routing.stats'>;
export type ProfileInput = ParamsOf<'profiles.create'>;
export type ProfilePatch = ParamsOf<'profiles.update'>['patch'];

/** A form action's outcome: the server's message comes back for the form to show inline, not as a toast. */
export type ProfileResult = { ok: true; profile: Profile } | { ok: false; message: string };

/** A reply that is waiting for its model to load (a domain switch can cost seconds). */
export interface ModelSwitch {
  chatId: string;
  /** The reply waiting for the model (the server says which). */
  messageId: string;
  modelId: string;
  /** The profile that asked for the model, when the reply was routed. */
  domain: string | null;
  /** 0..1 from the reply's chat.reply (phase loading) events; null until the first report. */
  progress: number | null;
}

export interface RouterPreview {
  text: string;
  decision: RoutingDecision | null;
  pending: boolean;
}

export interface RoutingSlice {
  profiles: Profile[];
  profilesLoaded: boolean;
  /** Why the profiles could not be read, for the routing page; chats work without them. */
  profilesError: string | null;
  routingStats: RoutingStats | null;
  routerPreview: RouterPreview;
  modelSwitch: ModelSwitch | null;
  loadProfiles(): Promise<void>;
  loadRoutingStats(): Promise<void>;
  previewRoute(text: string): Promise<void>;
  createProfile(input: ProfileInput): Promise<ProfileResult>;
  updateProfile(id: string, patch: ProfilePatch): Promise<ProfileResult>;
  resetProfile(id: string): Promise<boolean>;
  deleteProfile(id: string): Promise<boolean>;
  /** The chat's (or the draft's) Auto / pinned-profile choice. */
  setRoutingMode(mode: RoutingMode): Promise<boolean>;
  /** A reply's phase from the server: while it loads its model, the chat says so with the load's progress. */
  applyReplyPhase(payload: PayloadOf<'chat.reply'>): void;
  /** The reply is writing or has ended: its model is in. */
  applyReplyEnded(messageId: string): void;
  applyProfilesChanged(): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const createRoutingSlice: SliceCreator<RoutingSlice> = (set, get, client) => {
  let previewToken = 0;

  function replaceProfile(profile: Profile): void {
    set((s) => {
      const known = s.profiles.some((p) => p.id === profile.id);
      return { profiles: known ? s.profiles.map((p) => (p.id === profile.id ? profile : p)) : [...s.profiles, profile] };
    });
  }

  async function formCall(run: () => Promise<Profile>): Promise<ProfileResult> {
    try {
      const profile = await run();
      replaceProfile(profile);
      return { ok: true, profile };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  return {
    profiles: [],
    profilesLoaded: false,
    profilesError: null,
    routingStats: null,
    routerPreview: { text: '', decision: null, pending: false },
    modelSwitch: null,

    // Loaded with everything else at start: a failure shows on the routing page, not as a toast over the chat.
    async loadProfiles() {
      try {
        const profiles = await client.call('profiles.list', {});
        set({ profiles, profilesLoaded: true, profilesError: null });
      } catch (error) {
        set({ profilesError: messageOf(error) });
      }
    },

    async loadRoutingStats() {
      const routingStats = await attempt(get, () => client.call('routing.stats', {}));
      if (routingStats) set({ routingStats });
    },

    async previewRoute(text) {
      const token = ++previewToken;
      const trimmed = text.trim();
      if (!trimmed) {
        set({ routerPreview: { text, decision: null, pending: false } });
        return;
      }
      set((s) => ({ routerPreview: { ...s.routerPreview, text, pending: true } }));
      const decision = await attempt(get, () => client.call('routing.route', { text: trimmed.slice(0, 200_000) }));
      if (token !== previewToken) return; // a newer preview is on its way
      set({ routerPreview: { text, decision, pending: false } });
    },

    createProfile: (input) => formCall(() => client.call('profiles.create', input)),
    updateProfile: (id, patch) => formCall(() => client.call('profiles.update', { id, patch })),

    async resetProfile(id) {
      const profile = await attempt(get, () => client.call('profiles.reset', { id }));
      if (profile) replaceProfile(profile);
      return profile !== null;
    },

    async deleteProfile(id) {
      const r = await attempt(get, () => client.call('profiles.delete', { id }));
      if (!r) return false;
      set((s) => ({ profiles: s.profiles.filter((p) => p.id !== id) }));
      return true;
    },

    setRoutingMode: (routingMode) => get().updateChatSettings({ routingMode }),

    applyReplyPhase({ chatId, messageId, phase, modelId, progress, routing }) {
      if (phase !== 'loading' || !modelId) return get().applyReplyEnded(messageId);
      set({ modelSwitch: { chatId, messageId, modelId, domain: routing?.domain ?? null, progress } });
    },

    applyReplyEnded(messageId) {
      if (get().modelSwitch?.messageId === messageId) set({ modelSwitch: null });
    },

    applyProfilesChanged() {
      void get().loadProfiles();
      if (get().view === 'routing') void get().loadRoutingStats();
    },
  };
};
