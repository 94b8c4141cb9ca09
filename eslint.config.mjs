import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "artifacts/",
      "cache/",
      "typechain-types/",
      "coverage/",
      "dist/",
      "out/",
      "ignition/deployments/",
      "portal/dist/",
      "portal/test-results/",
      "portal/playwright-report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        module: "writable",
        require: "readonly",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
        fetch: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-unused-expressions": "off",
      "no-console": "off",
    },
  },
  {
    // src/sdk and src/present run in a browser too (DESIGN.md): no Node built-ins, no file system, no environment,
    // no process; files, keys and COVENANT_* variables are read in src/node.
    files: ["src/sdk/**/*.ts", "src/present/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "src/sdk is browser-safe: Node built-ins belong in src/node." },
            {
              group: [
                "fs",
                "fs/*",
                "path",
                "crypto",
                "os",
                "child_process",
                "http",
                "https",
                "net",
                "url",
                "util",
                "stream",
                "process",
                "buffer",
              ],
              message: "src/sdk is browser-safe: Node built-ins belong in src/node.",
            },
            {
              group: ["**/node/*", "**/cli/*", "**/demo/*", "hardhat", "hardhat/*", "@nomicfoundation/*"],
              message: "src/sdk depends on nothing above it and on no Node-only package.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "src/sdk reads no environment: take the value as a parameter." },
        { name: "Buffer", message: "src/sdk is browser-safe: use Uint8Array and ethers' helpers." },
        { name: "require", message: "src/sdk uses ES imports only." },
        { name: "__dirname", message: "src/sdk reads no files." },
        { name: "__filename", message: "src/sdk reads no files." },
      ],
    },
  },
);
