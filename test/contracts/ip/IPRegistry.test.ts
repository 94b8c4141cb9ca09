import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { IPRegistry } from "../../../typechain-types";
import {
  AgreementKind,
  AgreementStatus,
  AssetKind,
  AssetStatus,
  DAY,
  MemberKind,
  MemberStatus,
  ProjectStatus,
  SaleStatus,
  addresses,
  checkI1,
  deploySuite,
  equalShares,
  input,
  setMembers,
  sha256,
  terms,
} from "../licensing/fixture";

const EVIDENCE = sha256("grant certificate CN123456");
/** Statuses co-owners set and leave: Filed, Granted, Lapsed, Abandoned (bit i = AssetStatus(i)). */
const LIVE_MASK =
  (1 << AssetStatus.Filed) |
  (1 << AssetStatus.Granted) |
  (1 << AssetStatus.Lapsed) |
  (1 << AssetStatus.Abandoned);
const SPLIT_TYPES = {
  SplitConsent: [
    { name: "account", type: "address" },
    { name: "projectId", type: "uint256" },
    { name: "amendmentId", type: "uint256" },
    { name: "contentHash", type: "bytes32" },
    { name: "owners", type: "address[]" },
    { name: "shares", type: "uint16[]" },
    { name: "deadline", type: "uint256" },
  ],
};

async function splitDomain(ip: IPRegistry) {
  return {
    name: "Covenant IPRegistry",
    version: "1",
    chainId: (await ethers.provider.getNetwork()).chainId,
    verifyingContract: await ip.getAddress(),
  };
}

/** `signer`'s EIP-712 consent to a result's split (B4). */
async function signSplit(
  ip: IPRegistry,
  signer: HardhatEthersSigner,
  projectId: number,
  amendmentId: number,
  contentHash: string,
  owners: string[],
  shares: number[],
  deadline: bigint,
): Promise<string> {
  return signer.signTypedData(await splitDomain(ip), SPLIT_TYPES, {
    account: signer.address,
    projectId,
    amendmentId,
    contentHash,
    owners,
    shares,
    deadline,
  });
}

/** An address whose home slot in a ShareList hash table of `slots` slots is `slot` (keccak256 of its 20 bytes). */
function addressAtSlot(slots: number, slot: number, skip: string[] = []): string {
  for (let i = 1; ; i++) {
    const a = ethers.getAddress(ethers.dataSlice(ethers.id(`share-list ${slots} ${slot} ${i}`), 12));
    if (!skip.includes(a) && BigInt(ethers.keccak256(a)) % BigInt(slots) === BigInt(slot)) return a;
  }
}

async function fixture() {
  const [admin, council, disputes, alice, bob, carol, dave, outsider, stranger] = await ethers.getSigners();
  const suite = await deploySuite(admin, council, disputes);
  const { membership, projects, charter, ip, token } = suite;
  await setMembers(membership, [alice.address, bob.address, carol.address, dave.address]);
  // Project 1: Active, alice 50%, bob 30%, carol 20%, dave a funder with 0% IP; agreement 10.
  await projects.setProject(
    1,
    ProjectStatus.Active,
    [alice.address, bob.address, carol.address, dave.address],
    [5000, 3000, 2000, 0],
    10,
  );
  await charter.setAgreement(10, AgreementKind.Project, AgreementStatus.Effective, sha256("p"), [], []);
  for (const s of [alice, bob, carol, dave, outsider]) {
    await token.mint(s.address, 1_000_000n);
    await token.connect(s).approve(await ip.getAddress(), ethers.MaxUint256);
  }
  // Asset 1: background IP of alice (60%) and bob (40%).
  await ip
    .connect(alice)
    .registerBackground(input("Hot-stamping steel process"), [alice.address, bob.address], [6000, 4000]);
  return { ...suite, admin, council, disputes, alice, bob, carol, dave, outsider, stranger };
}

