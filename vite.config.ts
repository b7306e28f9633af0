import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import type { ManifestTransform } from 'workbox-build';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const THEME_COLOR = '#121a3a';

/**
 * WalletConnect (Reown AppKit, ~1 MB gzip) is fetched when a person chooses it, and needs the
 * internet anyway: the service worker precaches no chunk that only its dynamic import reaches.
 */
const withoutWalletConnectChunks: ManifestTransform = async (entries) => {
  const chunks = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Record<
    string,
    { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }
  >;
  const reachable = new Set<string>();
  const visit = (key: string) => {
    const chunk = chunks[key];
    if (!chunk || key.includes('walletconnect-wallet') || reachable.has(chunk.file)) return;
    reachable.add(chunk.file);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  for (const [key, chunk] of Object.entries(chunks)) if (chunk.isEntry) visit(key);
  const chunkFiles = new Set(Object.values(chunks).map((c) => c.file));
  return { manifest: entries.filter((e) => !chunkFiles.has(e.url) || reachable.has(e.url)), warnings: [] };
};

export default defineConfig({
  plugins: [
    solid(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/apple-touch-icon.png', 'samples/*'],
      manifest: {
        name: 'PermaNet',
        short_name: 'PermaNet',
        description: 'Browse, fetch peer to peer and run AI models in your browser.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: THEME_COLOR,
        theme_color: THEME_COLOR,
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The shell, the workers and onnxruntime's WASM build (14 MB) are precached so the app runs
        // offline; the WebGPU build's 27 MB wasm is cached when first used instead, so installing
        // the service worker does not wait for it.
        globPatterns: ['**/*.{js,css,html,wasm,png,svg,wav,webmanifest}'],
        globIgnores: ['**/*.asyncify-*.wasm', '.vite/**'],
        manifestTransforms: [withoutWalletConnectChunks],
        maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The first service worker takes the open page at once (so it works offline right away);
        // later versions wait for the person to accept the reload prompt.
        clientsClaim: true,
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.endsWith('.wasm'),
            handler: 'CacheFirst',
            options: { cacheName: 'webgpu-runtime' },
          },
          {
            urlPattern: ({ url }) => url.pathname === '/config.json',
            handler: 'NetworkFirst',
            options: { cacheName: 'runtime-config', networkTimeoutSeconds: 3 },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  resolve: {
    // The app hashes with circomlibjs's Poseidon only. Its index evaluates every primitive on
    // import (2.8 MB, with eddsa's BLAKE hash wanting Node's Buffer); Poseidon's own module is
    // self-contained.
    alias: [
      {
        find: /^circomlibjs$/,
        replacement: fileURLToPath(new URL('node_modules/circomlibjs/src/poseidon_wasm.js', import.meta.url)),
      },
    ],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    // The chunk graph, read by the precache filter below.
    manifest: true,
  },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
});
