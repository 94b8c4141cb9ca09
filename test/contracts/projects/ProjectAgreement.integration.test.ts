import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { AgreementRegistry, ProjectRegistry } from "../../../typechain-types";
import { projectTermsHash, projectTermsFromChain } from "../../../src/sdk/projectTerms";
import { clausesFromJson, type ClauseJson } from "../../../src/sdk/terms";
import {
  deployProjectsSuite,
  defaultProposal,
  approve,
  propose,
  h,
  ROLES,
  CHARTER,
  ProjectStatus,
  UNIT,
} from "./fixture";

const SCHEDULE: ClauseJson[] = [
  { id: "5.2", damagesCap: (10_000n * UNIT).toString(), remedies: ["DAMAGES"] },
  { id: "7.1", damagesCap: (50_000n * UNIT).toString(), remedies: ["DAMAGES", "MEMBERSHIP_SUSPENSION"] },
];

/** The project suite wired to the real AgreementRegistry instead of MockCharter. */
async function fixture() {
  const s = await deployProjectsSuite(3);
  const agreements = (await ethers.deployContract("AgreementRegistry", [
    await s.manager.getAddress(),
    { ...CHARTER, claimBond: 1n },
  ])) as unknown as AgreementRegistry;
  await agreements.connect(s.admin).bindMembership(await s.membership.getAddress());
  const registry = (await ethers.deployContract("ProjectRegistry", [
    await s.manager.getAddress(),
    await s.membership.getAddress(),
    await agreements.getAddress(),
  ])) as unknown as ProjectRegistry;
  await s.manager
    .connect(s.admin)
    .setTargetFunctionRole(
      await registry.getAddress(),
      [registry.interface.getFunction("approveProject").selector],
      ROLES.COUNCIL,
    );
  return { ...s, agreements, registry };
}

describe("ProjectRegistry with the real AgreementRegistry (F2)", function () {
  it("activates once every participant has signed the project agreement carrying the SDK terms hash", async function () {
    const s = await loadFixture(fixture);
    const [a, b, c] = s.members;
    const p = await defaultProposal(s, { contributionClauseId: "5.2", penaltySchedule: SCHEDULE });
    const id = await propose(s, p);
    await approve(s, id);

    const terms = projectTermsHash(p);
    const documentHash = h("project-agreement.pdf");
    await s.agreements.connect(a).createAgreement({
      kind: 1, // Project
      parentId: 0,
      documentHash,
      termsHash: terms,
      uri: "ipfs://project-agreement",
      parties: [a.address, b.address, c.address],
      clauses: clausesFromJson(SCHEDULE),
    });
    const agreementId = await s.agreements.agreementCount();
    await s.agreements.connect(a).sign(agreementId, documentHash, terms);
    await s.agreements.connect(b).sign(agreementId, documentHash, terms);
    await expect(s.registry.activate(id, agreementId))
      .to.be.revertedWithCustomError(s.registry, "ProjectRegistryAgreementNotEffective")
      .withArgs(agreementId);
    await s.agreements.connect(c).sign(agreementId, documentHash, terms);
    await expect(s.registry.activate(id, agreementId)).to.emit(s.registry, "ProjectActivated");
    expect(await s.registry.projectStatus(id)).to.equal(ProjectStatus.Active);

    // A legal team rebuilds the terms from the chain and the agreement's schedule: same hash.
    const rebuilt = await projectTermsFromChain(s.registry, id, SCHEDULE);
    expect(projectTermsHash(rebuilt.proposal)).to.equal(terms);
    expect((await s.agreements.agreementOf(agreementId)).termsHash).to.equal(terms);
  });

  it("refuses an effective agreement whose terms differ from the proposal", async function () {
    const s = await loadFixture(fixture);
    const [a, b, c] = s.members;
    const p = await defaultProposal(s, { contributionClauseId: "5.2", penaltySchedule: SCHEDULE });
    const id = await propose(s, p);
    await approve(s, id);
    // Terms built without the grant: a different hash.
    const other = projectTermsHash({ ...p, grantAmount: 0n, grantFunder: undefined, grantLines: [] });
    await s.agreements.connect(a).createAgreement({
      kind: 1,
      parentId: 0,
      documentHash: h("doc"),
      termsHash: other,
      uri: "ipfs://other-terms",
      parties: [a.address, b.address, c.address],
      clauses: clausesFromJson(SCHEDULE),
    });
    const agreementId = await s.agreements.agreementCount();
    for (const m of [a, b, c]) await s.agreements.connect(m).sign(agreementId, h("doc"), other);
    await expect(s.registry.activate(id, agreementId))
      .to.be.revertedWithCustomError(s.registry, "ProjectRegistryAgreementMismatch")
      .withArgs(agreementId, "termsHash");
  });
});