describe("IPRegistry", function () {
  describe("constructor", function () {
    it("reverts on a zero address", async function () {
      const { ip, membership, charter, projects, token } = await loadFixture(fixture);
      const F = await ethers.getContractFactory("IPRegistry");
      const args = [
        await membership.getAddress(),
        await charter.getAddress(),
        await projects.getAddress(),
        await token.getAddress(),
      ];
      await expect(
        F.deploy(ethers.ZeroAddress, args[0], args[1], args[2], args[3], ""),
      ).to.be.revertedWithCustomError(ip, "IPRegistryZeroAddress");
      for (let i = 0; i < 4; i++) {
        const a = [...args];
        a[i] = ethers.ZeroAddress;
        await expect(F.deploy(args[0], a[0], a[1], a[2], a[3], "")).to.be.revertedWithCustomError(
          ip,
          "IPRegistryZeroAddress",
        );
      }
    });
  });

  describe("setShareHook", function () {
    it("reverts for anyone but the council", async function () {
      const { ip, stranger } = await loadFixture(fixture);
      await expect(ip.connect(stranger).setShareHook(stranger.address))
        .to.be.revertedWithCustomError(ip, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });

    it("reverts when already set, or for the zero address", async function () {
      const { ip, lm, council } = await loadFixture(fixture);
      await expect(ip.connect(council).setShareHook(council.address))
        .to.be.revertedWithCustomError(ip, "IPRegistryHookAlreadySet")
        .withArgs(await lm.getAddress());
      const [admin, c2, d2] = await ethers.getSigners();
      const fresh = await deploySuite(admin, c2, d2, { hook: false });
      await expect(fresh.ip.connect(c2).setShareHook(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        fresh.ip,
        "IPRegistryZeroAddress",
      );
      await expect(fresh.ip.connect(c2).setShareHook(await fresh.lm.getAddress()))
        .to.emit(fresh.ip, "ShareHookSet")
        .withArgs(await fresh.lm.getAddress());
      expect(await fresh.ip.shareHook()).to.equal(await fresh.lm.getAddress());
    });
  });

  describe("registerBackground", function () {
    it("records the asset, its proof of prior creation and the co-owners' bps as ERC-1155 balances (Macro 4, I1)", async function () {
      const { ip, alice, bob } = await loadFixture(fixture);
      const inp = input("Battery thermal model", { kind: AssetKind.Software, externalId: "SW-7", sep: true });
      const tx = ip.connect(bob).registerBackground(inp, [bob.address, alice.address], [7500, 2500]);
      await expect(tx)
        .to.emit(ip, "AssetRegistered")
        .withArgs(2, inp.contentHash, 0, AssetKind.Software, true, bob.address, 0, inp.title, "SW-7");
      await expect(tx)
        .to.emit(ip, "TransferSingle")
        .withArgs(bob.address, ethers.ZeroAddress, bob.address, 2, 7500);
      const a = await ip.assetOf(2);
      expect(a.status).to.equal(AssetStatus.Filed);
      expect(a.registeredAt).to.equal(await time.latest());
      expect(a.registrant).to.equal(bob.address);
      expect(a.contentHash).to.equal(inp.contentHash);
      expect(a.standardEssential).to.equal(true);
      expect(a.ownerCount).to.equal(2);
      expect(await ip.assetByContent(inp.contentHash)).to.equal(2);
      expect(await ip.shareOf(2, alice.address)).to.equal(2500);
      expect(await ip.balanceOf(bob.address, 2)).to.equal(7500);
      expect(await ip.assetCount()).to.equal(2);
      await checkI1(ip, 2n);
    });

    it("reverts when the content hash is already registered (Macro 4)", async function () {
      const { ip, alice } = await loadFixture(fixture);
      const inp = input("Hot-stamping steel process");
      await expect(ip.connect(alice).registerBackground(inp, [alice.address], [10000]))
        .to.be.revertedWithCustomError(ip, "IPRegistryDuplicateContent")
        .withArgs(inp.contentHash, 1);
    });

    it("reverts when the caller is not a member in good standing", async function () {
      const { ip, membership, outsider } = await loadFixture(fixture);
      await expect(
        ip.connect(outsider).registerBackground(input("x"), [outsider.address], [10000]),
      ).to.be.revertedWithCustomError(membership, "MembershipUnexpectedStatus");
    });

    it("reverts when the caller is not an owner, or an owner is not a member", async function () {
      const { ip, alice, bob, outsider } = await loadFixture(fixture);
      await expect(ip.connect(alice).registerBackground(input("x"), [bob.address], [10000]))
        .to.be.revertedWithCustomError(ip, "IPRegistryRegistrantNotOwner")
        .withArgs(alice.address);
      await expect(
        ip.connect(alice).registerBackground(input("x"), [alice.address, outsider.address], [5000, 5000]),
      )
        .to.be.revertedWithCustomError(ip, "IPRegistryOwnerNotMember")
        .withArgs(outsider.address);
    });

    it("M5: rejects shares not summing to 10000, a zero share, a duplicate, address(0), empty or mismatched lists", async function () {
      const { ip, alice, bob } = await loadFixture(fixture);
      const r = (owners: string[], shares: number[]) =>
        ip.connect(alice).registerBackground(input("m5"), owners, shares);
      await expect(r([alice.address, bob.address], [6000, 3999]))
        .to.be.revertedWithCustomError(ip, "IPRegistrySharesNotWhole")
        .withArgs(9999);
      await expect(r([alice.address, bob.address], [6000, 4001]))
        .to.be.revertedWithCustomError(ip, "IPRegistrySharesNotWhole")
        .withArgs(10001);
      await expect(r([alice.address, bob.address], [10000, 0]))
        .to.be.revertedWithCustomError(ip, "IPRegistryZeroShare")
        .withArgs(bob.address);
      await expect(r([alice.address, alice.address], [5000, 5000]))
        .to.be.revertedWithCustomError(ip, "IPRegistryDuplicateOwner")
        .withArgs(alice.address);
      await expect(r([alice.address, ethers.ZeroAddress], [5000, 5000])).to.be.revertedWithCustomError(
        ip,
        "IPRegistryZeroAddress",
      );
      await expect(r([], [])).to.be.revertedWithCustomError(ip, "IPRegistryLengthMismatch").withArgs(0, 0);
      await expect(r([alice.address], [5000, 5000]))
        .to.be.revertedWithCustomError(ip, "IPRegistryLengthMismatch")
        .withArgs(1, 2);
    });

    it("reverts on an empty content hash, an empty or too long title, a too long external id", async function () {
      const { ip, alice } = await loadFixture(fixture);
      const reg = (i: ReturnType<typeof input>) =>
        ip.connect(alice).registerBackground(i, [alice.address], [10000]);
      await expect(reg({ ...input("a"), contentHash: ethers.ZeroHash }))
        .to.be.revertedWithCustomError(ip, "IPRegistryInvalidInput")
        .withArgs("contentHash");
      await expect(reg({ ...input("b"), title: "" }))
        .to.be.revertedWithCustomError(ip, "IPRegistryInvalidInput")
        .withArgs("title");
      await expect(reg({ ...input("c"), title: "t".repeat(257) }))
        .to.be.revertedWithCustomError(ip, "IPRegistryInvalidInput")
        .withArgs("title");
      await expect(reg({ ...input("d"), externalId: "x".repeat(65) }))
        .to.be.revertedWithCustomError(ip, "IPRegistryInvalidInput")
        .withArgs("externalId");
      await reg({ ...input("e"), title: "t".repeat(256), externalId: "x".repeat(64) });
    });
  });

  describe("registerForeground", function () {
    it("takes owners and shares from the project's pre-agreed IP shares, leaving out zero shares (F5)", async function () {
      const { ip, alice, bob, carol, dave } = await loadFixture(fixture);
      await expect(ip.connect(bob).registerForeground(1, input("Joint lab alloy")))
        .to.emit(ip, "AssetRegistered")
        .withArgs(
          2,
          sha256("Joint lab alloy"),
          1,
          AssetKind.PatentApplication,
          false,
          bob.address,
          0,
          "Joint lab alloy",
          "",
        );
      expect(await ip.shareOf(2, alice.address)).to.equal(5000);
      expect(await ip.shareOf(2, bob.address)).to.equal(3000);
      expect(await ip.shareOf(2, carol.address)).to.equal(2000);
      expect(await ip.shareOf(2, dave.address)).to.equal(0);
      expect((await ip.assetOf(2)).projectId).to.equal(1);
      await checkI1(ip, 2n);
    });

    it("accepts a Completed project and reverts for one neither Active nor Completed", async function () {
      const { ip, projects, alice } = await loadFixture(fixture);
      await projects.setStatus(1, ProjectStatus.Completed);
      await ip.connect(alice).registerForeground(1, input("done"));
      await projects.setStatus(1, ProjectStatus.Approved);
      await expect(ip.connect(alice).registerForeground(1, input("early")))
        .to.be.revertedWithCustomError(ip, "IPRegistryProjectNotActive")
        .withArgs(1, ProjectStatus.Approved);
    });

    it("reverts when the caller is not a participant or not a member", async function () {
      const { ip, membership, alice, outsider } = await loadFixture(fixture);
      await membership.setMember(outsider.address, MemberKind.University, MemberStatus.Active);
      await expect(ip.connect(outsider).registerForeground(1, input("x")))
        .to.be.revertedWithCustomError(ip, "IPRegistryNotParticipant")
        .withArgs(1, outsider.address);
      await membership.setMember(alice.address, MemberKind.Enterprise, MemberStatus.Suspended);
      await expect(ip.connect(alice).registerForeground(1, input("x"))).to.be.revertedWithCustomError(
        membership,
        "MembershipUnexpectedStatus",
      );
    });

    it("M5: reverts when the project's shares are invalid", async function () {
      const { ip, projects, alice, bob } = await loadFixture(fixture);
      await projects.setProject(5, ProjectStatus.Active, [alice.address, bob.address], [5000, 4000], 0);
      await expect(ip.connect(alice).registerForeground(5, input("x")))
        .to.be.revertedWithCustomError(ip, "IPRegistrySharesNotWhole")
        .withArgs(9000);
    });
  });

  describe("registerForegroundAmended", function () {
    const FAR = 2n ** 40n;

    async function withAmendment() {
      const f = await loadFixture(fixture);
      const { charter, alice, bob, carol, dave } = f;
      const parties = [alice.address, bob.address, carol.address, dave.address];
      await charter.setAgreement(
        11,
        AgreementKind.Amendment,
        AgreementStatus.Effective,
        sha256("a"),
        parties,
        [],
      );
      await charter.setParent(11, 10);
      return f;
    }

    it("registers a split that every owner and every participant with a pre-agreed share signed (F5, B4)", async function () {
      const { ip, alice, bob, carol, dave } = await withAmendment();
      const inp = input("amended split");
      const owners = [alice.address, dave.address];
      const shares = [5000, 5000];
      // dave (owner), then bob and carol (participants with a share who are not owners); alice's call is hers.
      const sigs = [
        "0x",
        await signSplit(ip, dave, 1, 11, inp.contentHash, owners, shares, FAR),
        await signSplit(ip, bob, 1, 11, inp.contentHash, owners, shares, FAR),
        await signSplit(ip, carol, 1, 11, inp.contentHash, owners, shares, FAR),
      ];
      await expect(ip.connect(alice).registerForegroundAmended(1, 11, inp, owners, shares, FAR, sigs))
        .to.emit(ip, "AssetRegistered")
        .withArgs(2, inp.contentHash, 1, inp.kind, false, alice.address, 11, inp.title, "");
      expect((await ip.assetOf(2)).amendmentId).to.equal(11);
      expect(await ip.shareOf(2, dave.address)).to.equal(5000);
      expect(await ip.shareOf(2, bob.address)).to.equal(0);
      await checkI1(ip, 2n);
    });

    it("B4 refuses a participant's registration of the result with 100 % to itself after an amendment", async function () {
      const { ip, alice, bob, carol } = await withAmendment();
      const inp = input("the project's result");
      // The exploit: an Effective amendment exists (about anything); alice lists herself alone.
      await expect(
        ip.connect(alice).registerForegroundAmended(1, 11, inp, [alice.address], [10000], FAR, ["0x"]),
      )
        .to.be.revertedWithCustomError(ip, "IPRegistryConsentMissing")
        .withArgs(bob.address);
      // Signatures alice made herself for bob and carol are not theirs.
      const forged = await signSplit(ip, alice, 1, 11, inp.contentHash, [alice.address], [10000], FAR);
      await expect(
        ip
          .connect(alice)
          .registerForegroundAmended(1, 11, inp, [alice.address], [10000], FAR, ["0x", forged, forged]),
      )
        .to.be.revertedWithCustomError(ip, "IPRegistryConsentMissing")
        .withArgs(bob.address);
      // Nothing was registered: the result is still registered with the signed project split.
      expect(await ip.assetByContent(inp.contentHash)).to.equal(0);
      await ip.connect(bob).registerForeground(1, inp);
      expect(await ip.shareOf(2, alice.address)).to.equal(5000);
      expect(await ip.shareOf(2, carol.address)).to.equal(2000);
    });

    it("B4 refuses a consent signed for another split, content, amendment, project or deadline", async function () {
      const { ip, projects, charter, alice, bob, carol, dave } = await withAmendment();
      const inp = input("x");
      const owners = [alice.address, bob.address, carol.address];
      const shares = [4000, 4000, 2000];
      const signed = async (
        o: {
          owners?: string[];
          shares?: number[];
          hash?: string;
          amendment?: number;
          project?: number;
          deadline?: bigint;
        } = {},
      ) =>
        signSplit(
          ip,
          bob,
          o.project ?? 1,
          o.amendment ?? 11,
          o.hash ?? inp.contentHash,
          o.owners ?? owners,
          o.shares ?? shares,
          o.deadline ?? FAR,
        );
      const carolSig = await signSplit(ip, carol, 1, 11, inp.contentHash, owners, shares, FAR);
      await projects.setProject(
        2,
        ProjectStatus.Active,
        [alice.address, bob.address, carol.address],
        [5000, 3000, 2000],
        10,
      );
      await charter.setAgreement(12, AgreementKind.Amendment, AgreementStatus.Effective, sha256("e"), [], []);
      await charter.setParent(12, 10);
      for (const wrong of [
        await signed({ shares: [5000, 3000, 2000] }),
        await signed({ owners: [alice.address, bob.address, dave.address] }),
        await signed({ hash: sha256("other content") }),
        await signed({ amendment: 12 }),
        await signed({ project: 2 }),
        await signed({ deadline: FAR - 1n }),
      ]) {
        await expect(
          ip
            .connect(alice)
            .registerForegroundAmended(1, 11, inp, owners, shares, FAR, ["0x", wrong, carolSig]),
        )
          .to.be.revertedWithCustomError(ip, "IPRegistryConsentMissing")
          .withArgs(bob.address);
      }
      await ip
        .connect(alice)
        .registerForegroundAmended(1, 11, inp, owners, shares, FAR, ["0x", await signed(), carolSig]);
      expect(await ip.shareOf(2, bob.address)).to.equal(4000);
    });

    it("B4 accepts consents at their deadline and refuses them at deadline + 1 s (A5)", async function () {
      const { ip, alice, bob, carol } = await withAmendment();
      const inp = input("deadline");
      const owners = [alice.address, bob.address, carol.address];
      const shares = [3400, 3300, 3300];
      const deadline = BigInt((await time.latest()) + 100);
      const sigs = [
        "0x",
        await signSplit(ip, bob, 1, 11, inp.contentHash, owners, shares, deadline),
        await signSplit(ip, carol, 1, 11, inp.contentHash, owners, shares, deadline),
      ];
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(ip.connect(alice).registerForegroundAmended(1, 11, inp, owners, shares, deadline, sigs))
        .to.be.revertedWithCustomError(ip, "IPRegistryConsentExpired")
        .withArgs(deadline);
      const later = await loadFixture(withAmendment);
      await time.setNextBlockTimestamp(deadline);
      await later.ip
        .connect(later.alice)
        .registerForegroundAmended(1, 11, inp, owners, shares, deadline, sigs);
      expect(await later.ip.shareOf(2, later.carol.address)).to.equal(3300);
    });

    it("B4 counts a participant's consent through its EIP-1271 wallet, and never one wallet's consent for another with the same owner key", async function () {
      const { ip, projects, charter, membership, alice } = await loadFixture(fixture);
      const key = ethers.Wallet.createRandom();
      const w1 = await ethers.deployContract("AgreementsEcdsaWallet", [key.address]);
      const w2 = await ethers.deployContract("AgreementsEcdsaWallet", [key.address]);
      const [a1, a2] = [await w1.getAddress(), await w2.getAddress()];
      for (const a of [a1, a2]) await membership.setMember(a, MemberKind.Enterprise, MemberStatus.Active);
      await projects.setProject(6, ProjectStatus.Active, [alice.address, a1, a2], [5000, 2500, 2500], 30);
      await charter.setAgreement(30, AgreementKind.Project, AgreementStatus.Effective, sha256("p6"), [], []);
      await charter.setAgreement(
        31,
        AgreementKind.Amendment,
        AgreementStatus.Effective,
        sha256("a6"),
        [],
        [],
      );
      await charter.setParent(31, 30);
      const inp = input("wallet split");
      const owners = [alice.address, a1, a2];
      const shares = [4000, 3000, 3000];
      // The wallet's owner key signs the wallet's digest; the wallet (EIP-1271) answers for itself.
      const sign = async (account: string) =>
        key.signingKey.sign(await ip.hashSplitConsent(account, 6, 31, inp.contentHash, owners, shares, FAR))
          .serialized;
      const sig1 = await sign(a1);
      await expect(
        ip.connect(alice).registerForegroundAmended(6, 31, inp, owners, shares, FAR, ["0x", sig1, sig1]),
      )
        .to.be.revertedWithCustomError(ip, "IPRegistryConsentMissing")
        .withArgs(a2);
      await ip
        .connect(alice)
        .registerForegroundAmended(6, 31, inp, owners, shares, FAR, ["0x", sig1, await sign(a2)]);
      expect(await ip.shareOf(2, a1)).to.equal(3000);
      expect(await ip.shareOf(2, a2)).to.equal(3000);
    });

    it("B4 the split-consent digest equals ethers' TypedDataEncoder.hash and eip712Domain() names this registry", async function () {
      const { ip, alice, bob } = await loadFixture(fixture);
      const owners = [alice.address, bob.address];
      const shares = [7000, 3000];
      const value = {
        account: bob.address,
        projectId: 1n,
        amendmentId: 11n,
        contentHash: sha256("d"),
        owners,
        shares,
        deadline: FAR,
      };
      const expected = ethers.TypedDataEncoder.hash(await splitDomain(ip), SPLIT_TYPES, value);
      expect(await ip.hashSplitConsent(bob.address, 1, 11, value.contentHash, owners, shares, FAR)).to.equal(
        expected,
      );
      const domain = await ip.eip712Domain();
      expect([domain.name, domain.version, domain.chainId, domain.verifyingContract]).to.deep.equal([
        "Covenant IPRegistry",
        "1",
        (await ethers.provider.getNetwork()).chainId,
        await ip.getAddress(),
      ]);
      expect(await ip.SPLIT_CONSENT_TYPEHASH()).to.equal(
        ethers.id(
          "SplitConsent(address account,uint256 projectId,uint256 amendmentId,bytes32 contentHash,address[] owners,uint16[] shares,uint256 deadline)",
        ),
      );
    });

    it("reverts when a consent is missing or a signature is left over", async function () {
      const { ip, alice, bob, carol, dave } = await withAmendment();
      const inp = input("count");
      const owners = [alice.address, dave.address];
      const shares = [5000, 5000];
      const s = (who: typeof bob) => signSplit(ip, who, 1, 11, inp.contentHash, owners, shares, FAR);
      await expect(
        ip
          .connect(alice)
          .registerForegroundAmended(1, 11, inp, owners, shares, FAR, ["0x", await s(dave), await s(bob)]),
      )
        .to.be.revertedWithCustomError(ip, "IPRegistryConsentMissing")
        .withArgs(carol.address);
      await expect(
        ip
          .connect(alice)
          .registerForegroundAmended(1, 11, inp, owners, shares, FAR, [
            "0x",
            await s(dave),
            await s(bob),
            await s(carol),
            "0x",
          ]),
      )
        .to.be.revertedWithCustomError(ip, "IPRegistryInvalidInput")
        .withArgs("signatures");
      // An owner's empty entry is a missing consent unless the owner is the caller.
      await expect(
        ip
          .connect(alice)
          .registerForegroundAmended(1, 11, inp, owners, shares, FAR, [
            "0x",
            "0x",
            await s(bob),
            await s(carol),
          ]),
      )
        .to.be.revertedWithCustomError(ip, "IPRegistryConsentMissing")
        .withArgs(dave.address);
    });

    it("reverts for an amendment of another agreement, not Effective, or not an Amendment", async function () {
      const { ip, charter, projects, alice, bob, carol, dave } = await withAmendment();
      const reg = (project: number, amendment: number) =>
        ip
          .connect(alice)
          .registerForegroundAmended(project, amendment, input("x"), [alice.address], [10000], FAR, ["0x"]);
      // 12 amends another agreement (3); 13 has the right parent but is not an Amendment.
      for (const [id, kind, parent, terms] of [
        [12, AgreementKind.Amendment, 3, "b"],
        [13, AgreementKind.Other, 10, "c"],
      ] as const) {
        await charter.setAgreement(id, kind, AgreementStatus.Effective, sha256(terms), [alice.address], []);
        await charter.setParent(id, parent);
        await expect(reg(1, id))
          .to.be.revertedWithCustomError(ip, "IPRegistryInvalidAmendment")
          .withArgs(1, id);
      }
      await charter.setStatus(11, AgreementStatus.Pending);
      await expect(reg(1, 11))
        .to.be.revertedWithCustomError(ip, "IPRegistryInvalidAmendment")
        .withArgs(1, 11);
      await expect(reg(1, 99)).to.be.revertedWithCustomError(charter, "MockCharterUnknownAgreement");
      // A project without an agreement in force has nothing to amend.
      await projects.setProject(
        8,
        ProjectStatus.Active,
        [alice.address, bob.address, carol.address, dave.address],
        [5000, 3000, 2000, 0],
        0,
      );
      await charter.setStatus(11, AgreementStatus.Effective);
      await expect(reg(8, 11))
        .to.be.revertedWithCustomError(ip, "IPRegistryInvalidAmendment")
        .withArgs(8, 11);
    });

    it("M5: reverts on an invalid split", async function () {
      const { ip, alice, bob } = await withAmendment();
      await expect(
        ip
          .connect(alice)
          .registerForegroundAmended(1, 11, input("x"), [alice.address, bob.address], [5000, 5001], FAR, []),
      )
        .to.be.revertedWithCustomError(ip, "IPRegistrySharesNotWhole")
        .withArgs(10001);
    });
  });

  describe("contestBackground", function () {
    const DELIVERABLE = input("Joint lab alloy: the project's deliverable");

    /** bob, a participant of Active project 1, registers the deliverable as his own background IP. */
    async function squatted() {
      const f = await loadFixture(fixture);
      await f.ip.connect(f.bob).registerBackground(DELIVERABLE, [f.bob.address], [10000]);
      return f;
    }

    it("B4 a participant that registers the deliverable as its own background first gains nothing: the result registers and the background is contested", async function () {
      const { ip, proposals, alice, bob, carol } = await squatted();
      expect(await ip.assetByContent(DELIVERABLE.contentHash)).to.equal(2);
      // The result registers all the same with the project's signed split...
      await expect(ip.connect(alice).registerForeground(1, DELIVERABLE))
        .to.emit(ip, "AssetRegistered")
        .withArgs(
          3,
          DELIVERABLE.contentHash,
          1,
          DELIVERABLE.kind,
          false,
          alice.address,
          0,
          DELIVERABLE.title,
          "",
        );
      expect(await ip.assetByContent(DELIVERABLE.contentHash)).to.equal(3);
      expect(await ip.shareOf(3, alice.address)).to.equal(5000);
      expect(await ip.shareOf(3, bob.address)).to.equal(3000);
      // ... and a participant contests the squatting background registration.
      await expect(ip.connect(carol).contestBackground(2, 3))
        .to.emit(ip, "BackgroundContested")
        .withArgs(2, 3, carol.address, AssetStatus.Filed);
      expect((await ip.assetOf(2)).status).to.equal(AssetStatus.Contested);
      // A contested asset takes no licence, no share sale and no status change.
      await expect(proposals.connect(bob).proposeOffer(2, terms(await time.latest())))
        .to.be.revertedWithCustomError(proposals, "LicenseProposalsAssetNotLicensable")
        .withArgs(2, AssetStatus.Contested);
      await expect(ip.connect(bob).offerShares(2, 100, alice.address, 0))
        .to.be.revertedWithCustomError(ip, "IPRegistryUnexpectedStatus")
        .withArgs(2, AssetStatus.Contested, LIVE_MASK);
      await expect(proposals.connect(bob).proposeStatusChange(2, AssetStatus.Filed, "", EVIDENCE))
        .to.be.revertedWithCustomError(proposals, "LicenseProposalsStatusRefused")
        .withArgs(2, AssetStatus.Contested, AssetStatus.Filed);
      await expect(ip.connect(alice).contestBackground(2, 3))
        .to.be.revertedWithCustomError(ip, "IPRegistryNotContestable")
        .withArgs(2, 3);
    });

    it("B4 lets a result through over a background registration made since the project became active, and only then", async function () {
      const { ip, projects, alice, bob } = await loadFixture(fixture);
      const activated = BigInt(await time.latest()) + 100n;
      await projects.setActivatedAt(1, activated);
      // Registered at activation - 1 s: it predates the project, it is the proof of prior creation.
      await time.setNextBlockTimestamp(activated - 1n);
      await ip.connect(bob).registerBackground(input("before"), [bob.address], [10000]);
      // Registered at activation: it does not predate the project.
      await time.setNextBlockTimestamp(activated);
      await ip.connect(bob).registerBackground(input("at"), [bob.address], [10000]);
      await expect(ip.connect(alice).registerForeground(1, input("before")))
        .to.be.revertedWithCustomError(ip, "IPRegistryDuplicateContent")
        .withArgs(sha256("before"), 2);
      await ip.connect(alice).registerForeground(1, input("at"));
      expect(await ip.assetByContent(sha256("at"))).to.equal(4);
      // A result never passes over another result, and a Completed project's result over nothing.
      await expect(ip.connect(alice).registerForeground(1, input("at")))
        .to.be.revertedWithCustomError(ip, "IPRegistryDuplicateContent")
        .withArgs(sha256("at"), 4);
      await ip.connect(bob).registerBackground(input("late"), [bob.address], [10000]);
      await projects.setStatus(1, ProjectStatus.Completed);
      await expect(ip.connect(alice).registerForeground(1, input("late")))
        .to.be.revertedWithCustomError(ip, "IPRegistryDuplicateContent")
        .withArgs(sha256("late"), 5);
    });

    it("B4 allows a contest until the charter's contestWindow after the result's registration (A5: end - 1 s, end)", async function () {
      const { ip, alice, carol } = await squatted();
      await ip.connect(alice).registerForeground(1, DELIVERABLE);
      const endsAt = (await ip.assetOf(3)).registeredAt + BigInt(30 * DAY);
      await time.setNextBlockTimestamp(endsAt);
      await expect(ip.connect(carol).contestBackground(2, 3))
        .to.be.revertedWithCustomError(ip, "IPRegistryContestWindowClosed")
        .withArgs(3, endsAt);
      const g = await loadFixture(squatted);
      await g.ip.connect(g.alice).registerForeground(1, DELIVERABLE);
      await time.setNextBlockTimestamp(endsAt - 1n);
      await g.ip.connect(g.carol).contestBackground(2, 3);
      expect((await g.ip.assetOf(2)).status).to.equal(AssetStatus.Contested);
    });

    it("B4 refuses a contest by a non-participant, of other content, of a result, or of an unknown asset", async function () {
      const { ip, membership, alice, carol, outsider } = await squatted();
      await ip.connect(alice).registerForeground(1, DELIVERABLE);
      await membership.setMember(outsider.address, MemberKind.Enterprise, MemberStatus.Active);
      await expect(ip.connect(outsider).contestBackground(2, 3))
        .to.be.revertedWithCustomError(ip, "IPRegistryNotParticipant")
        .withArgs(1, outsider.address);
      await membership.setMember(carol.address, MemberKind.Enterprise, MemberStatus.Suspended);
      await expect(ip.connect(carol).contestBackground(2, 3)).to.be.revertedWithCustomError(
        membership,
        "MembershipUnexpectedStatus",
      );
      // Asset 1 is background IP of other content; 3 is not background.
      for (const [b, fg] of [
        [1, 3],
        [3, 3],
        [2, 1],
      ]) {
        await expect(ip.connect(alice).contestBackground(b, fg))
          .to.be.revertedWithCustomError(ip, "IPRegistryNotContestable")
          .withArgs(b, fg);
      }
      await expect(ip.connect(alice).contestBackground(2, 9))
        .to.be.revertedWithCustomError(ip, "IPRegistryUnknownAsset")
        .withArgs(9);
    });
  });

  describe("applyStatusChange", function () {
    it("reverts for anyone without the LICENSING_MODULE role, the co-owners included (B5)", async function () {
      const { ip, alice, bob } = await loadFixture(fixture);
      for (const who of [alice, bob]) {
        await expect(ip.connect(who).applyStatusChange(1, AssetStatus.Filed, AssetStatus.Abandoned, EVIDENCE))
          .to.be.revertedWithCustomError(ip, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
    });

    it("applies only from the asset's current status to another live status", async function () {
      const { ip, manager, stranger } = await loadFixture(fixture);
      await manager.grantRole(14, stranger.address, 0);
      const apply = (from: AssetStatus, to: AssetStatus) =>
        ip.connect(stranger).applyStatusChange(1, from, to, EVIDENCE);
      await expect(apply(AssetStatus.Granted, AssetStatus.Lapsed))
        .to.be.revertedWithCustomError(ip, "IPRegistryUnexpectedStatus")
        .withArgs(1, AssetStatus.Filed, 1 << AssetStatus.Granted);
      for (const to of [AssetStatus.None, AssetStatus.Filed, AssetStatus.Contested]) {
        await expect(apply(AssetStatus.Filed, to))
          .to.be.revertedWithCustomError(ip, "IPRegistryInvalidInput")
          .withArgs("newStatus");
      }
      await expect(apply(AssetStatus.Contested, AssetStatus.Granted))
        .to.be.revertedWithCustomError(ip, "IPRegistryUnexpectedStatus")
        .withArgs(1, AssetStatus.Filed, 0);
      await expect(apply(AssetStatus.Filed, AssetStatus.Granted))
        .to.emit(ip, "AssetStatusChanged")
        .withArgs(1, AssetStatus.Filed, AssetStatus.Granted, EVIDENCE);
      await expect(
        ip.connect(stranger).applyStatusChange(9, AssetStatus.Filed, AssetStatus.Granted, EVIDENCE),
      )
        .to.be.revertedWithCustomError(ip, "IPRegistryUnknownAsset")
        .withArgs(9);
    });
  });

  describe("offerShares", function () {
    it("opens a sale for the charter's right-of-first-refusal window and reserves the share", async function () {
      const { ip, alice, dave } = await loadFixture(fixture);
      const tx = await ip.connect(alice).offerShares(1, 1000, dave.address, 5000);
      const ends = (await time.latest()) + 7 * DAY;
      await expect(tx)
        .to.emit(ip, "SharesOffered")
        .withArgs(1, 1, alice.address, dave.address, 1000, 5000, ends);
      const s = await ip.saleOf(1);
      expect(s.status).to.equal(SaleStatus.Open);
      expect(s.rofrEndsAt).to.equal(ends);
      expect(await ip.reservedOf(1, alice.address)).to.equal(1000);
      expect(await ip.saleCount()).to.equal(1);
      await expect(ip.connect(alice).offerShares(1, 5001, dave.address, 1))
        .to.be.revertedWithCustomError(ip, "IPRegistryInsufficientShare")
        .withArgs(1, alice.address, 5000, 5001);
    });

    it("reverts on an unknown asset, a zero or self buyer, zero bps, a non-co-owner, or more than held", async function () {
      const { ip, alice, carol, dave } = await loadFixture(fixture);
      // [seller, assetId, bps, buyer, error, error arguments]
      const cases: [typeof alice, number, number, string, string, unknown[]][] = [
        [alice, 9, 1, dave.address, "IPRegistryUnknownAsset", [9]],
        [alice, 1, 1, ethers.ZeroAddress, "IPRegistryZeroAddress", []],
        [alice, 1, 1, alice.address, "IPRegistryInvalidInput", ["buyer"]],
        [alice, 1, 0, dave.address, "IPRegistryInvalidInput", ["bps"]],
        [carol, 1, 1, dave.address, "IPRegistryNotCoOwner", [1, carol.address]],
        [alice, 1, 6001, dave.address, "IPRegistryInsufficientShare", [1, alice.address, 6000, 6001]],
      ];
      for (const [seller, assetId, bps, buyer, error, args] of cases) {
        const reverted = expect(
          ip.connect(seller).offerShares(assetId, bps, buyer, 0),
        ).to.be.revertedWithCustomError(ip, error);
        await (args.length > 0 ? reverted.withArgs(...args) : reverted);
      }
    });

    it("reverts for a non-member buyer unless the charter allows transfers to non-members", async function () {
      const { ip, charter, alice, outsider } = await loadFixture(fixture);
      await expect(ip.connect(alice).offerShares(1, 100, outsider.address, 0))
        .to.be.revertedWithCustomError(ip, "IPRegistryBuyerNotMember")
        .withArgs(outsider.address);
      const { charterParams } = await import("../licensing/fixture");
      await charter.setParams(charterParams({ transfersToNonMembers: true }));
      await ip.connect(alice).offerShares(1, 100, outsider.address, 0);
    });
  });

  describe("exerciseRofr", function () {
    it("lets another co-owner buy at the offered price inside the window (A5: at end - 1 s)", async function () {
      const { ip, token, alice, bob, dave } = await loadFixture(fixture);
      await ip.connect(alice).offerShares(1, 1000, dave.address, 5000);
      const s = await ip.saleOf(1);
      await time.setNextBlockTimestamp(s.rofrEndsAt - 1n);
      const before = await token.balanceOf(alice.address);
      const tx = ip.connect(bob).exerciseRofr(1);
      await expect(tx).to.emit(ip, "RofrExercised").withArgs(1, bob.address);
      await expect(tx).to.emit(ip, "ShareSaleCompleted").withArgs(1, bob.address, 1000, 5000);
      await expect(tx)
        .to.emit(ip, "TransferSingle")
        .withArgs(bob.address, alice.address, bob.address, 1, 1000);
      expect(await token.balanceOf(alice.address)).to.equal(before + 5000n);
      expect(await ip.shareOf(1, alice.address)).to.equal(5000);
      expect(await ip.shareOf(1, bob.address)).to.equal(5000);
      expect(await ip.reservedOf(1, alice.address)).to.equal(0);
      const after = await ip.saleOf(1);
      expect(after.status).to.equal(SaleStatus.Preempted);
      expect(after.purchaser).to.equal(bob.address);
      expect((await ip.assetOf(1)).shareVersion).to.equal(1);
      await checkI1(ip, 1n);
    });

    it("reverts at the window's end (A5), for the seller, a non-co-owner, a closed or unknown sale", async function () {
      const { ip, alice, bob, carol, dave } = await loadFixture(fixture);
      await ip.connect(alice).offerShares(1, 1000, dave.address, 0);
      await expect(ip.connect(alice).exerciseRofr(1))
        .to.be.revertedWithCustomError(ip, "IPRegistryUnauthorized")
        .withArgs(1, alice.address);
      await expect(ip.connect(carol).exerciseRofr(1))
        .to.be.revertedWithCustomError(ip, "IPRegistryNotCoOwner")
        .withArgs(1, carol.address);
      await expect(ip.connect(bob).exerciseRofr(2))
        .to.be.revertedWithCustomError(ip, "IPRegistryUnknownSale")
        .withArgs(2);
      const s = await ip.saleOf(1);
      await time.setNextBlockTimestamp(s.rofrEndsAt);
      await expect(ip.connect(bob).exerciseRofr(1))
        .to.be.revertedWithCustomError(ip, "IPRegistryRofrWindow")
        .withArgs(1, s.rofrEndsAt);
      await ip.connect(alice).cancelShareSale(1);
      await expect(ip.connect(bob).exerciseRofr(1))
        .to.be.revertedWithCustomError(ip, "IPRegistrySaleNotOpen")
        .withArgs(1, SaleStatus.Cancelled);
    });

    it("reverts while no share hook is set (income could not follow the share)", async function () {
      const [admin, c2, d2, a, b] = await ethers.getSigners();
      const f = await deploySuite(admin, c2, d2, { hook: false });
      await setMembers(f.membership, [a.address, b.address]);
      await f.ip.connect(a).registerBackground(input("x"), [a.address, b.address], [5000, 5000]);
      await f.ip.connect(a).offerShares(1, 100, b.address, 0);
      await expect(f.ip.connect(b).exerciseRofr(1)).to.be.revertedWithCustomError(
        f.ip,
        "IPRegistryHookNotSet",
      );
    });
  });

  describe("completeShareSale", function () {
    it("lets the named buyer complete after the window and become a co-owner (A5: at end)", async function () {
      const { ip, token, alice, dave } = await loadFixture(fixture);
      await ip.connect(alice).offerShares(1, 6000, dave.address, 9000);
      const s = await ip.saleOf(1);
      await time.setNextBlockTimestamp(s.rofrEndsAt);
      await expect(ip.connect(dave).completeShareSale(1))
        .to.emit(ip, "ShareSaleCompleted")
        .withArgs(1, dave.address, 6000, 9000);
      expect(await token.balanceOf(alice.address)).to.equal(1_009_000n);
      expect(await ip.shareOf(1, alice.address)).to.equal(0);
      expect(await ip.shareOf(1, dave.address)).to.equal(6000);
      const [owners] = await ip.ownersOf(1, 0, 10);
      expect([...owners]).to.have.members([dave.address, (await ethers.getSigners())[4].address]);
      expect((await ip.saleOf(1)).status).to.equal(SaleStatus.Completed);
      await checkI1(ip, 1n);
    });

    it("reverts before the window ends (A5: end - 1 s), for anyone but the buyer, and for a buyer no longer a member", async function () {
      const { ip, membership, alice, bob, dave } = await loadFixture(fixture);
      await ip.connect(alice).offerShares(1, 1000, dave.address, 0);
      const s = await ip.saleOf(1);
      await time.setNextBlockTimestamp(s.rofrEndsAt - 1n);
      await expect(ip.connect(dave).completeShareSale(1))
        .to.be.revertedWithCustomError(ip, "IPRegistryRofrWindow")
        .withArgs(1, s.rofrEndsAt);
      await expect(ip.connect(bob).completeShareSale(1))
        .to.be.revertedWithCustomError(ip, "IPRegistryUnauthorized")
        .withArgs(1, bob.address);
      await membership.setMember(dave.address, MemberKind.Enterprise, MemberStatus.Expelled);
      await expect(ip.connect(dave).completeShareSale(1))
        .to.be.revertedWithCustomError(ip, "IPRegistryBuyerNotMember")
        .withArgs(dave.address);
    });
  });

  describe("cancelShareSale", function () {
    it("lets the seller withdraw an open sale and frees the reserved share", async function () {
      const { ip, alice, bob, dave } = await loadFixture(fixture);
      await ip.connect(alice).offerShares(1, 1000, dave.address, 0);
      await expect(ip.connect(bob).cancelShareSale(1))
        .to.be.revertedWithCustomError(ip, "IPRegistryUnauthorized")
        .withArgs(1, bob.address);
      await expect(ip.connect(alice).cancelShareSale(1)).to.emit(ip, "ShareSaleCancelled").withArgs(1);
      expect(await ip.reservedOf(1, alice.address)).to.equal(0);
      await expect(ip.connect(alice).cancelShareSale(1))
        .to.be.revertedWithCustomError(ip, "IPRegistrySaleNotOpen")
        .withArgs(1, SaleStatus.Cancelled);
    });
  });

  describe("ERC-1155 surface", function () {
    it("reverts plain transfers and approvals: shares move only through the right-of-first-refusal sale", async function () {
      const { ip, alice, bob } = await loadFixture(fixture);
      await expect(
        ip.connect(alice).safeTransferFrom(alice.address, bob.address, 1, 1, "0x"),
      ).to.be.revertedWithCustomError(ip, "IPRegistryTransferRestricted");
      await expect(
        ip.connect(alice).safeBatchTransferFrom(alice.address, bob.address, [1], [1], "0x"),
      ).to.be.revertedWithCustomError(ip, "IPRegistryTransferRestricted");
      await expect(ip.connect(alice).setApprovalForAll(bob.address, true)).to.be.revertedWithCustomError(
        ip,
        "IPRegistryTransferRestricted",
      );
    });

    it("supports the ERC-1155 interface and reports the metadata URI", async function () {
      const { ip } = await loadFixture(fixture);
      expect(await ip.supportsInterface("0xd9b67a26")).to.equal(true);
      expect(await ip.supportsInterface("0x0e89341c")).to.equal(true);
      expect(await ip.uri(1)).to.equal("https://covenant.example/ip/{id}.json");
    });
  });

  describe("co-owner list (ShareList)", function () {
    it("finds a co-owner whose home slot is taken by probing on, across the table's end, and 0 for a non-owner there", async function () {
      const { ip, projects, alice } = await loadFixture(fixture);
      // Two owners in a 4-slot table, both at home slot 3: the second wraps around to slot 0.
      const o1 = addressAtSlot(4, 3);
      const o2 = addressAtSlot(4, 3, [o1]);
      // alice registers as a participant with no IP share: the owners are o1 and o2 only.
      await projects.setProject(7, ProjectStatus.Active, [alice.address, o1, o2], [0, 6000, 4000], 0);
      await ip.connect(alice).registerForeground(7, input("probing"));
      expect(await ip.shareOf(2, o1)).to.equal(6000);
      expect(await ip.shareOf(2, o2)).to.equal(4000);
      expect(await ip.balanceOf(o2, 2)).to.equal(4000);
      // Non-owners at home slots 3 (probes 3, 0, then empty 1) and 0 (probes 0, then empty 1).
      expect(await ip.shareOf(2, addressAtSlot(4, 3, [o1, o2]))).to.equal(0);
      expect(await ip.shareOf(2, addressAtSlot(4, 0))).to.equal(0);
      expect(await ip.shareOf(2, alice.address)).to.equal(0);
      expect(await ip.approvalWeight(2, o2)).to.deep.equal([4000n, 0n]);
      const [owners, shares] = await ip.ownersOf(2, 0, 10);
      expect([[...owners], [...shares]]).to.deep.equal([
        [o1, o2],
        [6000n, 4000n],
      ]);
      await checkI1(ip, 2n);
    });

    it("M5: rejects an owner listed twice, next to each other in the table or 199 entries apart", async function () {
      const { ip, projects, alice, bob } = await loadFixture(fixture);
      await expect(
        ip
          .connect(alice)
          .registerBackground(input("twice"), [alice.address, bob.address, alice.address], [1, 2, 9997]),
      )
        .to.be.revertedWithCustomError(ip, "IPRegistryDuplicateOwner")
        .withArgs(alice.address);
      const many = [alice.address, ...addresses(198, 9), alice.address];
      await projects.setProject(8, ProjectStatus.Active, many, equalShares(200), 0);
      await expect(ip.connect(alice).registerForeground(8, input("far apart")))
        .to.be.revertedWithCustomError(ip, "IPRegistryDuplicateOwner")
        .withArgs(alice.address);
      expect(await ip.assetCount()).to.equal(1);
    });

    it("lists the registered co-owners still holding a share in registration order, then buyers; one that sold out and bought back appears once", async function () {
      const { ip, alice, bob, carol, dave } = await loadFixture(fixture);
      const sell = async (seller: typeof alice, bps: number, buyer: typeof alice) => {
        await ip.connect(seller).offerShares(1, bps, buyer.address, 0);
        await time.increase(7 * DAY);
        await ip.connect(buyer).completeShareSale(await ip.saleCount());
      };
      const list = async () => {
        const [owners, shares] = await ip.ownersOf(1, 0, 10);
        return owners.map((o, i) => [o, Number(shares[i])]);
      };
      // Registered: alice 6000, bob 4000. alice sells out to dave (a buyer).
      await sell(alice, 6000, dave);
      expect(await list()).to.deep.equal([
        [bob.address, 4000],
        [dave.address, 6000],
      ]);
      expect(await ip.shareOf(1, alice.address)).to.equal(0);
      // dave sells 1000 back: alice is listed at her registration place again, not as a buyer.
      await sell(dave, 1000, alice);
      expect(await list()).to.deep.equal([
        [alice.address, 1000],
        [bob.address, 4000],
        [dave.address, 5000],
      ]);
      // carol buys 2000 of bob's share, then dave sells out to carol: dave leaves the buyers.
      await sell(bob, 2000, carol);
      await sell(dave, 5000, carol);
      expect(await list()).to.deep.equal([
        [alice.address, 1000],
        [bob.address, 2000],
        [carol.address, 7000],
      ]);
      expect((await ip.ownersOf(1, 1, 1))[0]).to.deep.equal([bob.address]);
      expect((await ip.ownersOf(1, 2, 5))[0]).to.deep.equal([carol.address]);
      expect((await ip.assetOf(1)).shareVersion).to.equal(4);
      await checkI1(ip, 1n);
    });
  });

  describe("views", function () {
    it("pages owners, and reverts for an unknown asset or sale", async function () {
      const { ip, alice, bob } = await loadFixture(fixture);
      const [o1, s1] = await ip.ownersOf(1, 1, 5);
      expect(o1).to.deep.equal([bob.address]);
      expect(s1).to.deep.equal([4000n]);
      const [o2] = await ip.ownersOf(1, 5, 5);
      expect(o2.length).to.equal(0);
      expect(await ip.approvalWeight(1, alice.address)).to.deep.equal([6000n, 0n]);
      expect(await ip.licensingInfo(1)).to.deep.equal([BigInt(AssetStatus.Filed), false]);
      await expect(ip.assetOf(0)).to.be.revertedWithCustomError(ip, "IPRegistryUnknownAsset").withArgs(0);
      await expect(ip.licensingInfo(7))
        .to.be.revertedWithCustomError(ip, "IPRegistryUnknownAsset")
        .withArgs(7);
      await expect(ip.saleOf(1)).to.be.revertedWithCustomError(ip, "IPRegistryUnknownSale").withArgs(1);
    });
  });
});
