import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
// Backend address for the dev/preview proxy (override with YW_API_TARGET).
const target = process.env.YW_API_TARGET ?? 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target, changeOrigin: false },
  '/healthz': { target, changeOrigin: false },
};

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // entriesAware chunks get long "a~b~c" names; keep file names short.
        chunkFileNames: (chunk) => `assets/${chunk.name.split('~')[0]}-[hash].js`,
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
            { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 35 },
            {
              // antd is large: split by which (lazy) pages use it, and cap chunk size.
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime)[\\/]/,
              priority: 30,
              entriesAware: true,
              maxSize: 400_000,
            },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie)[\\/]/, priority: 50 },
          ],
        },
      },
    },
  },
});
