/**
 * Gas of the Treasury's hot paths, measured from receipts:
 *   postBond, fundProject, payFromProject, receiveRoyalty, payRoyalty, withdraw
 * at two scales (2 and 50 existing entries on every ledger). Every one of these actions is O(1):
 * the script exits non-zero if one grows by more than 2% from the small to the large scale, or passes
 * its cap.
 *
 * Run: npx hardhat run scripts/gas/treasury.ts
 */
import { ethers } from "hardhat";
import type { ContractTransactionResponse, Interface } from "ethers";
import type { AccessManager, TestToken, Treasury } from "../../typechain-types";

const SCALES = [2, 50] as const;
const MAX_GROWTH = 0.02;
/** Upper bounds per action (gas). A regression past one of these fails the script. */
const CAPS: Record<string, number> = {
  postBond: 100_000,
  fundProject: 100_000,
  payFromProject: 100_000,
  receiveRoyalty: 110_000,
  payRoyalty: 100_000,
  withdraw: 60_000,
};

const ROLE = { MEMBERSHIP_MODULE: 10n, PROJECTS_MODULE: 12n, LICENSING_MODULE: 14n } as const;
const FUNCTION_ROLES: Record<string, bigint> = {
  postBond: ROLE.MEMBERSHIP_MODULE,
  fundProject: ROLE.PROJECTS_MODULE,
  payFromProject: ROLE.PROJECTS_MODULE,
  refundFromProject: ROLE.PROJECTS_MODULE,
  receiveRoyalty: ROLE.LICENSING_MODULE,
  payRoyalty: ROLE.LICENSING_MODULE,
};

const unit = (n: number): bigint => ethers.parseUnits(String(n), 6);
/** A deterministic, distinct non-signer address for entry `i`. */
const addr = (i: number): string => ethers.getAddress(ethers.zeroPadValue(ethers.toBeHex(0x10000 + i), 20));

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("no receipt");
  return Number(receipt.gasUsed);
}

async function deploy(): Promise<{ manager: AccessManager; token: TestToken; treasury: Treasury }> {
  const [admin, module] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const token = await ethers.deployContract("TestToken", ["Test USD", "TUSD", 6]);
  const treasury = await ethers.deployContract("Treasury", [
    await manager.getAddress(),
    await token.getAddress(),
  ]);
  for (const [fn, role] of Object.entries(FUNCTION_ROLES)) {
    await manager.setTargetFunctionRole(
      await treasury.getAddress(),
      [(treasury.interface as Interface).getFunction(fn)!.selector],
      role,
    );
  }
  for (const role of Object.values(ROLE)) await manager.grantRole(role, module.address, 0);
  return { manager, token, treasury };
}

async function measure(scale: number): Promise<Record<string, number>> {
  const [, module, payer, payee, claimant] = await ethers.getSigners();
  const { token, treasury } = await deploy();
  await token.mint(payer.address, unit(10_000_000));
  await token.connect(payer).approve(await treasury.getAddress(), ethers.MaxUint256);
  const t = treasury.connect(module);

  // `scale` existing entries on every ledger, and a withdrawable balance for `scale` accounts.
  for (let i = 0; i < scale; i++) {
    await t.postBond(addr(i), payer.address, unit(100));
    await t.fundProject(BigInt(i + 1), payer.address, unit(1000));
    await t.receiveRoyalty(BigInt(i + 1), payer.address, unit(100), 500);
    await t.refundFromProject(BigInt(i + 1), addr(i), unit(1));
  }
  // One prior withdrawal so the payee's token balance slot is not new in either scale.
  await t.refundFromProject(1n, payee.address, unit(1));
  await treasury.connect(payee).withdraw();
  await t.refundFromProject(1n, claimant.address, unit(1));
  await treasury.connect(claimant).withdraw();

  const fresh = BigInt(scale + 1);
  const out: Record<string, number> = {};
  out.postBond = await gasOf(t.postBond(addr(scale), payer.address, unit(100)));
  out.fundProject = await gasOf(t.fundProject(fresh, payer.address, unit(1000)));
  out.payFromProject = await gasOf(t.payFromProject(fresh, payee.address, unit(10)));
  out.receiveRoyalty = await gasOf(t.receiveRoyalty(fresh, payer.address, unit(100), 500));
  out.payRoyalty = await gasOf(t.payRoyalty(fresh, claimant.address, unit(10)));
  await t.refundFromProject(fresh, payee.address, unit(5));
  out.withdraw = await gasOf(treasury.connect(payee).withdraw());
  return out;
}

async function main(): Promise<void> {
  const results = new Map<number, Record<string, number>>();
  for (const scale of SCALES) results.set(scale, await measure(scale));

  const small = results.get(SCALES[0])!;
  const large = results.get(SCALES[SCALES.length - 1])!;
  const lines = [
    `| action | ${SCALES.map((s) => `${s} entries`).join(" | ")} | growth | cap |`,
    `|---|${SCALES.map(() => "---:").join("|")}|---:|---:|`,
  ];
  const failures: string[] = [];
  for (const action of Object.keys(CAPS)) {
    const growth = (large[action] - small[action]) / small[action];
    lines.push(
      `| ${action} | ${SCALES.map((s) => results.get(s)![action]).join(" | ")} | ${(growth * 100).toFixed(2)}% | ${CAPS[action]} |`,
    );
    if (growth > MAX_GROWTH) failures.push(`${action} grows ${(growth * 100).toFixed(2)}% with scale`);
    for (const s of SCALES) {
      if (results.get(s)![action] > CAPS[action]) failures.push(`${action} passes its cap at ${s} entries`);
    }
  }
  console.log(lines.join("\n"));
  if (failures.length > 0) {
    console.error(failures.join("\n"));
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
