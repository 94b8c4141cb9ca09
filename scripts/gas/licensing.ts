/**
 * Gas of licensing's user actions, measured from receipts on the real AccessManager, Treasury,
 * IPRegistry, LicenseManager and LicenseProposals (membership, charter, projects and the breach
 * recorder are the test stand-ins), at 2, 10, 50 and 200 co-owners:
 *   - registerForeground: O(owners) by design, at most 15,000 gas per co-owner beyond the first
 *     (measured between neighbouring scales): 24 bytes of ShareList code and one ERC-1155 event each.
 *   - proposeOffer, acceptOffer, setIncomeSplit, claim settling a 4:4:2 split: O(1), each <= 250,000.
 *     acceptOffer is measured as an offer's first acceptance (the licence is a new entry on a new
 *     key; at 2 co-owners also the deployment's first licence), a later one that joins the offer's
 *     entry, and a first one that pays an upfront fee through the Treasury.
 *   - payRoyalty: O(1) (royalty-per-share accumulator); equal at every scale and < 120,000.
 *   - claim: O(1); equal at every scale and < 80,000 (the issue's cap), measured in the steady state
 *     (the owner claimed this asset before and holds the token); also reported for a first claim of
 *     the asset, a payee new to the token, and a claim settling a 4:4:2 income split.
 * The run fails if an O(1) action grows by more than 2% with the co-owner count or passes its cap.
 *
 * Run: npx hardhat run scripts/gas/licensing.ts   (LICENSING_SCALES=2,50 to pick the scales)
 */
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  ProjectStatus,
  addresses,
  charterParams,
  deploySuite,
  equalShares,
  input,
  setMembers,
  terms,
} from "../../test/contracts/licensing/fixture";
import { gasOf, runAlone, type GasRow, type GasRule } from "./common";

export const SCALES = (process.env.LICENSING_SCALES ?? "2,10,50,200").split(",").map(Number);

export const RULES: GasRule[] = [
  {
    action: "ip.registerForeground",
    unit: "co-owners",
    o1: false,
    marginal: 15_000,
    anchor: { gas: 73_000, label: "~73,000 per co-owner (lean-records table, before)" },
    note:
      "24 bytes of ShareList code and one ERC-1155 TransferSingle per co-owner, no storage word; includes " +
      "the test ProjectRegistry's read of the shares (~2,800 gas per participant)",
  },
  { action: "licensing.proposeOffer", unit: "co-owners", o1: true, cap: 250_000 },
  {
    action: "licensing.acceptOffer",
    unit: "co-owners",
    o1: true,
    cap: 250_000,
    anchor: { gas: 127_000, label: "Sablier create 121,000-127,000" },
    note:
      "an offer's first acceptance without a fee: a new entry on a new key (at 2 co-owners also the " +
      "deployment's first licence)",
  },
  { action: "licensing.acceptOffer (joins the offer's entry)", unit: "co-owners", o1: true, cap: 250_000 },
  {
    action: "licensing.acceptOffer (first, with an upfront fee)",
    unit: "co-owners",
    o1: true,
    note: "an offer's first acceptance paying a fee through Treasury.receiveRoyalty (first accrual of the asset)",
  },
  {
    action: "licensing.payRoyalty",
    unit: "co-owners",
    o1: true,
    cap: 120_000,
    anchor: { gas: 373_070, label: "0xSplits v1 distributeETH, 50 recipients" },
  },
  {
    action: "licensing.claim (steady)",
    unit: "co-owners",
    o1: true,
    cap: 80_000,
    note: "the owner claimed this asset before and holds the token",
  },
  { action: "licensing.claim (first of the asset)", unit: "co-owners", o1: true },
  { action: "licensing.claim (payee new to the token)", unit: "co-owners", o1: false },
  { action: "licensing.setIncomeSplit", unit: "co-owners", o1: true, cap: 250_000 },
  {
    action: "licensing.claim (settling a 4:4:2 split)",
    unit: "co-owners",
    o1: true,
    cap: 250_000,
    note: "the first claim after the split: three beneficiaries' first credit",
  },
];

