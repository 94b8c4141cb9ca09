import fs from "node:fs";
import path from "node:path";
import { subtask, task } from "hardhat/config";
import {
  TASK_COMPILE,
  TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD,
  TASK_TEST_GET_TEST_FILES,
} from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig, NetworkUserConfig } from "hardhat/types";
import "@nomicfoundation/hardhat-toolbox";
import "hardhat-contract-sizer";

const SOLC_VERSION = "0.8.30";
const SOLC_LONG_VERSION = "0.8.30+commit.73712a01";

// The compiler comes from the npm package `solc` (pinned to exactly 0.8.30), never from the
// network: a build on a machine without internet access must succeed.
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper(args);
  return {
    compilerPath: path.join(path.dirname(require.resolve("solc/package.json")), "soljson.js"),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion: SOLC_LONG_VERSION,
  };
});

/**
 * Safe 1.4.1 as its npm package `@safe-global/safe-contracts` built it (abi and bytecode of its
 * build artifacts, never recompiled here): the demo's company wallet and the Safe tests deploy
 * these four (S8). Their TypeChain types and factories go to typechain-types/safe-global/.
 */
const SAFE_ARTIFACTS = [
  "Safe.sol/Safe.json",
  "proxies/SafeProxyFactory.sol/SafeProxyFactory.json",
  "handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json",
  "libraries/SignMessageLib.sol/SignMessageLib.json",
].map((f) =>
  path.join("node_modules", "@safe-global", "safe-contracts", "build", "artifacts", "contracts", f),
);
const SAFE_TYPES_DIR = path.join("typechain-types", "safe-global");

async function generateSafeTypes(root: string): Promise<void> {
  if (fs.existsSync(path.join(root, SAFE_TYPES_DIR, "index.ts"))) return;
  const { runTypeChain } = await import("typechain");
  const files = SAFE_ARTIFACTS.map((f) => path.join(root, f));
  await runTypeChain({
    cwd: root,
    filesToProcess: files,
    allFiles: files,
    outDir: SAFE_TYPES_DIR,
    target: "ethers-v6",
  });
}

// After every compilation the SDK's enum and error tables are regenerated from the solc output
// (scripts/gen-sdk.ts); not under coverage, whose instrumented build is not the one shipped.
task(TASK_COMPILE, async (args, hre, runSuper) => {
  const result: unknown = await runSuper(args);
  await generateSafeTypes(hre.config.paths.root);
  if (!(hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING) {
    const { writeGenerated } = await import("./scripts/gen-sdk");
    const written = await writeGenerated(hre);
    if (written.length && !(args as { quiet?: boolean }).quiet)
      console.log(`Generated ${written.join(", ")}`);
  }
  return result;
});

// The longest test files first (measured: the property test alone is about a quarter of `npm test`),
// the rest in Hardhat's order: in mocha's parallel mode (`npm test`) the workers take files in this
// order, so that no worker is left running a long file alone at the end.
const LONG_TEST_FILES = [
  "integration/Alliance.property.test.ts",
  "licensing/LicenseManager.test.ts",
  "e2e/start.test.ts",
  "docs/walkthroughs.test.ts",
  "e2e/deploy.test.ts",
  "e2e/realchain.test.ts",
];
subtask(TASK_TEST_GET_TEST_FILES, async (args, _hre, runSuper) => {
  const files = (await runSuper(args)) as string[];
  const rank = (file: string) => {
    const i = LONG_TEST_FILES.findIndex((f) => file.split(path.sep).join("/").endsWith(`/${f}`));
    return i === -1 ? LONG_TEST_FILES.length : i;
  };
  return [...files].sort((a, b) => rank(a) - rank(b));
});

/**
 * Networks beyond the local ones come from the environment, so that a consortium chain
 * (Hyperledger Besu with QBFT, FISCO BCOS in EVM mode) or a public L2 needs no code change:
 *   COVENANT_RPC_URL, COVENANT_CHAIN_ID, and for the signer COVENANT_PRIVATE_KEY (or a keystore
 *   read by the CLI, see README).
 */
function envNetwork(): Record<string, NetworkUserConfig> {
  const url = process.env.COVENANT_RPC_URL;
  if (!url) return {};
  const chainId = process.env.COVENANT_CHAIN_ID ? Number(process.env.COVENANT_CHAIN_ID) : undefined;
  const key = process.env.COVENANT_PRIVATE_KEY;
  return { consortium: { url, chainId, accounts: key ? [key] : [] } };
}

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 200 },
    },
  },
  networks: {
    hardhat: {
      allowUnlimitedContractSize: false,
      // Instrumented contracts (`npm run coverage`) take several times the gas: deploying an
      // AgreementRegistry, which creates its writer, passes Osaka's per-transaction cap of 2^24 gas
      // (EIP-7825), so coverage runs on Prague, which has none. Every other run keeps the cap that
      // the gas tests (test/gas) prove the suite stays under.
      ...(process.env.COVERAGE === "true" ? { hardfork: "prague" } : {}),
    },
    localhost: { url: "http://127.0.0.1:8545" },
    anvil: { url: "http://127.0.0.1:8546" },
    ...envNetwork(),
  },
  gasReporter: { enabled: process.env.REPORT_GAS === "true" },
  contractSizer: { runOnCompile: false, strict: true, except: ["mocks/", "dev/"] },
  typechain: { outDir: "typechain-types", target: "ethers-v6" },
  // `npm test` runs `hardhat test --parallel`: two mocha workers, one per core of CI's machine; each
  // worker has its own in-process chain, and every test starts from a loadFixture snapshot.
  mocha: { timeout: 120_000, jobs: 2 },
};

export default config;
