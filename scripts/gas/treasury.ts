/**
 * Gas of the Treasury's hot paths, measured from receipts:
 *   postBond, fundProject, payFromProject, receiveRoyalty, payRoyalty, withdraw
 * at 2, 50 and 200 existing entries on every ledger. These are called by the modules (their role),
 * not by users directly; they are the Treasury's share of every money-moving user action. Every one
 * is O(1): the run fails if one grows by more than 2% with the number of entries, or passes its cap.
 *
 * Run: npx hardhat run scripts/gas/treasury.ts   (TREASURY_SCALES=2,50 to pick the scales)
 */
import { ethers } from "hardhat";
import type { Interface } from "ethers";
import type { AccessManager, TestToken, Treasury } from "../../typechain-types";
import { gasOf, runAlone, type GasRow, type GasRule } from "./common";

export const SCALES = (process.env.TREASURY_SCALES ?? "2,50,200").split(",").map(Number);
/** Upper bounds per action (gas). A regression past one of these fails the run. */
const CAPS: Record<string, number> = {
  postBond: 100_000,
  fundProject: 100_000,
  payFromProject: 100_000,
  receiveRoyalty: 110_000,
  payRoyalty: 100_000,
  withdraw: 60_000,
};
export const RULES: GasRule[] = Object.entries(CAPS).map(([fn, cap]) => ({
  action: `treasury.${fn}`,
  unit: "ledger entries",
  o1: true,
  cap,
}));

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
      [(treasury.interface as unknown as Interface).getFunction(fn)!.selector],
      role,
    );
  }
  for (const role of Object.values(ROLE)) await manager.grantRole(role, module.address, 0);
  return { manager, token, treasury };
}

async function measureAt(scale: number): Promise<Record<string, number>> {
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

/** Rows for every action at every scale. */
export async function measure(scales: number[] = SCALES): Promise<GasRow[]> {
  const rows: GasRow[] = [];
  for (const scale of scales) {
    const out = await measureAt(scale);
    for (const [fn, gas] of Object.entries(out)) rows.push({ action: `treasury.${fn}`, scale, gas });
  }
  return rows;
}

runAlone(module, measure, RULES);