/** Rows for every action at every scale (one suite, one asset per scale). */
export async function measure(scales: number[] = SCALES): Promise<GasRow[]> {
  const [admin, council, disputes, alice, bob, licensee, staff1, staff2, staff3] = await ethers.getSigners();
  const f = await deploySuite(admin, council, disputes);
  await setMembers(f.membership, [alice.address, bob.address, licensee.address]);
  await f.charter.setParams(charterParams({ approvalShareBps: 1 }));
  await f.token.mint(licensee.address, 10n ** 18n);
  await f.token.connect(licensee).approve(await f.treasury.getAddress(), ethers.MaxUint256);
  // alice already holds the token (steady state); bob receives it for the first time per scale.
  await f.token.mint(alice.address, 1n);
  const rows: GasRow[] = [];
  for (const n of scales) {
    const out: Record<string, number> = {};
    const fresh = ethers.Wallet.createRandom().address;
    const owners = [alice.address, bob.address, ...addresses(n - 2, n)];
    await f.projects.setProject(n, ProjectStatus.Active, owners, equalShares(n), 0);
    out["ip.registerForeground"] = await gasOf(
      f.ip.connect(alice).registerForeground(n, input(`result of project ${n}`)),
    );
    const assetId = await f.ip.assetCount();
    out["licensing.proposeOffer"] = await gasOf(
      f.proposals.connect(alice).proposeOffer(assetId, terms(await time.latest(), { periodLength: DAY })),
    );
    const offerId = await f.proposals.proposalCount();
    out["licensing.acceptOffer"] = await gasOf(f.proposals.connect(licensee).acceptOffer(offerId));
    const licenseId = await f.lm.licenseCount();
    out["licensing.acceptOffer (joins the offer's entry)"] = await gasOf(
      f.proposals.connect(alice).acceptOffer(offerId),
    );
    // An offer with an upfront fee on another field of use: its first acceptance is a new entry too.
    await f.proposals
      .connect(alice)
      .proposeOffer(assetId, terms(await time.latest(), { fieldId: 2, upfrontFee: 10n ** 9n }));
    out["licensing.acceptOffer (first, with an upfront fee)"] = await gasOf(
      f.proposals.connect(licensee).acceptOffer(await f.proposals.proposalCount()),
    );
    // The first payment warms the asset's pool and accumulator; the second is the steady state measured.
    await time.increase(DAY);
    await f.lm.connect(licensee).payRoyalty(licenseId, 10n ** 12n, 3n * 10n ** 10n);
    await time.increase(DAY);
    out["licensing.payRoyalty"] = await gasOf(
      f.lm.connect(licensee).payRoyalty(licenseId, 10n ** 12n, 3n * 10n ** 10n),
    );
    out["licensing.claim (first of the asset)"] = await gasOf(f.lm.connect(alice).claim(assetId));
    await time.increase(DAY);
    await f.lm.connect(licensee).payRoyalty(licenseId, 10n ** 12n, 3n * 10n ** 10n);
    out["licensing.claim (steady)"] = await gasOf(f.lm.connect(alice).claim(assetId));
    // bob: a payee receiving the token for the first time (its balance moved away first).
    const bal = await f.token.balanceOf(bob.address);
    if (bal > 0n) await f.token.connect(bob).transfer(fresh, bal);
    out["licensing.claim (payee new to the token)"] = await gasOf(f.lm.connect(bob).claim(assetId));
    // alice directs 40% of her income 4:4:2 to three staff, then claims (settles the split).
    out["licensing.setIncomeSplit"] = await gasOf(
      f.lm
        .connect(alice)
        .setIncomeSplit(assetId, [staff1.address, staff2.address, staff3.address], [1600, 1600, 800]),
    );
    await time.increase(DAY);
    await f.lm.connect(licensee).payRoyalty(licenseId, 10n ** 12n, 3n * 10n ** 10n);
    out["licensing.claim (settling a 4:4:2 split)"] = await gasOf(f.lm.connect(alice).claim(assetId));
    for (const [action, gas] of Object.entries(out)) rows.push({ action, scale: n, gas });
  }
  return rows;
}

runAlone(module, measure, RULES, (rows) => {
  const reg = rows.filter((r) => r.action === "ip.registerForeground");
  console.log(
    `\nregisterForeground per extra co-owner: ${reg
      .slice(1)
      .map(
        (r, i) =>
          `${reg[i].scale} -> ${r.scale}: ${Math.round((r.gas - reg[i].gas) / (r.scale - reg[i].scale))}`,
      )
      .join(", ")}`,
  );
});
