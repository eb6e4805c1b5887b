import type { z } from 'zod';
import type { MethodName, Methods, ResultOf } from '../contract/index.js';

/** Who is calling: hosts fill this in so handlers can refuse what a shell cannot do. */
export interface CallContext {
  shell: 'electron' | 'browser';
  signal?: AbortSignal;
}

/** Params as they are after validation (defaults applied). */
export type ValidParams<M extends MethodName> = z.output<Methods[M]['params']>;

/** One implementation per method; the dispatcher validates before calling. */
export type Handlers = {
  [M in MethodName]: (params: ValidParams<M>, ctx: CallContext) => Promise<ResultOf<M>> | ResultOf<M>;
};
