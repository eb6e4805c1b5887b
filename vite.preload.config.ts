import { defineConfig } from 'vite';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './main/contract/frames.js';
import { METHOD_NAMES } from './main/contract/methods.js';

/**
 * The preload as ONE CommonJS file (dist/preload/preload.cjs): a sandboxed
 * preload gets a require() that knows 'electron' and nothing else, and cannot
 * load ESM. The contract's method names and channels are evaluated here, at
 * build time, and inlined as a literal, so neither zod nor the schemas end up
 * in the bundle while the allowlist still derives from the one contract.
 */
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  define: {
    __HEARTH_PRELOAD_CONTRACT__: JSON.stringify({ methods: METHOD_NAMES, invokeChannel: IPC_INVOKE_CHANNEL, eventChannel: IPC_EVENT_CHANNEL }),
  },
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    // Electron 45's renderer is Chromium 140.
    target: 'chrome140',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: 'preload/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
