/**
 * Deploys a whole suite for the demo with the one Ignition module (`ignition/modules/Covenant.ts`)
 * through the SDK's Ignition path (`src/sdk/ignition.ts`, the one `covenant deploy suite` uses)
 * over any EIP-1193 provider: Hardhat's in-process network for `npm run demo`, a JSON-RPC node
 * (Hardhat node, anvil) for `covenant demo`. The deployment is kept in memory (no journal): every
 * demo run deploys a fresh suite. Artifacts come from `artifacts/`.
 */
import { CONTRACT_NAMES, type ContractName } from "../sdk/addressBook";
import { DEFAULT_SETTINGS, DEFAULT_TEST_TOKEN, MODULE_ID, TEST_TOKEN_MODULE_ID } from "../sdk/deployment";
import { deploySuite as deployWithIgnition, type Eip1193 } from "../node/ignition";
import type { CharterParamsStruct } from "../sdk/terms";

export type { Eip1193 } from "../node/ignition";

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
  const chainId = BigInt((await provider.request({ method: "eth_chainId", params: [] })) as string);
  const { book } = await deployWithIgnition({
    provider,
    chainId,
    deployer,
    parameters: {
      [TEST_TOKEN_MODULE_ID]: { ...DEFAULT_TEST_TOKEN },
      [MODULE_ID]: {
        ...(genesis as unknown as Record<string, bigint | boolean>),
        ...DEFAULT_SETTINGS,
      },
    },
    fast: true,
    onStep,
  });
  const contracts = book.contracts as Record<ContractName, string>;
  for (const n of CONTRACT_NAMES) if (!contracts[n]) throw new Error(`the deployment has no ${n}`);
  return contracts;
}
