/**
 * Deploys a whole suite with the one Ignition module (`ignition/modules/Covenant.ts`) through
 * `@nomicfoundation/ignition-core` over any EIP-1193 provider: Hardhat's in-process network for
 * `npm run demo`, a JSON-RPC node (Hardhat node, anvil) for `covenant demo`. The deployment is kept
 * in memory (no journal): every demo run deploys a fresh suite. Artifacts come from `artifacts/`.
 */
import fs from "node:fs";
import path from "node:path";
import { deploy, DeploymentResultType, type ArtifactResolver } from "@nomicfoundation/ignition-core";
import type { Artifact, ExecutionEventListener } from "@nomicfoundation/ignition-core";
import CovenantModule from "../../ignition/modules/Covenant";
import { ARTIFACTS_DIR } from "../sdk/artifacts";
import { CONTRACT_NAMES, type ContractName } from "../sdk/addressBook";
import {
  DEFAULT_SETTINGS,
  DEFAULT_TEST_TOKEN,
  MODULE_ID,
  TEST_TOKEN_MODULE_ID,
  addressBookFrom,
} from "../sdk/deployment";
import type { CharterParamsStruct } from "../sdk/terms";

/** The JSON-RPC surface Ignition and the demo's dev-chain helpers need. */
export interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

let artifactIndex: Map<string, string> | undefined;

function indexArtifacts(): Map<string, string> {
  if (artifactIndex) return artifactIndex;
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "build-info") walk(p);
      } else if (e.name.endsWith(".json") && !e.name.endsWith(".dbg.json")) {
        const name = path.basename(e.name, ".json");
        // project contracts win over a dependency of the same name
        if (!found.has(name) || p.includes(`${path.sep}contracts${path.sep}`)) found.set(name, p);
      }
    }
  };
  if (!fs.existsSync(ARTIFACTS_DIR)) throw new Error("no artifacts/: run `npx hardhat compile` first");
  walk(ARTIFACTS_DIR);
  artifactIndex = found;
  return found;
}

/** Reads Hardhat artifacts by contract name; no build info (an in-memory deployment is never verified). */
export const fileArtifactResolver: ArtifactResolver = {
  async loadArtifact(contractName: string): Promise<Artifact> {
    const file = indexArtifacts().get(contractName);
    if (!file) throw new Error(`no artifact for ${contractName}: run \`npx hardhat compile\``);
    return JSON.parse(fs.readFileSync(file, "utf8")) as Artifact;
  },
  async getBuildInfo() {
    return undefined;
  },
};

/**
 * Deploys the suite with `genesis` as the genesis charter parameters; returns the address book's
 * contracts (name -> address). `onStep` is told of each future as it completes (progress).
 */
export async function deploySuite(
  provider: Eip1193,
  deployer: string,
  genesis: CharterParamsStruct,
  onStep?: (futureId: string) => void,
): Promise<Record<ContractName, string>> {
  const accounts = (await provider.request({ method: "eth_accounts", params: [] })) as string[];
  if (!accounts.some((a) => a.toLowerCase() === deployer.toLowerCase()))
    throw new Error(`the deployer ${deployer} is not an unlocked account of the node`);
  const result = await deploy({
    artifactResolver: fileArtifactResolver,
    provider,
    ignitionModule: CovenantModule,
    deploymentParameters: {
      [TEST_TOKEN_MODULE_ID]: { ...DEFAULT_TEST_TOKEN },
      [MODULE_ID]: {
        ...(genesis as unknown as Record<string, bigint | boolean>),
        ...DEFAULT_SETTINGS,
      },
    },
    accounts,
    defaultSender: deployer,
    config: { blockPollingInterval: 20, requiredConfirmations: 1 },
    executionEventListener: onStep
      ? (new Proxy(
          {},
          {
            get: (_t, prop) =>
              prop === "deploymentExecutionStateComplete" || prop === "callExecutionStateComplete"
                ? (e: { futureId: string }) => onStep(e.futureId)
                : () => undefined,
          },
        ) as ExecutionEventListener)
      : undefined,
  });
  if (result.type !== DeploymentResultType.SUCCESSFUL_DEPLOYMENT) {
    throw new Error(`the Ignition deployment failed: ${JSON.stringify(result, null, 1).slice(0, 1500)}`);
  }
  // Future ids ("Covenant#Treasury") -> the address book's names, as `npm run deploy` writes them.
  const deployed: Record<string, string> = {};
  for (const c of Object.values(result.contracts)) deployed[c.id] = c.address;
  const contracts = addressBookFrom(deployed, 0).contracts as Record<ContractName, string>;
  for (const n of CONTRACT_NAMES) if (!contracts[n]) throw new Error(`the deployment has no ${n}`);
  return contracts;
}
