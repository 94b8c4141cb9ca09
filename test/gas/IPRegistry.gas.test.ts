/**
 * Whole-transaction gas bounds of the IPRegistry (M5): MAX_OWNERS (200) co-owners registered in one
 * transaction, and the sale that would make a 201st. `npm test` runs this folder; coverage does not
 * (instrumented, 200 co-owners in one transaction run out of gas).
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  ProjectStatus,
  addresses,
  checkI1,
  deploySuite,
  equalShares,
  input,
  setMembers,
} from "../contracts/licensing/fixture";

async function fixture() {
  const [admin, council, disputes, alice, dave] = await ethers.getSigners();
  const suite = await deploySuite(admin, council, disputes);
  await setMembers(suite.membership, [alice.address, dave.address]);
  return { ...suite, alice, dave };
}

describe("IPRegistry gas bounds (whole transactions)", function () {
  it("M5: rejects more than MAX_OWNERS (200) co-owners and accepts exactly 200", async function () {
    const { ip, projects, alice } = await loadFixture(fixture);
    expect(await ip.MAX_OWNERS()).to.equal(200);
    const many = [alice.address, ...addresses(200)];
    const shares = [...equalShares(200), 0];
    // Through a project (no member lookups): 201 listed, the 201st with a non-zero share.
    shares[200] = 1;
    shares[0] -= 1;
    await projects.setProject(2, ProjectStatus.Active, many, shares, 0);
    await expect(ip.connect(alice).registerForeground(2, input("too many")))
      .to.be.revertedWithCustomError(ip, "IPRegistryTooManyOwners")
      .withArgs(201, 200);
    await projects.setProject(3, ProjectStatus.Active, many, [...equalShares(200), 0], 0);
    await ip.connect(alice).registerForeground(3, input("exactly 200"));
    expect((await ip.assetOf(1)).ownerCount).to.equal(200);
    await checkI1(ip, 1n);
  });

  it("M5: reverts when the buyer would be co-owner number 201", async function () {
    const { ip, projects, alice, dave } = await loadFixture(fixture);
    await projects.setProject(
      4,
      ProjectStatus.Active,
      [alice.address, ...addresses(199)],
      equalShares(200),
      0,
    );
    await ip.connect(alice).registerForeground(4, input("crowded"));
    await ip.connect(alice).offerShares(1, 1, dave.address, 0);
    await time.increase(7 * DAY);
    await expect(ip.connect(dave).completeShareSale(1))
      .to.be.revertedWithCustomError(ip, "IPRegistryTooManyOwners")
      .withArgs(201, 200);
  });
});
