import path from 'node:path';
import { HearthError } from '../contract/errors.js';
import type { Handlers } from '../rpc/handlers.js';

export interface ModelPathGateDeps {
  /**
   * Asks the user, in a native dialog the renderer cannot draw or answer,
   * whether to add the file at this path: how a path typed in the window
   * becomes the user's choice rather than the page's.
   */
  confirm(file: string): Promise<boolean>;
}

export interface ModelPathGate {
  /** Records a path the native file picker returned (null: cancelled), and passes it on. */
  picked(file: string | null): string | null;
  /** Resolves when the user chose this path (picker, or confirmed in main); throws INVALID_PARAMS otherwise. */
  check(file: string): Promise<void>;
}

const key = (file: string) => path.resolve(file);

/**
 * In the desktop app, `models.add` reads any file the path names, and the
 * renderer is untrusted (a model's reply is rendered there): a compromised
 * page must not be able to make main open a file the user never chose. So a
 * path is accepted when the picker returned it in this session, or when the
 * user confirms it in a native dialog; each picked path is good once.
 */
export function createModelPathGate({ confirm }: ModelPathGateDeps): ModelPathGate {
  const chosen = new Set<string>();
  return {
    picked(file) {
      if (file !== null) chosen.add(key(file));
      return file;
    },
    async check(file) {
      if (chosen.delete(key(file))) return;
      if (await confirm(file)) return;
      throw new HearthError('INVALID_PARAMS', `Hearth did not add ${file.slice(0, 300)}: it was not chosen in the file dialog and you did not confirm it. Choose the file with "Add a model file…", or confirm the path when Hearth asks.`);
    },
  };
}

/** The handler set with `models.add` behind the gate; every other method untouched. */
export function gateModelsAdd(handlers: Handlers, gate: ModelPathGate): Handlers {
  const add = handlers['models.add'];
  const pick = handlers['models.pickFile'];
  return {
    ...handlers,
    'models.add': async (params, ctx) => {
      await gate.check(params.path);
      return add(params, ctx);
    },
    'models.pickFile': async (params, ctx) => {
      const result = await pick(params, ctx);
      gate.picked(result.path);
      return result;
    },
  };
}

/**
 * Folders the user chose in the folder dialog this session: a collection made
 * from exactly those is not asked about again. Each pick is good once.
 */
export function createPickedPaths(confirm: (paths: readonly string[]) => Promise<boolean>) {
  const chosen = new Set<string>();
  return {
    picked(paths: readonly string[]): string[] {
      for (const p of paths) chosen.add(key(p));
      return [...paths];
    },
    /** True without asking when every path was picked (and spends those picks); else the user is asked. */
    async confirm(paths: readonly string[]): Promise<boolean> {
      if (paths.length > 0 && paths.every((p) => chosen.has(key(p)))) {
        for (const p of paths) chosen.delete(key(p));
        return true;
      }
      return confirm(paths);
    },
  };
}

/**
 * Documents read whole folders: a path the renderer sends for a collection
 * (create or add) is read only after the user confirms the paths in a native
 * dialog main shows, for the same reason as models.add. One question per call.
 * Files sent with a message (chat.turn's send action) are asked about the same way.
 */
export function gateDocumentPaths(handlers: Handlers, confirm: (paths: readonly string[]) => Promise<boolean>): Handlers {
  const create = handlers['documents.create'];
  const addPaths = handlers['documents.addPaths'];
  const turn = handlers['chat.turn'];
  const check = async (paths: readonly string[] | undefined) => {
    if (!paths || paths.length === 0) return;
    if (await confirm(paths)) return;
    throw new HearthError('INVALID_PARAMS', `Hearth did not read ${paths.length === 1 ? paths[0]!.slice(0, 300) : `${paths.length} paths`}: you did not confirm them. Confirm the folders when Hearth asks, or add them with \`hearth docs add\`.`);
  };
  return {
    ...handlers,
    'documents.create': async (params, ctx) => {
      await check(params.paths);
      return create(params, ctx);
    },
    'documents.addPaths': async (params, ctx) => {
      await check(params.paths);
      return addPaths(params, ctx);
    },
    // Files dropped on the composer are read into the chat's own collection: the same question first.
    'chat.turn': async (params, ctx) => {
      if (params.action.type === 'send') await check(params.action.files);
      return turn(params, ctx);
    },
  };
}
