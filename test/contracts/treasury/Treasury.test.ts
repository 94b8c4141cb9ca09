import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { INSTRUMENTED } from "../../helpers/coverage";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { Interface } from "ethers";
import type { AccessManager, Treasury } from "../../../typechain-types";

/**
 * Random step sequences per model property: 6 under `npm test`; under `npm run coverage`, where every
 * call runs instrumented and many times slower, the first MODEL_RUNS_COVERAGE of the same seeds
 * (measured: the file covers the same lines and branches of every contract as with all 6).
 */
const MODEL_RUNS_COVERAGE = 2;
const MODEL_RUNS = INSTRUMENTED ? MODEL_RUNS_COVERAGE : 6;

// Role ids, as in contracts/access/Roles.sol.
const ROLE = {
  COUNCIL: 1n,
  SUPERVISOR: 4n,
  MEMBERSHIP_MODULE: 10n,
  PROJECTS_MODULE: 12n,
  LICENSING_MODULE: 14n,
  DISPUTES_MODULE: 15n,
} as const;
type RoleName = keyof typeof ROLE;

// Which role each restricted Treasury function is mapped to (mirrors the deployment).
const FUNCTION_ROLES: Record<string, RoleName> = {
  postBond: "MEMBERSHIP_MODULE",
  releaseBond: "MEMBERSHIP_MODULE",
  spendAllianceFund: "COUNCIL",
  sweepSurplus: "COUNCIL",
  fundProject: "PROJECTS_MODULE",
  payFromProject: "PROJECTS_MODULE",
  refundFromProject: "PROJECTS_MODULE",
  depositGrant: "PROJECTS_MODULE",
  payFromGrant: "PROJECTS_MODULE",
  refundFromGrant: "PROJECTS_MODULE",
  setGrantFrozen: "SUPERVISOR",
  receiveRoyalty: "LICENSING_MODULE",
  payRoyalty: "LICENSING_MODULE",
  postClaimBond: "DISPUTES_MODULE",
  releaseClaimBond: "DISPUTES_MODULE",
  slashToClaim: "DISPUTES_MODULE",
  payClaim: "DISPUTES_MODULE",
  receiveSettlement: "DISPUTES_MODULE",
};

const tag = (s: string): string => ethers.encodeBytes32String(s);
const u = (n: string | number): bigint => ethers.parseUnits(String(n), 6);
const PURPOSE = ethers.id("purpose: standards workshop");
const MAX = ethers.MaxUint256;

async function mapRoles(manager: AccessManager, treasury: Treasury): Promise<void> {
  const target = await treasury.getAddress();
  const byRole = new Map<RoleName, string[]>();
  for (const [fn, role] of Object.entries(FUNCTION_ROLES)) {
    const list = byRole.get(role) ?? [];
    list.push((treasury.interface as Interface).getFunction(fn)!.selector);
    byRole.set(role, list);
  }
  for (const [role, selectors] of byRole) {
    await manager.setTargetFunctionRole(target, selectors, ROLE[role]);
  }
}

async function deployTreasury(manager: AccessManager, tokenAddress: string): Promise<Treasury> {
  const treasury = await ethers.deployContract("Treasury", [await manager.getAddress(), tokenAddress]);
  await mapRoles(manager, treasury);
  return treasury;
}

