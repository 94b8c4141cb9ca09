/**
 * Licence capacity at scale (B8): a thousand acceptances of one public offer. A scale bound, not a
 * branch: `npm test` runs this folder; coverage does not (its instrumented run of these thousand
 * transactions was a fifth of the whole coverage stage, and the same paths are covered by the
 * LicenseManager tests' few acceptances of an offer).
 */
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { DAY, LicenseKind, terms } from "../contracts/licensing/fixture";
import { LICENSE_AGREEMENT, fixture, publish } from "../contracts/licensing/managerFixture";

describe("LicenseManager at scale (B8)", function () {
  it("B8 1,000 zero-fee acceptances of a public offer block neither another licensee's acceptance nor a negotiated or exclusive licence on the key", async function () {
    const f = await loadFixture(fixture);
    const now = await time.latest();
    const offerEnd = now + 400 * DAY;
    const offer = await publish(f, { upfrontFee: 0n, end: offerEnd });
    const spammers = [f.eve, f.outsider, f.dave];
    for (let i = 0; i < 1000; i++) await f.proposals.connect(spammers[i % 3]).acceptOffer(offer);
    const entries = await f.lm.licensesOfKey(1, 1, 86);
    expect(entries).to.deep.equal([1n]);
    expect((await f.lm.keyEntryOf(1)).live).to.equal(1000n);
    // Another licensee accepts.
    await f.proposals.connect(f.stranger).acceptOffer(offer);
    expect((await f.lm.keyEntryOf(1)).live).to.equal(1001n);
    // A negotiated non-exclusive licence is granted on the same key.
    const t = await time.latest();
    await f.proposals.connect(f.eve).proposeLicense(1, LICENSE_AGREEMENT, terms(t));
    let id = await f.proposals.proposalCount();
    await f.proposals.connect(f.alice).approve(id);
    await f.proposals.connect(f.bob).approve(id);
    await f.proposals.connect(f.eve).executeLicense(id);
    // An exclusive licence overlapping the live acceptances still conflicts (the rule is kept)...
    const exclusive = async (start: number, end: number) => {
      await f.proposals
        .connect(f.eve)
        .proposeLicense(1, LICENSE_AGREEMENT, terms(t, { kind: LicenseKind.Exclusive, start, end }));
      id = await f.proposals.proposalCount();
      for (const o of [f.alice, f.bob, f.carol]) await f.proposals.connect(o).approve(id);
      return f.proposals.connect(f.eve).executeLicense(id);
    };
    await expect(exclusive(offerEnd - DAY, offerEnd + 100 * DAY))
      .to.be.revertedWithCustomError(f.lm, "LicenseManagerConflict")
      .withArgs(1);
    // ... and one for after the offer's (and the negotiated licence's) end is granted, not refused as full.
    await expect(exclusive(t + 720 * DAY, t + 800 * DAY)).to.emit(f.lm, "LicenseGranted");
    expect((await f.lm.licensesOfKey(1, 1, 86)).length).to.equal(3);
  });
});
