import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  MODULE_GRANTS,
  ROLES,
  ROLE_TABLE,
  roleAssignments,
  roleName,
  type RestrictedContract,
  type RoleName,
} from "../../src/sdk/roles";
import {
  DEFAULT_GENESIS,
  MODULE_ID,
  TEST_TOKEN_MODULE_ID,
  addressBookFrom,
  handover,
  handoverState,
} from "../../src/sdk/deployment";
import { deployFullSuite } from "../helpers/suite";

/** Source unit of each module contract that has `restricted` functions. */
const SOURCES: Record<RestrictedContract, string> = {
  Treasury: "contracts/treasury/Treasury.sol",
  Membership: "contracts/membership/Membership.sol",
  AgreementRegistry: "contracts/agreements/AgreementRegistry.sol",
  ProjectRegistry: "contracts/projects/ProjectRegistry.sol",
  ProjectSpending: "contracts/projects/ProjectSpending.sol",
  IPRegistry: "contracts/ip/IPRegistry.sol",
  LicenseManager: "contracts/licensing/LicenseManager.sol",
  DisputeResolution: "contracts/disputes/DisputeResolution.sol",
  RemedyExecution: "contracts/disputes/RemedyExecution.sol",
  BreachHistory: "contracts/disputes/BreachHistory.sol",
  PanelArbitrator: "contracts/disputes/PanelArbitrator.sol",
};
/** Module contracts with no `restricted` function (the scan proves it). */
const UNRESTRICTED = {
  ProjectFunding: "contracts/projects/ProjectFunding.sol",
  LicenseProposals: "contracts/licensing/LicenseProposals.sol",
  AllianceGovernor: "contracts/governance/AllianceGovernor.sol",
};

interface AstNode {
  id: number;
  nodeType: string;
  name?: string;
  kind?: string;
  nodes?: AstNode[];
  linearizedBaseContracts?: number[];
  modifiers?: { modifierName: { name: string } }[];
}

interface Unit {
  contracts: Map<number, AstNode>;
  /** "source:Name" -> contract node */
  byName: Map<string, AstNode>;
}

let units: Unit | undefined;

/** Every contract definition of every build-info file, read once (they are tens of MB). */
async function loadUnits(): Promise<Unit> {
  if (units) return units;
  const fs = await import("node:fs/promises");
  const all: Unit = { contracts: new Map(), byName: new Map() };
  // Oldest first, so that after incremental compiles the newest build of a contract wins.
  const paths = await hre.artifacts.getBuildInfoPaths();
  const mtimes = new Map(await Promise.all(paths.map(async (p) => [p, (await fs.stat(p)).mtimeMs] as const)));
  paths.sort((a, b) => mtimes.get(a)! - mtimes.get(b)!);
  for (const file of paths) {
    const build = JSON.parse(await fs.readFile(file, "utf8")) as {
      output: { sources: Record<string, { ast: AstNode }> };
    };
    // Node ids are per compilation: keep one map per build, keyed by source for lookups.
    const local = new Map<number, AstNode>();
    for (const [source, unit] of Object.entries(build.output.sources)) {
      for (const node of unit.ast.nodes ?? []) {
        if (node.nodeType !== "ContractDefinition") continue;
        local.set(node.id, node);
        all.byName.set(`${source}:${node.name}`, { ...node, nodes: node.nodes, id: node.id });
      }
    }
    for (const [source, unit] of Object.entries(build.output.sources)) {
      for (const node of unit.ast.nodes ?? []) {
        if (node.nodeType === "ContractDefinition") {
          (all.byName.get(`${source}:${node.name}`) as AstNode & { scope?: Map<number, AstNode> }).scope =
            local;
        }
      }
    }
  }
  units = all;
  return all;
}

/**
 * The names of every function carrying the `restricted` modifier in `contract` or a base it
 * inherits (e.g. RoyaltyAccounting for LicenseManager), read from the compiler's AST.
 */
