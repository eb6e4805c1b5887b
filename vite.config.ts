import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built to dist/renderer with relative asset paths, so Electron
// can load it from file:// and browser mode can serve it from any port. No
// external fonts or CDNs: everything ships in the bundle (strict CSP, offline).
const apiPort = process.env.HEARTH_DEV_API_PORT;

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // The bundle is read from disk (Electron) or localhost, never over a network;
    // markdown + highlight.js's common grammars make it ~640 kB, which is fine here.
    chunkSizeWarningLimit: 900,
  },
  server: {
    host: '127.0.0.1',
    strictPort: false,
    // `npm run dev` in browser mode: the WebSocket goes to Hearth's server, presenting that server's
    // own Host and Origin so its checks need no exception for the dev server.
    proxy: apiPort
      ? { '/rpc': { target: `http://127.0.0.1:${apiPort}`, ws: true, changeOrigin: true, headers: { origin: `http://127.0.0.1:${apiPort}` } } }
      : undefined,
  },
});
