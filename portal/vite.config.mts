import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * The SDK types each contract from its TypeChain factory; the factories also carry the contract's
 * creation bytecode, which a reading and signing page never needs. This plugin empties `_bytecode` in
 * the factories it bundles, so the initial JavaScript stays small (the ABIs are kept whole).
 */
function dropFactoryBytecode(): Plugin {
  return {
    name: "covenant-drop-factory-bytecode",
    transform(code, id) {
      if (!/typechain-types[\\/]factories[\\/].*__factory\.ts$/.test(id)) return null;
      const out = code.replace(/const _bytecode =\s*"0x[0-9a-fA-F]*";/, 'const _bytecode = "0x";');
      return out === code ? null : { code: out, map: null };
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [dropFactoryBytecode(), react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
    // .vite/manifest.json: the portal's server preloads a permalink's page chunk from it
    manifest: true,
  },
  server: { port: 5173, strictPort: false, fs: { allow: [".."] } },
});
