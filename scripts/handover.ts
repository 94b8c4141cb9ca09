/**
 * The handover of a bootstrapped suite to its council (docs/deployment.md):
 *   npm run handover -- --network <name>
 * The deployer (first account) grants ADMIN to the timelock and renounces every role it holds,
 * ADMIN last. Idempotent: an interrupted handover is finished by running it again. Reads the
 * addresses from deployments/<chainId>.json (or $COVENANT_DEPLOYMENTS_DIR).
 */
import fs from "node:fs";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { handover, handoverState, type AddressBook } from "../src/sdk/deployment";

async function main(): Promise<void> {
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const dir = process.env.COVENANT_DEPLOYMENTS_DIR ?? path.join(hre.config.paths.root, "deployments");
  const file = path.join(dir, `${chainId}.json`);
  if (!fs.existsSync(file)) throw new Error(`no address book ${file}: deploy first (npm run deploy)`);
  const book = JSON.parse(fs.readFileSync(file, "utf8")) as AddressBook;
  const addresses = {
    AccessManager: book.contracts.AccessManager,
    TimelockController: book.contracts.TimelockController,
    Membership: book.contracts.Membership,
  };
  const [deployer] = await ethers.getSigners();
  await handover(deployer, addresses);
  const state = await handoverState(ethers.provider, addresses, deployer.address);
  console.log(`timelock roles: ${state.timelockRoles.join(", ")}`);
  console.log(`deployer roles: ${state.deployerRoles.join(", ") || "none"}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
