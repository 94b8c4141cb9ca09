/**
 * Deploys a whole Covenant suite with Hardhat Ignition and writes the address book the CLI reads:
 * a thin wrapper over the SDK's `deploySuite` (`src/sdk/ignition.ts`), the same path as
 * `covenant deploy suite`, with Hardhat's configured accounts as the deployer.
 *
 *   npm run deploy -- --network <name>
 *
 * Environment (all optional):
 *   COVENANT_TOKEN          an existing settlement ERC-20; without it a TestToken "Covenant Test Yuan"
 *                           (tCNY, 6 decimals) is deployed.
 *   COVENANT_PARAMETERS     an Ignition parameters file ({ "Covenant": { "grantCapBps": 2500, ... } }).
 *   COVENANT_DEPLOYMENT_ID  Ignition's deployment id (default chain-<chainId>): its journal under
 *                           ignition/deployments/<id>/ makes an interrupted deployment resume.
 *   COVENANT_IGNITION_DIR   where the journals go (default ignition/deployments/).
 *   COVENANT_DEPLOYMENTS_DIR where the address book goes (default deployments/).
 * Then the founders apply and `covenant deploy founders <file>` / `covenant deploy handover`
 * (or `npm run handover`) finish the bootstrap (docs/deployment.md).
 */
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { writeAddressBook } from "../src/node/addressBook";
import {
  defaultDeploymentId,
  deploySuite,
  ignitionDeploymentsDir,
  parseSuiteParameters,
  type Eip1193,
} from "../src/node/ignition";

async function main(): Promise<void> {
  const provider = hre.network.provider as unknown as Eip1193;
  const chainId = BigInt((await provider.request({ method: "eth_chainId" })) as string);
  const [deployer] = (await provider.request({ method: "eth_accounts" })) as string[];
  if (!deployer) throw new Error(`network ${hre.network.name} has no account to deploy with`);
  const deploymentId = process.env.COVENANT_DEPLOYMENT_ID ?? defaultDeploymentId(chainId);
  const file = process.env.COVENANT_PARAMETERS;
  const parameters = file ? parseSuiteParameters(fs.readFileSync(file, "utf8"), file) : {};
  // The in-process chain keeps no journal (it is gone when the script ends).
  const journalDir =
    hre.network.name === "hardhat" ? undefined : path.join(ignitionDeploymentsDir(), deploymentId);
  console.log(
    `Deploying the Covenant suite to ${hre.network.name} (chain ${chainId}) as ${deployer}` +
      (journalDir ? `, journal ${journalDir}` : ""),
  );
  const { book, resumed } = await deploySuite({
    provider,
    chainId,
    deployer,
    token: process.env.COVENANT_TOKEN,
    parameters,
    journalDir,
    fast: chainId === 31337n,
    onStep: (future) => console.log(`  done ${future}`),
  });
  if (resumed) console.log(`(resumed: ${resumed} contracts were deployed by an earlier run)`);
  const written = writeAddressBook(book);
  console.log(`Address book: ${written}`);
  for (const [name, address] of Object.entries(book.contracts))
    console.log(`  ${name.padEnd(20)} ${address}`);
  console.log("Next: founders apply (covenant member apply); then `covenant deploy founders <file>` and");
  console.log("`covenant deploy handover` (docs/deployment.md).");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
