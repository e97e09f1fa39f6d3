import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** `vite` (dev, port 5174) proxies the API and live socket like the Bun server does; `bun run build` writes dist/. */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    port: 5174,
    strictPort: true,
    proxy: {
      '/graphql': process.env.GATEWAY_URL?.replace(/\/graphql$/, '') ?? 'http://127.0.0.1:4000',
      '/api': 'http://127.0.0.1:5173',
      '/campaigns': { target: (process.env.GAMEHOST_URL ?? 'http://127.0.0.1:4020').replace(/^http/, 'ws'), ws: true, bypass: (req) => (req.headers.upgrade ? undefined : req.url) },
    },
  },
});
