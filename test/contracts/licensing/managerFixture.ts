import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { LicenseTermsStruct } from "../../../typechain-types/contracts/licensing/LicenseManager";
import {
  AgreementKind,
  AgreementStatus,
  ProposalStatus,
  deploySuite,
  input,
  setMembers,
  sha256,
  terms,
} from "./fixture";

/** The Effective License agreement between eve and alice that negotiated licences are opened under. */
export const LICENSE_AGREEMENT = 20;

/**
 * The LicenseManager tests' suite: five members (alice, bob, carol, dave, eve), two outsiders,
 * asset 1 (alice 50%, bob 30%, carol 20%), the standard-essential asset 2 (alice 60%, bob 40%),
 * the test stablecoin minted and approved for every party, and the License agreement above.
 */
export async function fixture() {
  const [admin, council, disputes, alice, bob, carol, dave, eve, outsider, staff1, staff2, staff3, stranger] =
    await ethers.getSigners();
  const suite = await deploySuite(admin, council, disputes);
  const { membership, ip, token, treasury, charter } = suite;
  await setMembers(membership, [alice.address, bob.address, carol.address, dave.address, eve.address]);
  // Asset 1: alice 50%, bob 30%, carol 20%. Asset 2: standard-essential, alice 60%, bob 40%.
  await ip
    .connect(alice)
    .registerBackground(
      input("Hot-stamping steel process"),
      [alice.address, bob.address, carol.address],
      [5000, 3000, 2000],
    );
  await ip
    .connect(alice)
    .registerBackground(
      input("Charging standard patent", { sep: true }),
      [alice.address, bob.address],
      [6000, 4000],
    );
  for (const s of [alice, bob, carol, dave, eve, outsider]) {
    await token.mint(s.address, 10n ** 15n);
    await token.connect(s).approve(await treasury.getAddress(), ethers.MaxUint256);
    await token.connect(s).approve(await ip.getAddress(), ethers.MaxUint256);
  }
  await charter.setAgreement(
    LICENSE_AGREEMENT,
    AgreementKind.License,
    AgreementStatus.Effective,
    sha256("licence terms"),
    [eve.address, alice.address],
    [],
  );
  return {
    ...suite,
    admin,
    council,
    disputes,
    alice,
    bob,
    carol,
    dave,
    eve,
    outsider,
    staff1,
    staff2,
    staff3,
    stranger,
  };
}

export type F = Awaited<ReturnType<typeof fixture>>;

/** Alice proposes, bob approves (50% + 30% >= 60%): the offer is Published. */
export async function publish(
  f: F,
  overrides: Partial<LicenseTermsStruct> = {},
  assetId = 1n,
): Promise<bigint> {
  const now = await time.latest();
  await f.proposals.connect(f.alice).proposeOffer(assetId, terms(now, overrides));
  const id = await f.proposals.proposalCount();
  for (const o of [f.bob, f.carol, f.dave]) {
    if ((await f.proposals.proposalOf(id)).status === BigInt(ProposalStatus.Published)) break;
    if ((await f.ip.shareOf(assetId, o.address)) > 0n) await f.proposals.connect(o).approve(id);
  }
  return id;
}