async function restrictedFunctions(source: string, contract: string): Promise<Set<string>> {
  const { byName } = await loadUnits();
  const target = byName.get(`${source}:${contract}`) as
    (AstNode & { scope: Map<number, AstNode> }) | undefined;
  if (!target) throw new Error(`no AST for ${contract}`);
  const out = new Set<string>();
  for (const baseId of target.linearizedBaseContracts ?? []) {
    for (const fn of target.scope.get(baseId)?.nodes ?? []) {
      if (fn.nodeType !== "FunctionDefinition" || fn.kind !== "function") continue;
      if (fn.modifiers?.some((m) => m.modifierName.name === "restricted")) out.add(fn.name!);
    }
  }
  return out;
}

async function founded() {
  return deployFullSuite({ founders: 3 });
}

describe("Deployment: ignition/modules/Covenant.ts", function () {
  describe("the role table (src/sdk/roles.ts)", function () {
    it("lists exactly the restricted functions of every module contract, each once", async function () {
      const seen = new Set<string>();
      for (const row of ROLE_TABLE)
        for (const fn of row.functions) {
          const key = `${row.contract}.${fn}`;
          expect(seen.has(key), `${key} listed twice`).to.equal(false);
          seen.add(key);
        }
      for (const [contract, source] of Object.entries(SOURCES)) {
        const inCode = [...(await restrictedFunctions(source, contract))].sort();
        const inTable = ROLE_TABLE.filter((r) => r.contract === contract)
          .flatMap((r) => [...r.functions])
          .sort();
        expect(inTable, contract).to.deep.equal(inCode);
      }
      for (const [contract, source] of Object.entries(UNRESTRICTED)) {
        expect([...(await restrictedFunctions(source, contract))], contract).to.deep.equal([]);
      }
    });
  });

  describe("deployment and handover", function () {
    it("deploys every contract of the suite on the in-process chain, wired to each other", async function () {
      const s = await loadFixture(founded);
      for (const a of Object.values(s.addresses)) expect(await ethers.provider.getCode(a)).to.not.equal("0x");
      expect(await s.registry.MEMBERSHIP()).to.equal(s.membership.target);
      expect(await s.membership.CHARTER()).to.equal(s.registry.target);
      expect(await s.ipRegistry.shareHook()).to.equal(s.licenseManager.target);
      expect(await s.disputeResolution.licenseManager()).to.equal(s.licenseManager.target);
      expect(await s.disputeResolution.arbitrator()).to.equal(s.panelArbitrator.target);
      expect(await s.disputeResolution.HISTORY()).to.equal(s.breachHistory.target);
      expect(await s.disputeResolution.REMEDIES()).to.equal(s.remedyExecution.target);
      expect(await s.remedyExecution.GOVERNOR()).to.equal(s.governor.target);
      expect(await s.remedyExecution.HISTORY()).to.equal(s.breachHistory.target);
      expect(await s.projectFunding.BREACH_RECORDER()).to.equal(s.breachHistory.target);
      expect(await s.licenseManager.BREACH_RECORDER()).to.equal(s.breachHistory.target);
      expect(await s.governor.proposalThreshold()).to.equal(0n);
      expect(await s.governor.timelock()).to.equal(s.timelock.target);
      expect(await s.treasury.token()).to.equal(s.token.target);
      expect(await s.token.decimals()).to.equal(6n);
      expect(await s.registry.charterParams()).to.deep.equal(Object.values(DEFAULT_GENESIS));
      for (const c of [
        s.treasury,
        s.membership,
        s.registry,
        s.projectRegistry,
        s.ipRegistry,
        s.licenseManager,
      ]) {
        expect(await c.authority()).to.equal(s.manager.target);
      }
    });

    it("maps every restricted function of every module to the documented role", async function () {
      const s = await loadFixture(founded);
      const rows = roleAssignments();
      expect(rows.length).to.be.greaterThan(40);
      for (const r of rows) {
        const role = await s.manager.getTargetFunctionRole(s.addresses[r.contract], r.selector);
        expect(roleName(role), `${r.contract}.${r.fn}`).to.equal(r.role);
      }
    });

    it("grants the module roles to the module contracts, and COUNCIL, DISCIPLINE, ADMIN to the timelock", async function () {
      const s = await loadFixture(founded);
      for (const g of MODULE_GRANTS) {
        for (const role of g.roles) {
          expect(
            (await s.manager.hasRole(ROLES[role], s.addresses[g.contract]))[0],
            `${g.contract} ${role}`,
          ).to.equal(true);
        }
      }
      const state = await handoverState(ethers.provider, s.addresses as never, s.deployer.address);
      expect(state.timelockRoles).to.deep.equal(["ADMIN", "COUNCIL", "DISCIPLINE"] as RoleName[]);
      expect(state.timelockAdminsItself).to.equal(true);
      const t = s.timelock;
      expect(await t.hasRole(await t.PROPOSER_ROLE(), s.governor.target)).to.equal(true);
      expect(await t.hasRole(await t.CANCELLER_ROLE(), s.governor.target)).to.equal(true);
      expect(await t.hasRole(await t.EXECUTOR_ROLE(), ethers.ZeroAddress)).to.equal(true);
    });

    it("leaves the deployer with no role at all after the handover", async function () {
      const s = await loadFixture(founded);
      const state = await handoverState(ethers.provider, s.addresses as never, s.deployer.address);
      expect(state.deployerRoles).to.deep.equal([]);
      for (const id of Object.values(ROLES)) {
        expect((await s.manager.hasRole(id, s.deployer.address))[0]).to.equal(false);
      }
      await expect(s.manager.grantRole(ROLES.COUNCIL, s.deployer.address, 0)).to.be.revertedWithCustomError(
        s.manager,
        "AccessManagerUnauthorizedAccount",
      );
      await expect(s.registry.bindMembership(s.stranger.address)).to.be.revertedWithCustomError(
        s.registry,
        "AccessManagedUnauthorized",
      );
    });

    it("is idempotent: running the handover again changes nothing", async function () {
      const s = await loadFixture(founded);
      const before = await ethers.provider.getBlockNumber();
      await handover(s.deployer, s.addresses as never);
      expect(await ethers.provider.getBlockNumber()).to.equal(before);
    });

    it("refuses the handover while no member is active", async function () {
      const s = await deployFullSuite({ founders: 0, unitCouncil: true });
      // unitCouncil already gave ADMIN to the timelock; the deployer keeps COUNCIL here.
      await expect(handover(s.deployer, s.addresses as never)).to.be.rejectedWith("no active member");
    });
  });

  describe("address book", function () {
    it("is built from Ignition's deployed addresses in the CLI's format", async function () {
      const s = await loadFixture(founded);
      const deployed: Record<string, string> = {};
      for (const [name, address] of Object.entries(s.addresses)) {
        const id = name === "SettlementToken" ? `${TEST_TOKEN_MODULE_ID}#TestToken` : `${MODULE_ID}#${name}`;
        deployed[id] = address;
      }
      const at = new Date("2026-01-02T03:04:05Z");
      const book = addressBookFrom(deployed, 31337, at);
      expect(book.chainId).to.equal(31337);
      expect(book.deployedAt).to.equal("2026-01-02T03:04:05.000Z");
      expect(book.contracts.Membership).to.equal(s.membership.target);
      expect(book.contracts.SettlementToken).to.equal(s.token.target);
      expect(Object.keys(book.contracts)).to.not.include("ClaimValidation");
      delete deployed[`${MODULE_ID}#Treasury`];
      expect(() => addressBookFrom(deployed, 31337)).to.throw("Covenant#Treasury");
    });
  });
});
