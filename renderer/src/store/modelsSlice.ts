import type { ModelDetails, ModelRecord, PayloadOf } from '../../../main/contract/index.js';
import { t } from '../i18n/i18n.js';
import { attempt, type SliceCreator } from './types.js';

export type ModelActivity = 'loading' | 'unloading' | 'removing';

export interface ModelsSlice {
  models: ModelDetails[];
  modelsLoaded: boolean;
  /** 0..1 while a model loads, from models.loadProgress. */
  loadProgress: Record<string, number>;
  modelActivity: Record<string, ModelActivity>;
  importing: boolean;
  loadModels(): Promise<void>;
  /** Electron only: the OS file dialog, in main. null when cancelled or failed. */
  pickModelFile(): Promise<string | null>;
  importModel(path: string, mode: 'copy' | 'link'): Promise<ModelRecord | null>;
  removeModel(modelId: string, deleteFile: boolean): Promise<boolean>;
  loadModel(modelId: string): Promise<boolean>;
  unloadModel(modelId: string): Promise<boolean>;
  applyLoadProgress(payload: PayloadOf<'models.loadProgress'>): void;
}

export const createModelsSlice: SliceCreator<ModelsSlice> = (set, get, client) => {
  function setActivity(modelId: string, activity: ModelActivity | null): void {
    set((s) => {
      const { [modelId]: _old, ...rest } = s.modelActivity;
      return { modelActivity: activity ? { ...rest, [modelId]: activity } : rest };
    });
  }
  function clearProgress(modelId: string): void {
    set((s) => {
      const { [modelId]: _old, ...rest } = s.loadProgress;
      return { loadProgress: rest };
    });
  }

  return {
    models: [],
    modelsLoaded: false,
    loadProgress: {},
    modelActivity: {},
    importing: false,

    async loadModels() {
      const models = await attempt(get, () => client.call('models.list', {}));
      if (models) set({ models, modelsLoaded: true });
    },

    async pickModelFile() {
      const r = await attempt(get, () => client.call('models.pickFile', {}));
      return r?.path ?? null;
    },

    async importModel(path, mode) {
      set({ importing: true });
      const record = await attempt(get, () => client.call('models.add', { path, mode }));
      set({ importing: false });
      if (!record) return null;
      get().pushToast('info', t('toasts.imported', { name: record.name }));
      await get().loadModels();
      return record;
    },

    async removeModel(modelId, deleteFile) {
      setActivity(modelId, 'removing');
      const r = await attempt(get, () => client.call('models.remove', { modelId, deleteFile }));
      setActivity(modelId, null);
      if (!r) return false;
      set((s) => ({ models: s.models.filter((m) => m.id !== modelId) }));
      void get().loadModels();
      return true;
    },

    async loadModel(modelId) {
      setActivity(modelId, 'loading');
      set((s) => ({ loadProgress: { ...s.loadProgress, [modelId]: 0 } }));
      const r = await attempt(get, () => client.call('models.load', { modelId }));
      setActivity(modelId, null);
      clearProgress(modelId);
      if (!r) return false;
      set((s) => ({ models: s.models.map((m) => (m.id === modelId ? { ...m, loaded: true } : m)) }));
      return true;
    },

    async unloadModel(modelId) {
      setActivity(modelId, 'unloading');
      const r = await attempt(get, () => client.call('models.unload', { modelId }));
      setActivity(modelId, null);
      if (!r) return false;
      set((s) => ({ models: s.models.map((m) => (m.id === modelId ? { ...m, loaded: false } : m)) }));
      return true;
    },

    applyLoadProgress({ modelId, progress }) {
      set((s) => ({ loadProgress: { ...s.loadProgress, [modelId]: progress } }));
    },
  };
};
