/**
 * Deploys a whole Covenant suite with Hardhat Ignition and writes the address book the CLI reads.
 *
 *   npm run deploy -- --network <name>
 *
 * Environment (all optional):
 *   COVENANT_TOKEN          an existing settlement ERC-20; without it a TestToken "Covenant Test Yuan"
 *                           (tCNY, 6 decimals) is deployed.
 *   COVENANT_PARAMETERS     an Ignition parameters file ({ "Covenant": { "grantCapBps": 2500, ... } }).
 *   COVENANT_DEPLOYMENT_ID  Ignition's deployment id (default chain-<chainId>): its journal under
 *                           ignition/deployments/<id>/ makes an interrupted deployment resume.
 *   COVENANT_DEPLOYMENTS_DIR where the address book goes (default deployments/).
 * Output: ignition/deployments/<id>/deployed_addresses.json (Ignition) and
 * deployments/<chainId>.json ({ chainId, contracts, deployedAt }). Then bootstrap the founders and
 * run `npm run handover -- --network <name>` (docs/deployment.md).
 */
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { CovenantExistingTokenModule, CovenantModule } from "../ignition/modules/Covenant";
import {
  MODULE_ID,
  addressBookFrom,
  readIgnitionAddresses,
  writeAddressBook,
  type AddressBook,
} from "../src/sdk/deployment";

async function main(): Promise<void> {
  const chainId = Number(await hre.network.provider.request({ method: "eth_chainId" }));
  const deploymentId = process.env.COVENANT_DEPLOYMENT_ID ?? `chain-${chainId}`;
  const file = process.env.COVENANT_PARAMETERS;
  const parameters = file
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Record<string, unknown>>)
    : {};
  const token = process.env.COVENANT_TOKEN;
  if (token) parameters[MODULE_ID] = { ...parameters[MODULE_ID], token };
  const module = token ? CovenantExistingTokenModule : CovenantModule;

  console.log(
    `Deploying the Covenant suite to ${hre.network.name} (chain ${chainId}), deployment ${deploymentId}`,
  );
  const result = await hre.ignition.deploy(module, {
    parameters: parameters as never,
    deploymentId,
    displayUi: true,
  });

  let book: AddressBook;
  if (hre.network.name === "hardhat") {
    // The in-process chain keeps no journal: take the addresses from the result.
    const contracts: Record<string, string> = {};
    for (const [name, c] of Object.entries(result))
      if (name !== "ClaimValidation") contracts[name] = await c.getAddress();
    book = { chainId, contracts, deployedAt: new Date().toISOString() };
  } else {
    book = addressBookFrom(readIgnitionAddresses(hre.config.paths.root, deploymentId), chainId);
  }
  const dir = process.env.COVENANT_DEPLOYMENTS_DIR ?? path.join(hre.config.paths.root, "deployments");
  const written = writeAddressBook(dir, book);
  console.log(`Address book: ${written}`);
  for (const [name, address] of Object.entries(book.contracts))
    console.log(`  ${name.padEnd(20)} ${address}`);
  console.log("Next: founders apply; the deployer (ADMIN, COUNCIL) admits them, names the lead unit and the");
  console.log("secretariat; then `npm run handover -- --network <name>` (docs/deployment.md).");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