async function fixture() {
  const [
    admin,
    membership,
    projects,
    licensing,
    disputes,
    council,
    supervisor,
    alice,
    bob,
    carol,
    funder,
    stranger,
  ] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const roleHolders: Record<RoleName, HardhatEthersSigner> = {
    COUNCIL: council,
    SUPERVISOR: supervisor,
    MEMBERSHIP_MODULE: membership,
    PROJECTS_MODULE: projects,
    LICENSING_MODULE: licensing,
    DISPUTES_MODULE: disputes,
  };
  for (const [role, signer] of Object.entries(roleHolders) as [RoleName, HardhatEthersSigner][]) {
    await manager.grantRole(ROLE[role], signer.address, 0);
  }

  const token = await ethers.deployContract("TestToken", ["Test USD", "TUSD", 6]);
  const treasury = await deployTreasury(manager, await token.getAddress());

  const feeToken = await ethers.deployContract("TreasuryFeeToken", [1000]); // 10% fee
  const feeTreasury = await deployTreasury(manager, await feeToken.getAddress());
  const noBoolToken = await ethers.deployContract("TreasuryNoBoolToken");
  const noBoolTreasury = await deployTreasury(manager, await noBoolToken.getAddress());
  const falseToken = await ethers.deployContract("TreasuryFalseToken");
  const falseTreasury = await deployTreasury(manager, await falseToken.getAddress());
  const blacklistToken = await ethers.deployContract("TreasuryBlacklistToken");
  const blacklistTreasury = await deployTreasury(manager, await blacklistToken.getAddress());
  const hookToken = await ethers.deployContract("TreasuryHookToken");
  const hookTreasury = await deployTreasury(manager, await hookToken.getAddress());
  await hookToken.setTreasury(await hookTreasury.getAddress());

  for (const who of [alice, bob, carol, funder, stranger]) {
    await token.mint(who.address, u(1_000_000));
    await token.connect(who).approve(await treasury.getAddress(), MAX);
    await feeToken.mint(who.address, u(1_000_000));
    await feeToken.connect(who).approve(await feeTreasury.getAddress(), MAX);
    await noBoolToken.mint(who.address, u(1_000_000));
    await noBoolToken.connect(who).approve(await noBoolTreasury.getAddress(), MAX);
    await falseToken.mint(who.address, u(1_000_000));
    await falseToken.connect(who).approve(await falseTreasury.getAddress(), MAX);
    await blacklistToken.mint(who.address, u(1_000_000));
    await blacklistToken.connect(who).approve(await blacklistTreasury.getAddress(), MAX);
    await hookToken.mint(who.address, u(1_000_000));
    await hookToken.connect(who).approve(await hookTreasury.getAddress(), MAX);
  }

  return {
    manager,
    token,
    treasury,
    feeToken,
    feeTreasury,
    noBoolToken,
    noBoolTreasury,
    falseToken,
    falseTreasury,
    blacklistToken,
    blacklistTreasury,
    hookToken,
    hookTreasury,
    roleHolders,
    admin,
    membership,
    projects,
    licensing,
    disputes,
    council,
    supervisor,
    alice,
    bob,
    carol,
    funder,
    stranger,
  };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

/**
 * Credits `amount` to the alliance fund the way money reaches it outside any ledger: a plain
 * transfer from alice, then the council's `sweepSurplus`. What arrives is credited (a fee token
 * credits less).
 */
async function seedAllianceFund(f: Fixture, amount: bigint, treasury: Treasury = f.treasury): Promise<void> {
  const token = treasury === f.feeTreasury ? f.feeToken : f.token;
  await token.connect(f.alice).transfer(await treasury.getAddress(), amount);
  await treasury.connect(f.council).sweepSurplus();
}
/** The fixture's signers that call the Treasury in the tests below. */
type Caller = "membership" | "projects" | "licensing" | "disputes" | "council" | "supervisor";
type Send = (t: Treasury) => Promise<unknown>;

/** `it(title)`: `call`, sent by `caller` (no role for it), reverts with AccessManagedUnauthorized(caller) (A1). */
function itRejectsCaller(
  title: string,
  caller: Caller,
  call: (t: Treasury, f: Fixture) => Promise<unknown>,
): void {
  it(title, async function () {
    const f = await loadFixture(fixture);
    const who = f[caller];
    await expect(call(f.treasury.connect(who), f))
      .to.be.revertedWithCustomError(f.treasury, "AccessManagedUnauthorized")
      .withArgs(who.address);
  });
}

/**
 * `it(title)`: after `setup`, each call (sent by `caller`) reverts with its Treasury custom error
 * (with the given arguments, if any), and the vault stays solvent.
 */
function itRevertsEach(
  title: string,
  caller: Caller,
  calls: (f: Fixture, self: string) => [Send, string, ...unknown[]][],
  setup?: (t: Treasury, f: Fixture) => Promise<unknown>,
): void {
  it(title, async function () {
    const f = await loadFixture(fixture);
    const t = f.treasury.connect(f[caller]);
    if (setup) await setup(t, f);
    for (const [send, error, ...args] of calls(f, await f.treasury.getAddress())) {
      const reverted = expect(send(t)).to.be.revertedWithCustomError(f.treasury, error);
      await (args.length > 0 ? reverted.withArgs(...args) : reverted);
    }
    await expectSolvent(f.treasury);
  });
}

/**
 * `it(title)`: after `setup`, `pay` (sent by `caller`) reverts on a zero amount, a zero payee and the
 * Treasury itself as payee (TreasuryInvalidRecipient(self)), and the vault stays solvent.
 */
function itRejectsBadPayee(
  title: string,
  caller: Caller,
  setup: (t: Treasury, f: Fixture) => Promise<unknown>,
  pay: (t: Treasury, to: string, amount: bigint) => Promise<unknown>,
): void {
  itRevertsEach(
    title,
    caller,
    ({ alice }, self) => [
      [(t) => pay(t, alice.address, 0n), "TreasuryZeroAmount"],
      [(t) => pay(t, ethers.ZeroAddress, 1n), "TreasuryZeroAddress"],
      [(t) => pay(t, self, 1n), "TreasuryInvalidRecipient", self],
    ],
    setup,
  );
}

/** A Treasury function call that moves tokens between one counterparty and the vault. */
interface TokenMove {
  /** Treasury function name and its arguments. */
  fn: string;
  args: (f: Fixture) => unknown[];
  /** What the function returns, checked through staticCall before the call (when given). */
  returns?: unknown;
  /** The event the call emits, with its arguments (default: the call's arguments). */
  event: string;
  eventArgs?: (f: Fixture) => unknown[];
  /** The counterparty and its token balance change; the vault's change is the opposite. */
  moves: (f: Fixture) => [HardhatEthersSigner, bigint];
  setup?: (t: Treasury, f: Fixture) => Promise<unknown>;
  /** The ledger checks after the call. */
  then: (t: Treasury, f: Fixture) => Promise<unknown>;
}

/**
 * The body of an `it`: after `setup`, the call (sent by `caller`) returns what it says, emits its event,
 * moves the tokens between the counterparty and the vault, passes the ledger checks, and the vault
 * stays solvent.
 */
function movesTokens(caller: Caller, m: TokenMove): () => Promise<void> {
  return async function () {
    const f = await loadFixture(fixture);
    const t = f.treasury.connect(f[caller]);
    if (m.setup) await m.setup(t, f);
    const method = t.getFunction(m.fn);
    if (m.returns !== undefined) expect(await method.staticCall(...m.args(f))).to.deep.equal(m.returns);
    const tx = method(...m.args(f));
    await expect(tx)
      .to.emit(f.treasury, m.event)
      .withArgs(...(m.eventArgs ?? m.args)(f));
    const [who, delta] = m.moves(f);
    await expect(tx).to.changeTokenBalances(f.token, [who, f.treasury], [delta, -delta]);
    await m.then(t, f);
    await expectSolvent(f.treasury);
  };
}

/**
 * The body of an `it`: after `setup`, `call` (sent by `caller`) asks `asked` of a `ledger` holding `has`
 * and reverts with TreasuryInsufficientLedger(ledger, has, asked); each `kept` view still reads its
 * value (no other account is drawn on), and the vault stays solvent.
 */
function revertsShort(
  caller: Caller,
  short: { ledger: string; has: bigint; asked: bigint },
  setup: (t: Treasury, f: Fixture) => Promise<unknown>,
  call: (t: Treasury, f: Fixture, asked: bigint) => Promise<unknown>,
  kept: [(t: Treasury) => Promise<bigint>, bigint][] = [],
): () => Promise<void> {
  return async function () {
    const f = await loadFixture(fixture);
    const t = f.treasury.connect(f[caller]);
    await setup(t, f);
    await expect(call(t, f, short.asked))
      .to.be.revertedWithCustomError(f.treasury, "TreasuryInsufficientLedger")
      .withArgs(tag(short.ledger), short.has, short.asked);
    for (const [view, value] of kept) expect(await view(f.treasury)).to.equal(value);
    await expectSolvent(f.treasury);
  };
}

/**
 * I2 (and I3, I7): the token balance covers `totalLiabilities()`, which equals the sum of every
 * sub-ledger; each category total equals the sum of the entries this test touched (found from the
 * Treasury's own events); each project/grant/royalty account balances (I3); each bond account
 * balances (I7: held == posted - slashed - released).
 */
async function expectSolvent(treasury: Treasury): Promise<void> {
  const address = await treasury.getAddress();
  const token = await ethers.getContractAt("IERC20", await treasury.token());
  const logs = await ethers.provider.getLogs({ address, fromBlock: 0 });
  const members = new Set<string>();
  const projectIds = new Set<bigint>();
  const grantIds = new Set<bigint>();
  const assetIds = new Set<bigint>();
  // The vault keeps only the claim money's total (each claim's bond is the disputes module's record):
  // what was posted, plus the rulings' slashes held, less what was released or paid, from the events.
  let claimBondsHeld = 0n;
  const accounts = new Set<string>();
  const addAccount = (a: string): void => {
    if (a !== address) accounts.add(a);
  };
  for (const log of logs) {
    const ev = treasury.interface.parseLog(log);
    if (!ev) continue;
    const a = ev.args;
    switch (ev.name) {
      case "BondPosted":
        members.add(a.member);
        break;
      case "BondReleased":
        members.add(a.member);
        addAccount(a.to);
        break;
      case "BondSlashed": {
        members.add(a.member);
        addAccount(a.to);
        // A ruling's slash (`slashToClaim`, the only slash) is held with the claim money for its
        // payee, unless it went to the alliance fund.
        if (a.to !== address) claimBondsHeld += a.amount;
        break;
      }
      case "ClaimPaid":
        claimBondsHeld -= a.amount;
        break;
      case "AllianceFundSpent":
        addAccount(a.to);
        break;
      case "ProjectFunded":
      case "ProjectPaid":
        projectIds.add(a.projectId);
        break;
      case "ProjectRefunded":
        projectIds.add(a.projectId);
        addAccount(a.to);
        break;
      case "GrantDeposited":
      case "GrantPaid":
        grantIds.add(a.projectId);
        break;
      case "GrantRefunded":
        grantIds.add(a.projectId);
        addAccount(a.to);
        break;
      case "RoyaltyReceived":
      case "RoyaltyPaid":
        assetIds.add(a.assetId);
        break;
      case "ClaimBondPosted":
        claimBondsHeld += a.amount;
        break;
      case "ClaimBondReleased":
        claimBondsHeld -= a.amount;
        addAccount(a.to);
        break;
      case "SettlementReceived":
        addAccount(a.beneficiary);
        break;
      case "Withdrawn":
        addAccount(a.account);
        break;
    }
  }

  let bonds = 0n;
  for (const m of members) {
    const acc = await treasury.bondAccountOf(m);
    expect(acc.held, `I7 bond of ${m}`).to.equal(acc.posted - acc.slashed - acc.released);
    expect(await treasury.bondOf(m)).to.equal(acc.held);
    bonds += acc.held;
  }
  let projectsSum = 0n;
  for (const id of projectIds) {
    const acc = await treasury.projectAccountOf(id);
    expect(acc.balance, `I3 project ${id}`).to.equal(acc.credited - acc.paid - acc.refunded);
    projectsSum += acc.balance;
  }
  let grants = 0n;
  for (const id of grantIds) {
    const acc = await treasury.grantAccountOf(id);
    expect(acc.balance, `grant ${id}`).to.equal(acc.credited - acc.paid - acc.refunded);
    expect(acc.paid, `I9 grant ${id}`).to.be.lte(acc.credited);
    grants += acc.balance;
  }
  let royalties = 0n;
  for (const id of assetIds) {
    const acc = await treasury.royaltyAccountOf(id);
    expect(acc.balance, `royalty ${id}`).to.equal(acc.credited - acc.paid);
    expect(acc.refunded).to.equal(0n);
    royalties += acc.balance;
  }
  const claims = claimBondsHeld;
  let withdrawable = 0n;
  for (const a of accounts) withdrawable += await treasury.withdrawableOf(a);

  expect(await treasury.totalBonds(), "bonds").to.equal(bonds);
  expect(await treasury.totalProjectBalances(), "projects").to.equal(projectsSum);
  expect(await treasury.totalGrantBalances(), "grants").to.equal(grants);
  expect(await treasury.totalRoyaltyPools(), "royalties").to.equal(royalties);
  expect(await treasury.totalClaimBonds(), "claim bonds").to.equal(claims);
  expect(await treasury.totalWithdrawable(), "withdrawable").to.equal(withdrawable);
  const liabilities = await treasury.totalLiabilities();
  const fund = await treasury.allianceFund();
  expect(liabilities, "I2 sum").to.equal(
    fund + bonds + projectsSum + grants + royalties + claims + withdrawable,
  );
  expect(await token.balanceOf(address), "I2 solvency").to.be.gte(liabilities);
}

/** Captures every ledger view of the main test entries, to prove a call left them unchanged. */
async function snapshotLedgers(
  treasury: Treasury,
  members: string[],
  ids: bigint[],
  accounts: string[],
): Promise<bigint[]> {
  const out: bigint[] = [
    await treasury.allianceFund(),
    await treasury.totalLiabilities(),
    await treasury.totalClaimBonds(),
  ];
  for (const m of members) out.push(await treasury.bondOf(m));
  for (const id of ids) {
    out.push(await treasury.projectBalance(id));
    out.push(await treasury.grantBalance(id));
    out.push(await treasury.royaltyPool(id));
  }
  for (const a of accounts) out.push(await treasury.withdrawableOf(a));
  return out;
}

describe("Treasury", function () {
  describe("constructor", function () {
    it("reverts when the authority is the zero address", async function () {
      const { token, treasury } = await loadFixture(fixture);
      const factory = await ethers.getContractFactory("Treasury");
      await expect(
        factory.deploy(ethers.ZeroAddress, await token.getAddress()),
      ).to.be.revertedWithCustomError(treasury, "TreasuryZeroAddress");
    });

    it("reverts when the token is the zero address", async function () {
      const { manager, treasury } = await loadFixture(fixture);
      const factory = await ethers.getContractFactory("Treasury");
      await expect(
        factory.deploy(await manager.getAddress(), ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(treasury, "TreasuryZeroAddress");
    });

    it("records the token and the authority, with every ledger empty", async function () {
      const { manager, token, treasury } = await loadFixture(fixture);
      expect(await treasury.token()).to.equal(await token.getAddress());
      expect(await treasury.authority()).to.equal(await manager.getAddress());
      expect(await treasury.totalLiabilities()).to.equal(0n);
      expect(await treasury.allianceFund()).to.equal(0n);
      await expectSolvent(treasury);
    });
  });

  describe("authority", function () {
    it("is fixed for the vault's life: setAuthority reverts, also through AccessManager.updateAuthority", async function () {
      const { manager, treasury, admin, stranger } = await loadFixture(fixture);
      const m = await manager.getAddress();
      const other = await ethers.deployContract("AccessManager", [admin.address]);
      await expect(treasury.connect(stranger).setAuthority(await other.getAddress()))
        .to.be.revertedWithCustomError(treasury, "TreasuryAuthorityFixed")
        .withArgs(m);
      await expect(
        manager.connect(admin).updateAuthority(await treasury.getAddress(), await other.getAddress()),
      )
        .to.be.revertedWithCustomError(treasury, "TreasuryAuthorityFixed")
        .withArgs(m);
      expect(await treasury.authority()).to.equal(m);
    });
  });

  describe("access control (A1)", function () {
    it("rejects every restricted function from a stranger and from every other role", async function () {
      const f = await loadFixture(fixture);
      const { treasury, alice, stranger } = f;
      const args: Record<string, unknown[]> = {
        postBond: [alice.address, alice.address, 1n],
        releaseBond: [alice.address, alice.address],
        spendAllianceFund: [alice.address, 1n, PURPOSE],
        sweepSurplus: [],
        fundProject: [1n, alice.address, 1n],
        payFromProject: [1n, alice.address, 1n],
        refundFromProject: [1n, alice.address, 1n],
        depositGrant: [1n, alice.address, 1n],
        payFromGrant: [1n, alice.address, 1n],
        refundFromGrant: [1n, alice.address, 1n],
        setGrantFrozen: [1n, true],
        receiveRoyalty: [1n, alice.address, 1n, 0],
        payRoyalty: [1n, alice.address, 1n],
        postClaimBond: [1n, alice.address, 1n],
        releaseClaimBond: [1n, alice.address, 1n],
        slashToClaim: [1n, alice.address, 1n, alice.address],
        payClaim: [1n, alice.address, 1n],
        receiveSettlement: [1n, alice.address, alice.address, 1n],
      };
      for (const [fn, role] of Object.entries(FUNCTION_ROLES)) {
        const callers = [
          stranger,
          alice,
          ...Object.entries(f.roleHolders)
            .filter(([r]) => r !== role)
            .map(([, s]) => s),
        ];
        for (const caller of callers) {
          const data = (treasury.interface as Interface).encodeFunctionData(fn, args[fn]);
          await expect(
            caller.sendTransaction({ to: await treasury.getAddress(), data }),
            `${fn} by ${caller.address}`,
          )
            .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
            .withArgs(caller.address);
        }
      }
      await expectSolvent(treasury);
    });

    it("lets neither the council nor the supervisor move project, grant, bond or royalty money to itself", async function () {
      const { treasury, membership, projects, licensing, council, supervisor, alice } =
        await loadFixture(fixture);
      await treasury.connect(membership).postBond(alice.address, alice.address, u(100));
      await treasury.connect(projects).fundProject(1n, alice.address, u(100));
      await treasury.connect(projects).depositGrant(1n, alice.address, u(100));
      await treasury.connect(licensing).receiveRoyalty(1n, alice.address, u(100), 0);
      for (const who of [council, supervisor]) {
        for (const [fn, args] of [
          ["payFromProject", [1n, who.address, u(1)]],
          ["refundFromProject", [1n, who.address, u(1)]],
          ["payFromGrant", [1n, who.address, u(1)]],
          ["refundFromGrant", [1n, who.address, u(1)]],
          ["payRoyalty", [1n, who.address, u(1)]],
          ["releaseBond", [alice.address, who.address]],
          ["slashToClaim", [1n, alice.address, u(1), who.address]],
        ] as [string, unknown[]][]) {
          const data = (treasury.interface as Interface).encodeFunctionData(fn, args);
          await expect(who.sendTransaction({ to: await treasury.getAddress(), data }))
            .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
            .withArgs(who.address);
        }
      }
      await expectSolvent(treasury);
    });
  });

  describe("postBond", function () {
    it(
      "pulls the bond from the payer onto the member's bond, emits BondPosted and returns what arrived",
      movesTokens("membership", {
        fn: "postBond",
        args: ({ alice, bob }) => [alice.address, bob.address, u(500)],
        returns: u(500),
        event: "BondPosted",
        moves: ({ bob }) => [bob, -u(500)],
        then: async (t, { alice }) => {
          expect(await t.bondOf(alice.address)).to.equal(u(500));
          expect(await t.bondAccountOf(alice.address)).to.deep.equal([u(500), u(500), 0n, 0n]);
        },
      }),
    );

    it("adds a second post to the same bond", async function () {
      const { treasury, membership, alice } = await loadFixture(fixture);
      await treasury.connect(membership).postBond(alice.address, alice.address, u(500));
      await expectSolvent(treasury);
      await treasury.connect(membership).postBond(alice.address, alice.address, u(250));
      expect(await treasury.bondOf(alice.address)).to.equal(u(750));
      await expectSolvent(treasury);
    });

    itRevertsEach("reverts when the member, the payer or the amount is zero", "membership", ({ alice }) => [
      [(t) => t.postBond(ethers.ZeroAddress, alice.address, 1n), "TreasuryZeroAddress"],
      [(t) => t.postBond(alice.address, ethers.ZeroAddress, 1n), "TreasuryZeroAddress"],
      [(t) => t.postBond(alice.address, alice.address, 0n), "TreasuryZeroAmount"],
    ]);

    it("reverts when the payer has not approved the Treasury", async function () {
      const { token, treasury, membership, alice, admin } = await loadFixture(fixture);
      await token.mint(admin.address, u(10));
      await expect(treasury.connect(membership).postBond(alice.address, admin.address, u(10)))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(await treasury.getAddress(), 0n, u(10));
      await expectSolvent(treasury);
    });

    it("reverts when an amount passes the uint128 ledger bound, changing nothing", async function () {
      const { token, treasury, membership, alice } = await loadFixture(fixture);
      const huge = 2n ** 128n;
      await token.mint(alice.address, huge);
      await expect(treasury.connect(membership).postBond(alice.address, alice.address, huge))
        .to.be.revertedWithCustomError(treasury, "SafeCastOverflowedUintDowncast")
        .withArgs(128, huge);
      expect(await treasury.bondOf(alice.address)).to.equal(0n);
      await expectSolvent(treasury);
    });

    itRejectsCaller("reverts when the caller is not the membership module", "projects", (t, { alice }) =>
      t.postBond(alice.address, alice.address, 1n),
    );
  });

  describe("releaseBond", function () {
    it("moves the whole bond to the recipient's withdrawable balance and emits BondReleased", async function () {
      const { treasury, membership, alice, bob } = await loadFixture(fixture);
      await treasury.connect(membership).postBond(alice.address, alice.address, u(500));
      expect(await treasury.connect(membership).releaseBond.staticCall(alice.address, bob.address)).to.equal(
        u(500),
      );
      await expect(treasury.connect(membership).releaseBond(alice.address, bob.address))
        .to.emit(treasury, "BondReleased")
        .withArgs(alice.address, bob.address, u(500));
      expect(await treasury.bondOf(alice.address)).to.equal(0n);
      expect(await treasury.withdrawableOf(bob.address)).to.equal(u(500));
      expect(await treasury.bondAccountOf(alice.address)).to.deep.equal([0n, u(500), 0n, u(500)]);
      await expectSolvent(treasury);
    });

    it("returns 0 and changes nothing when the member holds no bond", async function () {
      const { treasury, membership, alice } = await loadFixture(fixture);
      expect(
        await treasury.connect(membership).releaseBond.staticCall(alice.address, alice.address),
      ).to.equal(0n);
      await expect(treasury.connect(membership).releaseBond(alice.address, alice.address)).not.to.emit(
        treasury,
        "BondReleased",
      );
      expect(await treasury.withdrawableOf(alice.address)).to.equal(0n);
      await expectSolvent(treasury);
    });

    it("reverts when the member or the recipient is zero, or the recipient is the Treasury", async function () {
      const { treasury, membership, alice } = await loadFixture(fixture);
      await treasury.connect(membership).postBond(alice.address, alice.address, u(5));
      await expect(
        treasury.connect(membership).releaseBond(ethers.ZeroAddress, alice.address),
      ).to.be.revertedWithCustomError(treasury, "TreasuryZeroAddress");
      await expect(
        treasury.connect(membership).releaseBond(alice.address, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(treasury, "TreasuryZeroAddress");
      const self = await treasury.getAddress();
      await expect(treasury.connect(membership).releaseBond(alice.address, self))
        .to.be.revertedWithCustomError(treasury, "TreasuryInvalidRecipient")
        .withArgs(self);
      expect(await treasury.bondOf(alice.address)).to.equal(u(5));
      await expectSolvent(treasury);
    });

    itRejectsCaller("reverts when the caller is not the membership module", "disputes", (t, { alice }) =>
      t.releaseBond(alice.address, alice.address),
    );
  });

  describe("spendAllianceFund", function () {
    it("moves fund money to the payee's withdrawable balance and emits AllianceFundSpent", async function () {
      const f = await loadFixture(fixture);
      const { treasury, council, bob } = f;
      await seedAllianceFund(f, u(100));
      await expect(treasury.connect(council).spendAllianceFund(bob.address, u(40), PURPOSE))
        .to.emit(treasury, "AllianceFundSpent")
        .withArgs(bob.address, u(40), PURPOSE);
      expect(await treasury.allianceFund()).to.equal(u(60));
      expect(await treasury.withdrawableOf(bob.address)).to.equal(u(40));
      await expectSolvent(treasury);
    });

    it(
      "reverts with the allianceFund ledger when the fund is short",
      revertsShort(
        "council",
        { ledger: "allianceFund", has: u(100), asked: u(100) + 1n },
        (_t, f) => seedAllianceFund(f, u(100)),
        (t, { bob }, asked) => t.spendAllianceFund(bob.address, asked, PURPOSE),
      ),
    );

    itRejectsBadPayee(
      "reverts on a zero amount, a zero payee or the Treasury as payee",
      "council",
      (_t, f) => seedAllianceFund(f, u(100)),
      (t, to, amount) => t.spendAllianceFund(to, amount, PURPOSE),
    );

    itRejectsCaller("reverts when the caller is not the council", "membership", (t, { alice }) =>
      t.spendAllianceFund(alice.address, 1n, PURPOSE),
    );
  });

  describe("sweepSurplus", function () {
    it("credits tokens sent outside any ledger to the alliance fund and emits SurplusSwept", async function () {
      const f = await loadFixture(fixture);
      const { token, treasury, council, alice } = f;
      await seedAllianceFund(f, u(10));
      await token.connect(alice).transfer(await treasury.getAddress(), u(7));
      await expectSolvent(treasury);
      expect(await treasury.connect(council).sweepSurplus.staticCall()).to.equal(u(7));
      await expect(treasury.connect(council).sweepSurplus()).to.emit(treasury, "SurplusSwept").withArgs(u(7));
      expect(await treasury.allianceFund()).to.equal(u(17));
      expect(await treasury.totalLiabilities()).to.equal(await token.balanceOf(await treasury.getAddress()));
      await expectSolvent(treasury);
    });

    it("reverts when there is no surplus", async function () {
      const { treasury, council } = await loadFixture(fixture);
      await expect(treasury.connect(council).sweepSurplus()).to.be.revertedWithCustomError(
        treasury,
        "TreasuryNoSurplus",
      );
    });

    itRejectsCaller("reverts when the caller is not the council", "supervisor", (t) => t.sweepSurplus());
  });

  describe("fundProject", function () {
    it("lets exactly the role the AccessManager maps to it call: re-mapped to another role, the projects module loses it (A1, one place for roles)", async function () {
      const { manager, treasury, projects, council, admin, alice } = await loadFixture(fixture);
      const selector = treasury.interface.getFunction("fundProject").selector;
      await manager
        .connect(admin)
        .setTargetFunctionRole(await treasury.getAddress(), [selector], ROLE.COUNCIL);
      await expect(treasury.connect(council).fundProject(7n, alice.address, u(10)))
        .to.emit(treasury, "ProjectFunded")
        .withArgs(7n, alice.address, u(10));
      // No role is bound to the function in code: the module's PROJECTS_MODULE no longer opens it.
      await expect(treasury.connect(projects).fundProject(7n, alice.address, u(10)))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(projects.address);
      expect(await treasury.projectBalance(7n)).to.equal(u(10));
      await expectSolvent(treasury);
    });

    it("refuses the projects module once the AccessManager revokes its role, or while its role carries an execution delay and the call was not scheduled (A1)", async function () {
      const { manager, treasury, projects, licensing, admin, alice } = await loadFixture(fixture);
      await manager.connect(admin).revokeRole(ROLE.PROJECTS_MODULE, projects.address);
      await expect(treasury.connect(projects).fundProject(7n, alice.address, u(10)))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(projects.address);
      await manager.connect(admin).grantRole(ROLE.PROJECTS_MODULE, projects.address, 3600);
      await expect(
        treasury.connect(projects).fundProject(7n, alice.address, u(10)),
      ).to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled");
      // Another module's role is no key to it.
      await expect(treasury.connect(licensing).fundProject(7n, alice.address, u(10)))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(licensing.address);
      expect(await treasury.projectBalance(7n)).to.equal(0n);
      await expectSolvent(treasury);
    });

    it("stops contributions while the AccessManager holds the Treasury closed, and takes them again once it reopens (the emergency brake)", async function () {
      const { manager, treasury, projects, admin, alice, bob } = await loadFixture(fixture);
      await treasury.connect(projects).fundProject(7n, alice.address, u(100));
      await manager.connect(admin).setTargetClosed(await treasury.getAddress(), true);
      await expect(treasury.connect(projects).payFromProject(7n, bob.address, u(1)))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(projects.address);
      await expect(treasury.connect(projects).fundProject(7n, alice.address, u(10)))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(projects.address);
      expect(await treasury.projectBalance(7n)).to.equal(u(100));
      await manager.connect(admin).setTargetClosed(await treasury.getAddress(), false);
      await expect(treasury.connect(projects).fundProject(7n, alice.address, u(10)))
        .to.emit(treasury, "ProjectFunded")
        .withArgs(7n, alice.address, u(10));
      await expectSolvent(treasury);
    });

    it(
      "pulls a contribution into the project account, emits ProjectFunded and returns what arrived",
      movesTokens("projects", {
        fn: "fundProject",
        args: ({ alice }) => [7n, alice.address, u(300)],
        returns: u(300),
        event: "ProjectFunded",
        moves: ({ alice }) => [alice, -u(300)],
        then: async (t) => {
          expect(await t.projectBalance(7n)).to.equal(u(300));
          expect(await t.projectAccountOf(7n)).to.deep.equal([u(300), u(300), 0n, 0n]);
        },
      }),
    );

    itRevertsEach("reverts when the contributor or the amount is zero", "projects", ({ alice }) => [
      [(t) => t.fundProject(1n, ethers.ZeroAddress, 1n), "TreasuryZeroAddress"],
      [(t) => t.fundProject(1n, alice.address, 0n), "TreasuryZeroAmount"],
    ]);

    itRejectsCaller("reverts when the caller is not the projects module", "licensing", (t, { alice }) =>
      t.fundProject(1n, alice.address, 1n),
    );
  });

  describe("payFromProject", function () {
    it(
      "pays the payee directly from the project account and emits ProjectPaid (I3)",
      movesTokens("projects", {
        setup: (t, { alice }) => t.fundProject(1n, alice.address, u(300)),
        fn: "payFromProject",
        args: ({ carol }) => [1n, carol.address, u(120)],
        event: "ProjectPaid",
        moves: ({ carol }) => [carol, u(120)],
        then: async (t) => expect(await t.projectAccountOf(1n)).to.deep.equal([u(180), u(300), u(120), 0n]),
      }),
    );

    it(
      "reverts with the project ledger when the account is short, and never draws on another project",
      revertsShort(
        "projects",
        { ledger: "project", has: u(100), asked: u(101) },
        async (t, { alice }) => {
          await t.fundProject(1n, alice.address, u(100));
          await t.fundProject(2n, alice.address, u(900));
        },
        (t, { carol }, asked) => t.payFromProject(1n, carol.address, asked),
        [[(t) => t.projectBalance(2n), u(900)]],
      ),
    );

    itRejectsBadPayee(
      "reverts on a zero amount, a zero payee or the Treasury as payee",
      "projects",
      (t, { alice }) => t.fundProject(1n, alice.address, u(100)),
      (t, to, amount) => t.payFromProject(1n, to, amount),
    );

    itRejectsCaller("reverts when the caller is not the projects module", "council", (t, { alice }) =>
      t.payFromProject(1n, alice.address, 1n),
    );
  });

  describe("refundFromProject", function () {
    it("moves unspent project money to the participant's withdrawable balance and emits ProjectRefunded (I3)", async function () {
      const { treasury, projects, alice, bob } = await loadFixture(fixture);
      await treasury.connect(projects).fundProject(1n, alice.address, u(70));
      await treasury.connect(projects).fundProject(1n, bob.address, u(30));
      await treasury.connect(projects).payFromProject(1n, bob.address, u(33));
      await expect(treasury.connect(projects).refundFromProject(1n, alice.address, u(47)))
        .to.emit(treasury, "ProjectRefunded")
        .withArgs(1n, alice.address, u(47));
      await treasury.connect(projects).refundFromProject(1n, bob.address, u(20));
      expect(await treasury.withdrawableOf(alice.address)).to.equal(u(47));
      expect(await treasury.projectAccountOf(1n)).to.deep.equal([0n, u(100), u(33), u(67)]);
      await expectSolvent(treasury);
    });

    it(
      "reverts with the project ledger when the account is short",
      revertsShort(
        "projects",
        { ledger: "project", has: u(10), asked: u(11) },
        (t, { alice }) => t.fundProject(1n, alice.address, u(10)),
        (t, { alice }, asked) => t.refundFromProject(1n, alice.address, asked),
      ),
    );

    itRejectsBadPayee(
      "reverts on a zero amount, a zero recipient or the Treasury as recipient",
      "projects",
      (t, { alice }) => t.fundProject(1n, alice.address, u(10)),
      (t, to, amount) => t.refundFromProject(1n, to, amount),
    );

    itRejectsCaller("reverts when the caller is not the projects module", "supervisor", (t, { alice }) =>
      t.refundFromProject(1n, alice.address, 1n),
    );
  });

  describe("depositGrant", function () {
    it(
      "pulls a government grant into the project's grant account and emits GrantDeposited",
      movesTokens("projects", {
        fn: "depositGrant",
        args: ({ funder }) => [1n, funder.address, u(300)],
        returns: u(300),
        event: "GrantDeposited",
        moves: ({ funder }) => [funder, -u(300)],
        then: async (t) => {
          expect(await t.grantBalance(1n)).to.equal(u(300));
          expect(await t.projectBalance(1n)).to.equal(0n);
        },
      }),
    );

    itRevertsEach("reverts when the funder or the amount is zero", "projects", ({ funder }) => [
      [(t) => t.depositGrant(1n, ethers.ZeroAddress, 1n), "TreasuryZeroAddress"],
      [(t) => t.depositGrant(1n, funder.address, 0n), "TreasuryZeroAmount"],
    ]);

    itRejectsCaller("reverts when the caller is not the projects module", "supervisor", (t, { funder }) =>
      t.depositGrant(1n, funder.address, 1n),
    );
  });

  describe("payFromGrant", function () {
    it(
      "pays the payee directly from the grant account and emits GrantPaid (I9)",
      movesTokens("projects", {
        setup: (t, { funder }) => t.depositGrant(1n, funder.address, u(300)),
        fn: "payFromGrant",
        args: ({ carol }) => [1n, carol.address, u(100)],
        event: "GrantPaid",
        moves: ({ carol }) => [carol, u(100)],
        then: async (t) => expect(await t.grantAccountOf(1n)).to.deep.equal([u(200), u(300), u(100), 0n]),
      }),
    );

    it(
      "reverts with the grant ledger when the grant is short, and never draws on the project account",
      revertsShort(
        "projects",
        { ledger: "grant", has: u(30), asked: u(31) },
        async (t, { alice, funder }) => {
          await t.depositGrant(1n, funder.address, u(30));
          await t.fundProject(1n, alice.address, u(70));
        },
        (t, { carol }, asked) => t.payFromGrant(1n, carol.address, asked),
        [[(t) => t.projectBalance(1n), u(70)]],
      ),
    );

    it("reverts while the supervisor holds the grant account frozen", async function () {
      const { treasury, projects, supervisor, funder, carol } = await loadFixture(fixture);
      await treasury.connect(projects).depositGrant(1n, funder.address, u(30));
      await treasury.connect(supervisor).setGrantFrozen(1n, true);
      await expect(treasury.connect(projects).payFromGrant(1n, carol.address, u(1)))
        .to.be.revertedWithCustomError(treasury, "TreasuryGrantFrozen")
        .withArgs(1n);
      await treasury.connect(supervisor).setGrantFrozen(1n, false);
      await treasury.connect(projects).payFromGrant(1n, carol.address, u(1));
      await expectSolvent(treasury);
    });

    itRejectsBadPayee(
      "reverts on a zero amount, a zero payee or the Treasury as payee",
      "projects",
      (t, { funder }) => t.depositGrant(1n, funder.address, u(30)),
      (t, to, amount) => t.payFromGrant(1n, to, amount),
    );

    itRejectsCaller(
      "reverts when the caller is not the projects module (the supervisor cannot pay grant money)",
      "supervisor",
      (t, { supervisor }) => t.payFromGrant(1n, supervisor.address, 1n),
    );
  });

  describe("refundFromGrant", function () {
    it("returns unspent grant money to the funder's withdrawable balance, also while frozen", async function () {
      const { treasury, projects, supervisor, funder, carol } = await loadFixture(fixture);
      await treasury.connect(projects).depositGrant(1n, funder.address, u(30));
      await treasury.connect(projects).payFromGrant(1n, carol.address, u(10));
      await treasury.connect(supervisor).setGrantFrozen(1n, true);
      await expect(treasury.connect(projects).refundFromGrant(1n, funder.address, u(20)))
        .to.emit(treasury, "GrantRefunded")
        .withArgs(1n, funder.address, u(20));
      expect(await treasury.withdrawableOf(funder.address)).to.equal(u(20));
      expect(await treasury.grantAccountOf(1n)).to.deep.equal([0n, u(30), u(10), u(20)]);
      await expectSolvent(treasury);
    });

    it(
      "reverts with the grant ledger when the grant is short",
      revertsShort(
        "projects",
        { ledger: "grant", has: u(30), asked: u(31) },
        (t, { funder }) => t.depositGrant(1n, funder.address, u(30)),
        (t, { funder }, asked) => t.refundFromGrant(1n, funder.address, asked),
      ),
    );

    itRejectsBadPayee(
      "reverts on a zero amount, a zero recipient or the Treasury as recipient",
      "projects",
      (t, { funder }) => t.depositGrant(1n, funder.address, u(30)),
      (t, to, amount) => t.refundFromGrant(1n, to, amount),
    );

    itRejectsCaller("reverts when the caller is not the projects module", "council", (t, { funder }) =>
      t.refundFromGrant(1n, funder.address, 1n),
    );
  });

  describe("setGrantFrozen", function () {
    it("freezes and unfreezes a grant account and emits GrantFreezeSet", async function () {
      const { treasury, supervisor } = await loadFixture(fixture);
      await expect(treasury.connect(supervisor).setGrantFrozen(3n, true))
        .to.emit(treasury, "GrantFreezeSet")
        .withArgs(3n, true);
      expect(await treasury.isGrantFrozen(3n)).to.equal(true);
      expect(await treasury.isGrantFrozen(4n)).to.equal(false);
      await expect(treasury.connect(supervisor).setGrantFrozen(3n, false))
        .to.emit(treasury, "GrantFreezeSet")
        .withArgs(3n, false);
      expect(await treasury.isGrantFrozen(3n)).to.equal(false);
    });

    it("reverts when the account is already in the requested state", async function () {
      const { treasury, supervisor } = await loadFixture(fixture);
      await expect(treasury.connect(supervisor).setGrantFrozen(3n, false))
        .to.be.revertedWithCustomError(treasury, "TreasuryGrantFreezeUnchanged")
        .withArgs(3n, false);
      await treasury.connect(supervisor).setGrantFrozen(3n, true);
      await expect(treasury.connect(supervisor).setGrantFrozen(3n, true))
        .to.be.revertedWithCustomError(treasury, "TreasuryGrantFreezeUnchanged")
        .withArgs(3n, true);
    });

    itRejectsCaller("reverts when the caller is not the supervisor", "council", (t) =>
      t.setGrantFrozen(3n, true),
    );
  });

  describe("receiveRoyalty", function () {
    it(
      "splits what arrived into the levy (alliance fund) and the asset's pool, and emits RoyaltyReceived",
      movesTokens("licensing", {
        fn: "receiveRoyalty",
        args: ({ alice }) => [9n, alice.address, u(1000), 500],
        returns: [u(1000), u(50)],
        event: "RoyaltyReceived",
        eventArgs: ({ alice }) => [9n, alice.address, u(1000), u(50)],
        moves: ({ alice }) => [alice, -u(1000)],
        then: async (t) => {
          expect(await t.allianceFund()).to.equal(u(50));
          expect(await t.royaltyPool(9n)).to.equal(u(950));
          expect(await t.royaltyAccountOf(9n)).to.deep.equal([u(950), u(950), 0n, 0n]);
        },
      }),
    );

    it("rounds the levy down, leaving the remainder in the pool", async function () {
      const { treasury, licensing, alice } = await loadFixture(fixture);
      await treasury.connect(licensing).receiveRoyalty(9n, alice.address, 199n, 50); // 0.995 -> 0
      expect(await treasury.allianceFund()).to.equal(0n);
      expect(await treasury.royaltyPool(9n)).to.equal(199n);
      await treasury.connect(licensing).receiveRoyalty(9n, alice.address, 9_999n, 3333); // 3332.6667 -> 3332
      expect(await treasury.allianceFund()).to.equal(3332n);
      expect(await treasury.royaltyPool(9n)).to.equal(199n + 9_999n - 3332n);
      await expectSolvent(treasury);
    });

    it("takes everything as levy at 10000 bps", async function () {
      const { treasury, licensing, alice } = await loadFixture(fixture);
      await treasury.connect(licensing).receiveRoyalty(9n, alice.address, u(10), 10_000);
      expect(await treasury.allianceFund()).to.equal(u(10));
      expect(await treasury.royaltyPool(9n)).to.equal(0n);
      await expectSolvent(treasury);
    });

    it("reverts when the levy is above 10000 bps", async function () {
      const { treasury, licensing, alice } = await loadFixture(fixture);
      await expect(treasury.connect(licensing).receiveRoyalty(9n, alice.address, u(10), 10_001))
        .to.be.revertedWithCustomError(treasury, "TreasuryLevyTooHigh")
        .withArgs(10_001);
    });

    itRevertsEach("reverts when the payer or the amount is zero", "licensing", ({ alice }) => [
      [(t) => t.receiveRoyalty(9n, ethers.ZeroAddress, 1n, 0), "TreasuryZeroAddress"],
      [(t) => t.receiveRoyalty(9n, alice.address, 0n, 0), "TreasuryZeroAmount"],
    ]);

    itRejectsCaller("reverts when the caller is not the licensing module", "projects", (t, { alice }) =>
      t.receiveRoyalty(9n, alice.address, 1n, 0),
    );
  });

  describe("payRoyalty", function () {
    it(
      "pays the claimant directly from the asset's pool and emits RoyaltyPaid",
      movesTokens("licensing", {
        setup: (t, { alice }) => t.receiveRoyalty(9n, alice.address, u(100), 0),
        fn: "payRoyalty",
        args: ({ bob }) => [9n, bob.address, u(60)],
        event: "RoyaltyPaid",
        moves: ({ bob }) => [bob, u(60)],
        then: async (t) => expect(await t.royaltyAccountOf(9n)).to.deep.equal([u(40), u(100), u(60), 0n]),
      }),
    );

    it(
      "reverts with the royalty ledger when the pool is short, and never draws on another pool",
      revertsShort(
        "licensing",
        { ledger: "royalty", has: u(100), asked: u(101) },
        async (t, { alice }) => {
          await t.receiveRoyalty(9n, alice.address, u(100), 0);
          await t.receiveRoyalty(8n, alice.address, u(500), 0);
        },
        (t, { bob }, asked) => t.payRoyalty(9n, bob.address, asked),
        [[(t) => t.royaltyPool(8n), u(500)]],
      ),
    );

    itRejectsBadPayee(
      "reverts on a zero amount, a zero payee or the Treasury as payee",
      "licensing",
      (t, { alice }) => t.receiveRoyalty(9n, alice.address, u(100), 0),
      (t, to, amount) => t.payRoyalty(9n, to, amount),
    );

    itRejectsCaller("reverts when the caller is not the licensing module", "council", (t, { council }) =>
      t.payRoyalty(9n, council.address, 1n),
    );

    it("I3: keeps the pool in one word and derives paid as credited - balance", async function () {
      const { treasury, licensing, alice, bob } = await loadFixture(fixture);
      await treasury.connect(licensing).receiveRoyalty(9n, alice.address, u(100), 500);
      await treasury.connect(licensing).payRoyalty(9n, bob.address, u(30));
      await treasury.connect(licensing).receiveRoyalty(9n, alice.address, u(20), 500);
      await treasury.connect(licensing).payRoyalty(9n, alice.address, u(50));
      // credited 95 + 19 = 114; paid 80; balance 34; never refunded.
      expect(await treasury.royaltyAccountOf(9n)).to.deep.equal([u(34), u(114), u(80), 0n]);
      expect(await treasury.royaltyPool(9n)).to.equal(u(34));
      await expectSolvent(treasury);
    });

    it("lets exactly the role the AccessManager maps to it pay royalties: re-mapped to another role, the licensing module loses it (one place for roles)", async function () {
      const { manager, treasury, licensing, council, admin, alice, bob } = await loadFixture(fixture);
      await treasury.connect(licensing).receiveRoyalty(9n, alice.address, u(100), 0);
      const selector = treasury.interface.getFunction("payRoyalty").selector;
      await manager
        .connect(admin)
        .setTargetFunctionRole(await treasury.getAddress(), [selector], ROLE.COUNCIL);
      await expect(treasury.connect(council).payRoyalty(9n, bob.address, u(10)))
        .to.emit(treasury, "RoyaltyPaid")
        .withArgs(9n, bob.address, u(10));
      // No role is bound to the function in code: LICENSING_MODULE no longer opens it.
      await expect(treasury.connect(licensing).payRoyalty(9n, bob.address, u(10)))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(licensing.address);
      expect(await treasury.royaltyPool(9n)).to.equal(u(90));
      await expectSolvent(treasury);
    });

    it("refuses the licensing module once the AccessManager revokes its role, or while its role carries an execution delay and the call was not scheduled", async function () {
      const { manager, treasury, licensing, admin, alice, bob } = await loadFixture(fixture);
      await treasury.connect(licensing).receiveRoyalty(9n, alice.address, u(100), 0);
      await manager.connect(admin).revokeRole(ROLE.LICENSING_MODULE, licensing.address);
      await expect(treasury.connect(licensing).payRoyalty(9n, bob.address, u(10)))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(licensing.address);
      await manager.connect(admin).grantRole(ROLE.LICENSING_MODULE, licensing.address, 3600);
      await expect(
        treasury.connect(licensing).payRoyalty(9n, bob.address, u(10)),
      ).to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled");
      expect(await treasury.royaltyPool(9n)).to.equal(u(100));
      await expectSolvent(treasury);
    });

    it("stops royalty payouts while the AccessManager holds the Treasury closed, and pays again once it reopens (the emergency brake)", async function () {
      const { manager, treasury, licensing, admin, alice, bob } = await loadFixture(fixture);
      await treasury.connect(licensing).receiveRoyalty(9n, alice.address, u(100), 0);
      await manager.connect(admin).setTargetClosed(await treasury.getAddress(), true);
      await expect(treasury.connect(licensing).receiveRoyalty(9n, alice.address, u(1), 0))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(licensing.address);
      await expect(treasury.connect(licensing).payRoyalty(9n, bob.address, u(10)))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(licensing.address);
      expect(await treasury.royaltyPool(9n)).to.equal(u(100));
      await manager.connect(admin).setTargetClosed(await treasury.getAddress(), false);
      await expect(treasury.connect(licensing).payRoyalty(9n, bob.address, u(10)))
        .to.emit(treasury, "RoyaltyPaid")
        .withArgs(9n, bob.address, u(10));
      await expectSolvent(treasury);
    });
  });

  describe("postClaimBond", function () {
    it(
      "pulls the claim bond into the claim bonds held, adds a second post, and emits ClaimBondPosted",
      movesTokens("disputes", {
        fn: "postClaimBond",
        args: ({ alice }) => [4n, alice.address, u(50)],
        returns: u(50),
        event: "ClaimBondPosted",
        moves: ({ alice }) => [alice, -u(50)],
        then: async (t, { alice }) => {
          await t.postClaimBond(4n, alice.address, u(5));
          expect(await t.totalClaimBonds()).to.equal(u(55));
        },
      }),
    );

    itRevertsEach("reverts when the payer or the amount is zero", "disputes", ({ alice }) => [
      [(t) => t.postClaimBond(4n, ethers.ZeroAddress, 1n), "TreasuryZeroAddress"],
      [(t) => t.postClaimBond(4n, alice.address, 0n), "TreasuryZeroAmount"],
    ]);

    itRejectsCaller("reverts when the caller is not the disputes module", "membership", (t, { alice }) =>
      t.postClaimBond(4n, alice.address, 1n),
    );
  });

  describe("releaseClaimBond", function () {
    it("moves the claim bond to the recipient's withdrawable balance and emits ClaimBondReleased", async function () {
      const { treasury, disputes, alice } = await loadFixture(fixture);
      await treasury.connect(disputes).postClaimBond(4n, alice.address, u(50));
      await expect(treasury.connect(disputes).releaseClaimBond(4n, alice.address, u(50)))
        .to.emit(treasury, "ClaimBondReleased")
        .withArgs(4n, alice.address, u(50));
      expect(await treasury.totalClaimBonds()).to.equal(0n);
      expect(await treasury.withdrawableOf(alice.address)).to.equal(u(50));
      await expectSolvent(treasury);
    });

    it("forfeits the claim bond to the alliance fund when the recipient is the Treasury", async function () {
      const { treasury, disputes, alice } = await loadFixture(fixture);
      await treasury.connect(disputes).postClaimBond(4n, alice.address, u(50));
      const self = await treasury.getAddress();
      await expect(treasury.connect(disputes).releaseClaimBond(4n, self, u(50)))
        .to.emit(treasury, "ClaimBondReleased")
        .withArgs(4n, self, u(50));
      expect(await treasury.allianceFund()).to.equal(u(50));
      expect(await treasury.withdrawableOf(self)).to.equal(0n);
      await expectSolvent(treasury);
    });

    it("changes nothing and emits nothing when the amount is 0 (a claim filed without a bond)", async function () {
      const { treasury, disputes, alice } = await loadFixture(fixture);
      await treasury.connect(disputes).postClaimBond(4n, alice.address, u(50));
      await expect(treasury.connect(disputes).releaseClaimBond(4n, alice.address, 0n)).not.to.emit(
        treasury,
        "ClaimBondReleased",
      );
      expect(await treasury.totalClaimBonds()).to.equal(u(50));
      expect(await treasury.withdrawableOf(alice.address)).to.equal(0n);
      await expectSolvent(treasury);
    });

    it("reverts with the claimBond ledger when the amount exceeds the claim bonds held, by one unit", async function () {
      const { treasury, disputes, alice } = await loadFixture(fixture);
      await treasury.connect(disputes).postClaimBond(4n, alice.address, u(50));
      await expect(treasury.connect(disputes).releaseClaimBond(4n, alice.address, u(50) + 1n))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientLedger")
        .withArgs(ethers.encodeBytes32String("claimBond"), u(50), u(50) + 1n);
      await expect(treasury.connect(disputes).releaseClaimBond(5n, alice.address, u(50)))
        .to.emit(treasury, "ClaimBondReleased")
        .withArgs(5n, alice.address, u(50));
      await expectSolvent(treasury);
    });

    it("reverts when the recipient is zero", async function () {
      const { treasury, disputes, alice } = await loadFixture(fixture);
      await treasury.connect(disputes).postClaimBond(4n, alice.address, u(50));
      await expect(
        treasury.connect(disputes).releaseClaimBond(4n, ethers.ZeroAddress, u(50)),
      ).to.be.revertedWithCustomError(treasury, "TreasuryZeroAddress");
    });

    itRejectsCaller("reverts when the caller is not the disputes module", "membership", (t, { alice }) =>
      t.releaseClaimBond(4n, alice.address, 1n),
    );
  });

  describe("slashToClaim", function () {
    it("moves the slash from the member's bond into the claim money held, moving no token, and emits BondSlashed", async function () {
      const { treasury, token, membership, disputes, alice, bob } = await loadFixture(fixture);
      await treasury.connect(membership).postBond(alice.address, alice.address, u(100));
      await treasury.connect(disputes).postClaimBond(4n, bob.address, u(50));
      const tx = treasury.connect(disputes).slashToClaim(4n, alice.address, u(30), bob.address);
      await expect(tx).to.emit(treasury, "BondSlashed").withArgs(alice.address, bob.address, u(30), 4n);
      await expect(tx).to.changeTokenBalances(token, [bob, treasury], [0n, 0n]);
      expect(await treasury.bondAccountOf(alice.address)).to.deep.equal([u(70), u(100), u(30), 0n]);
      expect(await treasury.totalBonds()).to.equal(u(70));
      expect(await treasury.totalClaimBonds()).to.equal(u(80));
      expect(await treasury.withdrawableOf(bob.address)).to.equal(0n);
      await expectSolvent(treasury);
    });

    it("B12 puts the slash on the alliance fund, not on the claim money held", async function () {
      const { treasury, membership, disputes, alice } = await loadFixture(fixture);
      const self = await treasury.getAddress();
      await treasury.connect(membership).postBond(alice.address, alice.address, u(100));
      await expect(treasury.connect(disputes).slashToClaim(4n, alice.address, u(30), self))
        .to.emit(treasury, "BondSlashed")
        .withArgs(alice.address, self, u(30), 4n);
      expect(await treasury.allianceFund()).to.equal(u(30));
      expect(await treasury.totalClaimBonds()).to.equal(0n);
      expect(await treasury.totalBonds()).to.equal(u(70));
      await expectSolvent(treasury);
    });

    it("reverts a slash above the bond by one unit (M8), a zero amount and a zero address, changing nothing", async function () {
      const { treasury, membership, disputes, alice, bob } = await loadFixture(fixture);
      await treasury.connect(membership).postBond(alice.address, alice.address, u(100));
      const t = treasury.connect(disputes);
      await expect(t.slashToClaim(4n, alice.address, u(100) + 1n, bob.address))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientLedger")
        .withArgs(tag("bond"), u(100), u(100) + 1n);
      await expect(t.slashToClaim(4n, alice.address, 0n, bob.address)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAmount",
      );
      for (const [m, to] of [
        [ethers.ZeroAddress, bob.address],
        [alice.address, ethers.ZeroAddress],
      ]) {
        await expect(t.slashToClaim(4n, m, u(1), to)).to.be.revertedWithCustomError(
          treasury,
          "TreasuryZeroAddress",
        );
      }
      expect(await treasury.bondOf(alice.address)).to.equal(u(100));
      expect(await treasury.totalClaimBonds()).to.equal(0n);
      await t.slashToClaim(4n, alice.address, u(100), bob.address);
      expect(await treasury.bondOf(alice.address)).to.equal(0n);
      expect(await treasury.totalClaimBonds()).to.equal(u(100));
      await expectSolvent(treasury);
    });

    itRejectsCaller("reverts when the caller is not the disputes module", "membership", (t, { alice, bob }) =>
      t.slashToClaim(4n, alice.address, 1n, bob.address),
    );
  });

  describe("payClaim", function () {
    it("pays the claim money held to its payee by one transfer and emits ClaimPaid", async function () {
      const { treasury, token, membership, disputes, alice, bob } = await loadFixture(fixture);
      await treasury.connect(membership).postBond(alice.address, alice.address, u(100));
      await treasury.connect(disputes).postClaimBond(4n, bob.address, u(50));
      await treasury.connect(disputes).slashToClaim(4n, alice.address, u(30), bob.address);
      const tx = await treasury.connect(disputes).payClaim(4n, bob.address, u(80));
      await expect(tx).to.emit(treasury, "ClaimPaid").withArgs(4n, bob.address, u(80));
      await expect(tx).to.changeTokenBalances(token, [bob, treasury], [u(80), -u(80)]);
      const transfers = (await tx.wait())!.logs.filter((l) => l.address === token.target);
      expect(transfers.length).to.equal(1);
      expect(await treasury.totalClaimBonds()).to.equal(0n);
      expect(await treasury.withdrawableOf(bob.address)).to.equal(0n);
      await expectSolvent(treasury);
    });

    it("reverts above the claim money held by one unit, a zero amount, a zero or the treasury as payee", async function () {
      const { treasury, disputes, bob } = await loadFixture(fixture);
      await treasury.connect(disputes).postClaimBond(4n, bob.address, u(50));
      const t = treasury.connect(disputes);
      await expect(t.payClaim(4n, bob.address, u(50) + 1n))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientLedger")
        .withArgs(tag("claimBond"), u(50), u(50) + 1n);
      await expect(t.payClaim(4n, bob.address, 0n)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAmount",
      );
      await expect(t.payClaim(4n, ethers.ZeroAddress, u(1))).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAddress",
      );
      const self = await treasury.getAddress();
      await expect(t.payClaim(4n, self, u(1)))
        .to.be.revertedWithCustomError(treasury, "TreasuryInvalidRecipient")
        .withArgs(self);
      expect(await treasury.totalClaimBonds()).to.equal(u(50));
      await expectSolvent(treasury);
    });

    itRejectsCaller("reverts when the caller is not the disputes module", "membership", (t, { alice }) =>
      t.payClaim(4n, alice.address, 1n),
    );
  });

  describe("receiveSettlement", function () {
    it(
      "pulls a settlement from the payer onto the beneficiary's withdrawable balance and emits SettlementReceived",
      movesTokens("disputes", {
        fn: "receiveSettlement",
        args: ({ alice, bob }) => [5n, alice.address, bob.address, u(80)],
        returns: u(80),
        event: "SettlementReceived",
        moves: ({ alice }) => [alice, -u(80)],
        then: async (t, { bob }) => expect(await t.withdrawableOf(bob.address)).to.equal(u(80)),
      }),
    );

    itRevertsEach(
      "reverts on a zero payer, a zero beneficiary, or a zero amount",
      "disputes",
      ({ alice, bob }) => [
        [(t) => t.receiveSettlement(5n, ethers.ZeroAddress, bob.address, 1n), "TreasuryZeroAddress"],
        [(t) => t.receiveSettlement(5n, alice.address, ethers.ZeroAddress, 1n), "TreasuryZeroAddress"],
        [(t) => t.receiveSettlement(5n, alice.address, bob.address, 0n), "TreasuryZeroAmount"],
      ],
    );

    it("B12 credits a settlement whose beneficiary is the Treasury itself to the alliance fund", async function () {
      const { treasury, disputes, alice } = await loadFixture(fixture);
      const self = await treasury.getAddress();
      const fund = await treasury.allianceFund();
      await expect(treasury.connect(disputes).receiveSettlement(5n, alice.address, self, u(80)))
        .to.emit(treasury, "SettlementReceived")
        .withArgs(5n, alice.address, self, u(80));
      expect(await treasury.allianceFund()).to.equal(fund + u(80));
      expect(await treasury.withdrawableOf(self)).to.equal(0n);
      await expectSolvent(treasury);
    });

    itRejectsCaller("reverts when the caller is not the disputes module", "licensing", (t, { alice, bob }) =>
      t.receiveSettlement(5n, alice.address, bob.address, 1n),
    );
  });

  describe("withdraw", function () {
    it("pays the caller its whole withdrawable balance and emits Withdrawn", async function () {
      const { token, treasury, disputes, alice, bob } = await loadFixture(fixture);
      await treasury.connect(disputes).receiveSettlement(5n, alice.address, bob.address, u(80));
      expect(await treasury.connect(bob).withdraw.staticCall()).to.equal(u(80));
      const tx = treasury.connect(bob).withdraw();
      await expect(tx).to.emit(treasury, "Withdrawn").withArgs(bob.address, u(80));
      await expect(tx).to.changeTokenBalances(token, [bob, treasury], [u(80), -u(80)]);
      expect(await treasury.withdrawableOf(bob.address)).to.equal(0n);
      await expectSolvent(treasury);
    });

    it("keeps paying out credited balances while the AccessManager holds the Treasury closed: withdraw is not restricted", async function () {
      const { manager, token, treasury, disputes, admin, alice, bob } = await loadFixture(fixture);
      await treasury.connect(disputes).receiveSettlement(5n, alice.address, bob.address, u(80));
      await manager.connect(admin).setTargetClosed(await treasury.getAddress(), true);
      await expect(treasury.connect(disputes).receiveSettlement(6n, alice.address, bob.address, u(1)))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(disputes.address);
      const tx = treasury.connect(bob).withdraw();
      await expect(tx).to.emit(treasury, "Withdrawn").withArgs(bob.address, u(80));
      await expect(tx).to.changeTokenBalances(token, [bob, treasury], [u(80), -u(80)]);
      await expectSolvent(treasury);
    });

    it("reverts when the caller has nothing to withdraw, also after a withdrawal", async function () {
      const { treasury, disputes, alice, bob } = await loadFixture(fixture);
      await expect(treasury.connect(bob).withdraw())
        .to.be.revertedWithCustomError(treasury, "TreasuryNothingToWithdraw")
        .withArgs(bob.address);
      await treasury.connect(disputes).receiveSettlement(5n, alice.address, bob.address, u(80));
      await treasury.connect(bob).withdraw();
      await expect(treasury.connect(bob).withdraw())
        .to.be.revertedWithCustomError(treasury, "TreasuryNothingToWithdraw")
        .withArgs(bob.address);
      await expectSolvent(treasury);
    });
  });

  describe("M1: a payee that rejects payment blocks nobody else", function () {
    it("a blacklisted payee cannot withdraw, but others can, and its balance is held, not lost", async function () {
      const {
        blacklistToken: token,
        blacklistTreasury: treasury,
        projects,
        alice,
        bob,
      } = await loadFixture(fixture);
      await treasury.connect(projects).fundProject(1n, alice.address, u(100));
      await treasury.connect(projects).refundFromProject(1n, alice.address, u(60));
      await treasury.connect(projects).refundFromProject(1n, bob.address, u(40));
      await token.setBlacklisted(alice.address, true);
      await expect(treasury.connect(alice).withdraw())
        .to.be.revertedWithCustomError(token, "TreasuryBlacklistTokenBlocked")
        .withArgs(alice.address);
      await expect(treasury.connect(bob).withdraw()).to.changeTokenBalances(token, [bob], [u(40)]);
      expect(await treasury.withdrawableOf(alice.address)).to.equal(u(60));
      await expectSolvent(treasury);
      await token.setBlacklisted(alice.address, false);
      await expect(treasury.connect(alice).withdraw()).to.changeTokenBalances(token, [alice], [u(60)]);
      await expectSolvent(treasury);
    });

    it("a direct spend to a blacklisted payee reverts alone and leaves the project account whole", async function () {
      const {
        blacklistToken: token,
        blacklistTreasury: treasury,
        projects,
        alice,
        bob,
        carol,
      } = await loadFixture(fixture);
      await treasury.connect(projects).fundProject(1n, alice.address, u(100));
      await token.setBlacklisted(carol.address, true);
      await expect(treasury.connect(projects).payFromProject(1n, carol.address, u(10)))
        .to.be.revertedWithCustomError(token, "TreasuryBlacklistTokenBlocked")
        .withArgs(carol.address);
      expect(await treasury.projectBalance(1n)).to.equal(u(100));
      await treasury.connect(projects).payFromProject(1n, bob.address, u(10));
      expect(await treasury.projectBalance(1n)).to.equal(u(90));
      await expectSolvent(treasury);
    });
    it("a claim payout to a blacklisted payee reverts alone; the money stays held and the others are paid", async function () {
      const {
        blacklistToken: token,
        blacklistTreasury: treasury,
        disputes,
        alice,
        bob,
      } = await loadFixture(fixture);
      await treasury.connect(disputes).postClaimBond(4n, alice.address, u(50));
      await treasury.connect(disputes).postClaimBond(5n, bob.address, u(50));
      await token.setBlacklisted(alice.address, true);
      await expect(treasury.connect(disputes).payClaim(4n, alice.address, u(50)))
        .to.be.revertedWithCustomError(token, "TreasuryBlacklistTokenBlocked")
        .withArgs(alice.address);
      await expect(treasury.connect(disputes).payClaim(5n, bob.address, u(50))).to.changeTokenBalances(
        token,
        [bob],
        [u(50)],
      );
      expect(await treasury.totalClaimBonds()).to.equal(u(50));
      await expectSolvent(treasury);
      await token.setBlacklisted(alice.address, false);
      await expect(treasury.connect(disputes).payClaim(4n, alice.address, u(50))).to.changeTokenBalances(
        token,
        [alice],
        [u(50)],
      );
      await expectSolvent(treasury);
    });
  });

  describe("M2: a reentrant hook token gets nothing extra", function () {
    it("a payee re-entering withdraw() from the token hook is refused and receives its balance once", async function () {
      const { hookToken: token, hookTreasury: treasury, projects, alice } = await loadFixture(fixture);
      const payee = await token.getAddress();
      await treasury.connect(projects).fundProject(1n, alice.address, u(100));
      await treasury.connect(projects).refundFromProject(1n, payee, u(30));
      await expectSolvent(treasury);
      const withdrawData = treasury.interface.encodeFunctionData("withdraw");
      await token.arm(withdrawData);
      await token.callTreasury(withdrawData);
      expect(await token.reentryAttempts()).to.equal(1n);
      expect(await token.reentrySuccesses()).to.equal(0n);
      expect((await token.lastRevertData()).slice(0, 10)).to.equal(
        treasury.interface.getError("ReentrancyGuardReentrantCall")!.selector,
      );
      expect(await token.balanceOf(payee)).to.equal(u(30));
      expect(await treasury.withdrawableOf(payee)).to.equal(0n);
      expect(await treasury.projectBalance(1n)).to.equal(u(70));
      await expectSolvent(treasury);
    });

    it("a module re-entering payRoyalty during a royalty payout is refused", async function () {
      const {
        manager,
        hookToken: token,
        hookTreasury: treasury,
        licensing,
        alice,
        bob,
      } = await loadFixture(fixture);
      const hook = await token.getAddress();
      await manager.grantRole(ROLE.LICENSING_MODULE, hook, 0);
      await treasury.connect(licensing).receiveRoyalty(9n, alice.address, u(100), 0);
      await token.arm(treasury.interface.encodeFunctionData("payRoyalty", [9n, hook, u(50)]));
      await expect(treasury.connect(licensing).payRoyalty(9n, bob.address, u(50))).to.changeTokenBalances(
        token,
        [bob, hook],
        [u(50), 0n],
      );
      expect(await token.reentryAttempts()).to.equal(1n);
      expect(await token.reentrySuccesses()).to.equal(0n);
      expect(await treasury.royaltyPool(9n)).to.equal(u(50));
      await expectSolvent(treasury);
    });

    it("a hook re-entering while a bond is being pulled in is refused", async function () {
      const {
        manager,
        hookToken: token,
        hookTreasury: treasury,
        membership,
        projects,
        alice,
      } = await loadFixture(fixture);
      const hook = await token.getAddress();
      await manager.grantRole(ROLE.PROJECTS_MODULE, hook, 0);
      await treasury.connect(projects).fundProject(1n, alice.address, u(100));
      await token.arm(treasury.interface.encodeFunctionData("payFromProject", [1n, hook, u(100)]));
      await treasury.connect(membership).postBond(alice.address, alice.address, u(10));
      expect(await token.reentryAttempts()).to.equal(1n);
      expect(await token.reentrySuccesses()).to.equal(0n);
      expect(await token.balanceOf(hook)).to.equal(0n);
      expect(await treasury.projectBalance(1n)).to.equal(u(100));
      expect(await treasury.bondOf(alice.address)).to.equal(u(10));
      await expectSolvent(treasury);
    });
  });

  describe("M3: odd tokens", function () {
    it("a fee-on-transfer token credits only what arrived, on every money-in function", async function () {
      const {
        feeToken: token,
        feeTreasury: treasury,
        membership,
        projects,
        licensing,
        disputes,
        council,
        alice,
        bob,
      } = await loadFixture(fixture);
      await expect(treasury.connect(membership).postBond(alice.address, alice.address, u(1000)))
        .to.emit(treasury, "BondPosted")
        .withArgs(alice.address, alice.address, u(900));
      expect(await treasury.bondOf(alice.address)).to.equal(u(900));
      await token.connect(alice).transfer(await treasury.getAddress(), u(100));
      await treasury.connect(council).sweepSurplus();
      expect(await treasury.allianceFund()).to.equal(u(90));
      await treasury.connect(projects).fundProject(1n, alice.address, u(100));
      expect(await treasury.projectBalance(1n)).to.equal(u(90));
      await treasury.connect(projects).depositGrant(1n, alice.address, u(100));
      expect(await treasury.grantBalance(1n)).to.equal(u(90));
      await expect(treasury.connect(licensing).receiveRoyalty(9n, alice.address, u(100), 1000))
        .to.emit(treasury, "RoyaltyReceived")
        .withArgs(9n, alice.address, u(90), u(9));
      expect(await treasury.royaltyPool(9n)).to.equal(u(81));
      await treasury.connect(disputes).postClaimBond(4n, alice.address, u(100));
      expect(await treasury.totalClaimBonds()).to.equal(u(90));
      await treasury.connect(disputes).receiveSettlement(5n, alice.address, bob.address, u(100));
      expect(await treasury.withdrawableOf(bob.address)).to.equal(u(90));
      expect(await token.balanceOf(await treasury.getAddress())).to.equal(await treasury.totalLiabilities());
      await expectSolvent(treasury);
      // Outgoing: the ledger is debited by the amount sent; the fee is the payee's loss, not the vault's.
      await treasury.connect(projects).payFromProject(1n, bob.address, u(90));
      await treasury.connect(bob).withdraw();
      expect(await token.balanceOf(await treasury.getAddress())).to.equal(await treasury.totalLiabilities());
      await expectSolvent(treasury);
    });

    it("a token that lets nothing arrive is refused with TreasuryZeroAmount", async function () {
      const { feeToken: token, feeTreasury: treasury, membership, alice } = await loadFixture(fixture);
      await token.setFeeBps(10_000);
      await expect(
        treasury.connect(membership).postBond(alice.address, alice.address, u(10)),
      ).to.be.revertedWithCustomError(treasury, "TreasuryZeroAmount");
      await expectSolvent(treasury);
    });

    it("a token returning no bool (USDT-like) works in and out", async function () {
      const {
        noBoolToken: token,
        noBoolTreasury: treasury,
        membership,
        projects,
        alice,
        bob,
      } = await loadFixture(fixture);
      await treasury.connect(membership).postBond(alice.address, alice.address, u(100));
      await treasury.connect(projects).fundProject(1n, alice.address, u(100));
      await treasury.connect(projects).payFromProject(1n, bob.address, u(40));
      await treasury.connect(membership).releaseBond(alice.address, alice.address);
      const before = await token.balanceOf(alice.address);
      await treasury.connect(alice).withdraw();
      expect(await token.balanceOf(alice.address)).to.equal(before + u(100));
      expect(await token.balanceOf(bob.address)).to.equal(u(1_000_000) + u(40));
      await expectSolvent(treasury);
    });

    it("a token returning no bool that reverts leaves every ledger unchanged", async function () {
      const { noBoolTreasury: treasury, membership, admin, alice } = await loadFixture(fixture);
      await expect(treasury.connect(membership).postBond(alice.address, admin.address, u(1))).to.be.reverted;
      expect(await treasury.bondOf(alice.address)).to.equal(0n);
      await expectSolvent(treasury);
    });

    it("a token returning false is refused with SafeERC20FailedOperation, in and out", async function () {
      const {
        falseToken: token,
        falseTreasury: treasury,
        membership,
        projects,
        alice,
        bob,
      } = await loadFixture(fixture);
      const tokenAddress = await token.getAddress();
      await treasury.connect(projects).fundProject(1n, alice.address, u(100));
      await token.setFailAll(true);
      await expect(treasury.connect(membership).postBond(alice.address, alice.address, u(10)))
        .to.be.revertedWithCustomError(treasury, "SafeERC20FailedOperation")
        .withArgs(tokenAddress);
      await expect(treasury.connect(projects).payFromProject(1n, bob.address, u(10)))
        .to.be.revertedWithCustomError(treasury, "SafeERC20FailedOperation")
        .withArgs(tokenAddress);
      expect(await treasury.bondOf(alice.address)).to.equal(0n);
      expect(await treasury.projectBalance(1n)).to.equal(u(100));
      await expectSolvent(treasury);
      await token.setFailAll(false);
      await treasury.connect(projects).payFromProject(1n, bob.address, u(10));
      await expectSolvent(treasury);
    });
  });

  describe("M8: slashing never exceeds the bond and touches no other ledger", function () {
    it("slashes the whole bond in steps, refuses one wei more, and leaves every other ledger as it was", async function () {
      const { treasury, membership, projects, licensing, disputes, alice, bob, carol, funder } =
        await loadFixture(fixture);
      await treasury.connect(membership).postBond(alice.address, alice.address, u(100));
      await treasury.connect(membership).postBond(bob.address, bob.address, u(100));
      await treasury.connect(projects).fundProject(1n, alice.address, u(500));
      await treasury.connect(projects).depositGrant(1n, funder.address, u(200));
      await treasury.connect(licensing).receiveRoyalty(1n, carol.address, u(300), 0);
      await treasury.connect(disputes).postClaimBond(1n, alice.address, u(40));
      await treasury.connect(disputes).receiveSettlement(1n, carol.address, alice.address, u(7));
      await expectSolvent(treasury);
      const others = async (): Promise<bigint[]> =>
        snapshotLedgers(treasury, [bob.address], [1n], [alice.address, funder.address]);
      const before = await others();

      await treasury.connect(disputes).slashToClaim(1n, alice.address, u(60), carol.address);
      await expectSolvent(treasury);
      await expect(treasury.connect(disputes).slashToClaim(1n, alice.address, u(40) + 1n, carol.address))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientLedger")
        .withArgs(tag("bond"), u(40), u(40) + 1n);
      await treasury.connect(disputes).slashToClaim(1n, alice.address, u(40), carol.address);
      await expectSolvent(treasury);
      await expect(treasury.connect(disputes).slashToClaim(1n, alice.address, 1n, carol.address))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientLedger")
        .withArgs(tag("bond"), 0n, 1n);

      // Only the claim money held grew, by the slash (index 2 of the snapshot); the liabilities'
      // total, the fund and every other ledger are as they were.
      expect(await others()).to.deep.equal(before.map((v, k) => (k === 2 ? v + u(100) : v)));
      // The slash is held with the claim money (the claim bond of 40 and the slash of 100) until
      // its payee pulls it; nobody's withdrawable balance moved.
      expect(await treasury.totalClaimBonds()).to.equal(u(140));
      expect(await treasury.withdrawableOf(carol.address)).to.equal(0n);
      expect(await treasury.bondAccountOf(alice.address)).to.deep.equal([0n, u(100), u(100), 0n]);
      await expectSolvent(treasury);
    });
  });

  describe("I7: bond held == posted - slashed - released, per member", function () {
    it("holds through posts, slashes, releases and re-posts of two members", async function () {
      const { treasury, membership, disputes, alice, bob } = await loadFixture(fixture);
      const self = await treasury.getAddress();
      const steps: (() => Promise<unknown>)[] = [
        () => treasury.connect(membership).postBond(alice.address, alice.address, u(100)),
        () => treasury.connect(membership).postBond(bob.address, bob.address, u(50)),
        () => treasury.connect(disputes).slashToClaim(1n, alice.address, u(30), bob.address),
        () => treasury.connect(disputes).slashToClaim(2n, bob.address, u(5), self),
        () => treasury.connect(membership).releaseBond(alice.address, alice.address),
        () => treasury.connect(membership).postBond(alice.address, bob.address, u(20)),
        () => treasury.connect(disputes).slashToClaim(3n, alice.address, u(20), self),
        () => treasury.connect(membership).releaseBond(bob.address, bob.address),
        () => treasury.connect(bob).withdraw(),
        () => treasury.connect(alice).withdraw(),
      ];
      for (const step of steps) {
        await step();
        await expectSolvent(treasury);
      }
      expect(await treasury.bondAccountOf(alice.address)).to.deep.equal([0n, u(120), u(50), u(70)]);
      expect(await treasury.bondAccountOf(bob.address)).to.deep.equal([0n, u(50), u(5), u(45)]);
      expect(await treasury.allianceFund()).to.equal(u(25));
      // Alice's slash of 30 is held with the claim money for Bob until he pulls it.
      expect(await treasury.totalClaimBonds()).to.equal(u(30));
      expect(await treasury.totalLiabilities()).to.equal(u(55));
    });
  });

  describe("I2 stateful property: random sequences of every money function against a model", function () {
    type Step = { kind: number; i: number; j: number; amt: number; bps: number };
    const stepArb: fc.Arbitrary<Step> = fc.record({
      kind: fc.integer({ min: 0, max: 16 }),
      i: fc.integer({ min: 0, max: 2 }),
      j: fc.integer({ min: 0, max: 3 }),
      amt: fc.integer({ min: 0, max: 1000 }),
      bps: fc.integer({ min: 0, max: 10_000 }),
    });

    // Every run starts with money on every keyed ledger, so the random payouts have something to take.
    const SETUP: Step[] = [0, 4, 7, 10, 12].flatMap((kind) =>
      [0, 1, 2].map((i) => ({ kind, i, j: 0, amt: 1000, bps: 500 })),
    );

    async function runModel(useFeeToken: boolean, randomSteps: Step[]): Promise<void> {
      const steps = [...SETUP, ...randomSteps];
      const f = await loadFixture(fixture);
      const treasury = useFeeToken ? f.feeTreasury : f.treasury;
      const token = await ethers.getContractAt("IERC20", await treasury.token());
      const self = await treasury.getAddress();
      const feeBps = useFeeToken ? 1000n : 0n;
      const people = [f.alice, f.bob, f.carol];
      const payer = f.funder.address;
      const recv = (amt: bigint): bigint => amt - (amt * feeBps) / 10_000n;
      const m = {
        fund: 0n,
        bonds: [0n, 0n, 0n],
        projects: [0n, 0n, 0n],
        grants: [0n, 0n, 0n],
        royalties: [0n, 0n, 0n],
        claims: [0n, 0n, 0n],
        withdrawable: [0n, 0n, 0n],
      };
      const credit = (j: number, amount: bigint): void => {
        if (j === 3) m.fund += amount;
        else m.withdrawable[j] += amount;
      };
      const target = (j: number): string => (j === 3 ? self : people[j].address);

      for (const step of steps) {
        const debitLedgers: Record<number, bigint[]> = {
          5: m.projects,
          6: m.projects,
          8: m.grants,
          9: m.grants,
          11: m.royalties,
          14: m.bonds,
          16: m.withdrawable,
        };
        // Three debit steps in four aim at an entry that holds money and take up to what it holds,
        // so payouts succeed often; the fourth uses the raw index and amount (zero, empty and
        // over-balance reverts).
        const aimed = step.bps % 4 !== 0;
        const ledger = debitLedgers[step.kind];
        let i = step.i;
        if (aimed && ledger) {
          for (let d = 0; d < 3; d++) {
            if (ledger[(step.i + d) % 3] > 0n) {
              i = (step.i + d) % 3;
              break;
            }
          }
        }
        const raw = BigInt(step.amt);
        const source = step.kind === 3 ? m.fund : ledger && step.kind !== 16 ? ledger[i] : undefined;
        const amt = source === undefined || !aimed ? raw : (source * raw) / 1000n;
        const j3 = step.j % 3;
        const id = BigInt(i + 1);
        let call: () => Promise<unknown>;
        let ok = true;
        let apply = (): void => {};
        const debit = (ledger: bigint[], k: number, to: number): void => {
          ok = amt > 0n && amt <= ledger[k];
          apply = () => {
            ledger[k] -= amt;
            if (to >= 0) credit(to, amt);
          };
        };
        switch (step.kind) {
          case 0:
            call = () => treasury.connect(f.membership).postBond(people[i].address, payer, amt);
            ok = amt > 0n;
            apply = () => (m.bonds[i] += recv(amt));
            break;
          case 1:
            call = () => treasury.connect(f.membership).releaseBond(people[i].address, people[j3].address);
            apply = () => {
              credit(j3, m.bonds[i]);
              m.bonds[i] = 0n;
            };
            break;
          case 2:
            // Money reaching the fund outside any ledger: a plain transfer, then sweepSurplus.
            call = async () => {
              await token.connect(f.funder).transfer(self, amt);
              return treasury.connect(f.council).sweepSurplus();
            };
            ok = amt > 0n;
            apply = () => (m.fund += recv(amt));
            break;
          case 3:
            call = () => treasury.connect(f.council).spendAllianceFund(people[j3].address, amt, PURPOSE);
            ok = amt > 0n && amt <= m.fund;
            apply = () => {
              m.fund -= amt;
              credit(j3, amt);
            };
            break;
          case 4:
            call = () => treasury.connect(f.projects).fundProject(id, payer, amt);
            ok = amt > 0n;
            apply = () => (m.projects[i] += recv(amt));
            break;
          case 5:
            call = () => treasury.connect(f.projects).payFromProject(id, people[j3].address, amt);
            debit(m.projects, i, -1);
            break;
          case 6:
            call = () => treasury.connect(f.projects).refundFromProject(id, people[j3].address, amt);
            debit(m.projects, i, j3);
            break;
          case 7:
            call = () => treasury.connect(f.projects).depositGrant(id, payer, amt);
            ok = amt > 0n;
            apply = () => (m.grants[i] += recv(amt));
            break;
          case 8:
            call = () => treasury.connect(f.projects).payFromGrant(id, people[j3].address, amt);
            debit(m.grants, i, -1);
            break;
          case 9:
            call = () => treasury.connect(f.projects).refundFromGrant(id, people[j3].address, amt);
            debit(m.grants, i, j3);
            break;
          case 10:
            call = () => treasury.connect(f.licensing).receiveRoyalty(id, payer, amt, step.bps);
            ok = amt > 0n;
            apply = () => {
              const levy = (recv(amt) * BigInt(step.bps)) / 10_000n;
              m.fund += levy;
              m.royalties[i] += recv(amt) - levy;
            };
            break;
          case 11:
            call = () => treasury.connect(f.licensing).payRoyalty(id, people[j3].address, amt);
            debit(m.royalties, i, -1);
            break;
          case 12:
            call = () => treasury.connect(f.disputes).postClaimBond(id, payer, amt);
            ok = amt > 0n;
            apply = () => (m.claims[i] += recv(amt));
            break;
          case 13:
            call = () => treasury.connect(f.disputes).releaseClaimBond(id, target(step.j), m.claims[i]);
            apply = () => {
              credit(step.j, m.claims[i]);
              m.claims[i] = 0n;
            };
            break;
          case 14:
            // A ruling's slash: to the alliance fund (B12), or held with the claim money for its payee.
            call = () =>
              treasury.connect(f.disputes).slashToClaim(id, people[i].address, amt, target(step.j));
            debit(m.bonds, i, -1);
            {
              const held = apply;
              apply = () => {
                held();
                if (step.j === 3) m.fund += amt;
                else m.claims[i] += amt;
              };
            }
            break;
          case 15:
            call = () => treasury.connect(f.disputes).receiveSettlement(1n, payer, people[j3].address, amt);
            ok = amt > 0n;
            apply = () => (m.withdrawable[j3] += recv(amt));
            break;
          default:
            call = () => treasury.connect(people[i]).withdraw();
            ok = m.withdrawable[i] > 0n;
            apply = () => (m.withdrawable[i] = 0n);
        }
        if (ok) {
          await call();
          apply();
        } else {
          await expect(call()).to.be.reverted;
        }
        const sum = (xs: bigint[]): bigint => xs.reduce((acc, x) => acc + x, 0n);
        const ks = [0, 1, 2];
        const [fund, bonds, projectBals, grantBals, pools, claimBonds, owed] = await Promise.all([
          treasury.allianceFund(),
          Promise.all(ks.map((k) => treasury.bondOf(people[k].address))),
          Promise.all(ks.map((k) => treasury.projectBalance(BigInt(k + 1)))),
          Promise.all(ks.map((k) => treasury.grantBalance(BigInt(k + 1)))),
          Promise.all(ks.map((k) => treasury.royaltyPool(BigInt(k + 1)))),
          treasury.totalClaimBonds(),
          Promise.all(ks.map((k) => treasury.withdrawableOf(people[k].address))),
        ]);
        expect([fund, bonds, projectBals, grantBals, pools, claimBonds, owed]).to.deep.equal([
          m.fund,
          m.bonds,
          m.projects,
          m.grants,
          m.royalties,
          sum(m.claims),
          m.withdrawable,
        ]);
        // I2 every step: the vault holds exactly the model's total (no stray transfers in these runs).
        const modelTotal =
          m.fund +
          sum(m.bonds) +
          sum(m.projects) +
          sum(m.grants) +
          sum(m.royalties) +
          sum(m.claims) +
          sum(m.withdrawable);
        expect(await treasury.totalLiabilities()).to.equal(modelTotal);
        expect(await token.balanceOf(self)).to.equal(modelTotal);
      }
      await expectSolvent(treasury);
    }

    it("keeps every ledger equal to the model and the vault solvent after every step", async function () {
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 10, maxLength: 25 }), (steps) =>
          runModel(false, steps),
        ),
        { numRuns: MODEL_RUNS, seed: 20_240_611 },
      );
    });

    it("keeps them with a fee-on-transfer token too, crediting only what arrived (M3)", async function () {
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 10, maxLength: 25 }), (steps) =>
          runModel(true, steps),
        ),
        { numRuns: MODEL_RUNS, seed: 20_240_612 },
      );
    });
  });

  describe("B12: money owed to the alliance goes to the alliance fund", function () {
    it("B12 credits the royalty levy, a forfeited claim bond, a bond slashed to the alliance and swept surplus to the alliance fund, never to a role holder", async function () {
      const f = await loadFixture(fixture);
      const { treasury, token, membership, licensing, disputes, alice, bob } = f;
      const self = await treasury.getAddress();
      await treasury.connect(licensing).receiveRoyalty(1n, alice.address, u(1_000), 500); // levy 50
      await treasury.connect(disputes).postClaimBond(7n, alice.address, u(100));
      await treasury.connect(disputes).releaseClaimBond(7n, self, u(100)); // forfeited: 100
      await treasury.connect(membership).postBond(bob.address, bob.address, u(200));
      await treasury.connect(disputes).slashToClaim(7n, bob.address, u(80), self); // to the alliance: 80
      await token.connect(alice).transfer(self, u(7));
      await treasury.connect(f.council).sweepSurplus(); // 7
      expect(await treasury.allianceFund()).to.equal(u(237));
      for (const holder of Object.values(f.roleHolders)) {
        expect(await treasury.withdrawableOf(holder.address), holder.address).to.equal(0n);
      }
      expect(await treasury.totalWithdrawable()).to.equal(0n);
      await expectSolvent(treasury);
    });

    it("B12 lets nothing but the council's timelock spend the alliance fund or sweep the surplus", async function () {
      const f = await loadFixture(fixture);
      const { treasury, token, alice, stranger } = f;
      await seedAllianceFund(f, u(100));
      await token.connect(alice).transfer(await treasury.getAddress(), u(5));
      const others = [
        f.supervisor,
        f.membership,
        f.projects,
        f.licensing,
        f.disputes,
        f.admin,
        alice,
        stranger,
      ];
      for (const who of others) {
        await expect(treasury.connect(who).spendAllianceFund(who.address, u(1), PURPOSE))
          .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
          .withArgs(who.address);
        await expect(treasury.connect(who).sweepSurplus())
          .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
      expect(await treasury.allianceFund()).to.equal(u(100));
      expect(await treasury.totalWithdrawable()).to.equal(0n);
    });
  });
});
