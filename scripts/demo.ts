/**
 * `npm run demo`: the whole alliance lifecycle on Hardhat's in-process chain, narrated on stdout
 * (docs/demo.md). Documents go to `out/demo/` (or `COVENANT_DEMO_OUT`).
 *   npx hardhat run scripts/demo.ts
 */
import path from "node:path";
import hre from "hardhat";
import { runDemo } from "../src/demo/story";

async function main(): Promise<void> {
  const [deployer] = await hre.ethers.getSigners();
  await runDemo({
    provider: hre.ethers.provider,
    rpc: hre.network.provider,
    deployer,
    outDir: path.resolve(process.env.COVENANT_DEMO_OUT ?? path.join(__dirname, "..", "out", "demo")),
    narrate: process.stdout,
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
