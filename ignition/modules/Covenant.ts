/**
 * One Hardhat Ignition module for a whole Covenant alliance suite (docs/deployment.md):
 * settlement token, AccessManager, Treasury, AgreementRegistry (with the genesis charter
 * parameters), Membership, TimelockController, AllianceGovernor, ProjectRegistry / Funding /
 * Spending, IPRegistry, LicenseManager, LicenseProposals, BreachHistory, RemedyExecution,
 * DisputeResolution (+ its linked library ClaimValidation) and PanelArbitrator; every restricted function mapped to its one role from
 * `src/sdk/roles.ts`; module roles granted to the module contracts; the timelock granted COUNCIL and
 * DISCIPLINE. The deployer keeps ADMIN and COUNCIL for the bootstrap; `handover()`
 * (`src/sdk/deployment.ts`, `npm run handover`) gives ADMIN to the timelock and makes the deployer
 * renounce every role.
 *
 * Two top-level modules share one builder (`buildSuite`), because Ignition cannot branch on a
 * parameter's value:
 *   - `CovenantModule` (this file's default export): deploys `TestToken` "Covenant Test Yuan" / tCNY
 *     with 6 decimals as the settlement token (sub-module `CovenantTestToken`);
 *   - `CovenantExistingTokenModule` (`ignition/modules/CovenantExistingToken.ts`): uses the ERC-20 at
 *     the parameter `Covenant.token`.
 * Both have the id "Covenant", so their parameters and future ids are the same.
 */
import { buildModule } from "@nomicfoundation/ignition-core";
import type { ContractFuture, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { id as keccakId, ZeroAddress, ZeroHash } from "ethers";
import {
  MODULE_GRANTS,
  RESERVED_CALLS,
  RESERVED_KIND,
  ROLE_TABLE,
  ROLES,
  TIMELOCK_ROLES,
  selectorsOf,
} from "../../src/sdk/roles";
import {
  DEFAULT_GENESIS,
  DEFAULT_SETTINGS,
  DEFAULT_TEST_TOKEN,
  MODULE_ID,
  TEST_TOKEN_MODULE_ID,
} from "../../src/sdk/deployment";

/** `AllianceGovernor.ANY_SELECTOR`: reserves every call to a target. */
const ANY_SELECTOR = "0x00000000";

/** The settlement token for a development or test alliance. */
export const TestTokenModule = buildModule(TEST_TOKEN_MODULE_ID, (m) => {
  const token = m.contract("TestToken", [
    m.getParameter("name", DEFAULT_TEST_TOKEN.name),
    m.getParameter("symbol", DEFAULT_TEST_TOKEN.symbol),
    m.getParameter("decimals", DEFAULT_TEST_TOKEN.decimals),
  ]);
  return { token };
});

/**
 * Adds a whole suite over `token` to the module being built; returns every contract future, named
 * as in the address book (`deployments/<chainId>.json`).
 */
export function buildSuite(m: IgnitionModuleBuilder, token: ContractFuture<string>) {
  const deployer = m.getAccount(0);
  const g = DEFAULT_GENESIS;
  const genesis = {
    bondAmount: m.getParameter("bondAmount", g.bondAmount),
    maxMembers: m.getParameter("maxMembers", g.maxMembers),
    noticePeriod: m.getParameter("noticePeriod", g.noticePeriod),
    noticeValidity: m.getParameter("noticeValidity", g.noticeValidity),
    reapplicationCooloff: m.getParameter("reapplicationCooloff", g.reapplicationCooloff),
    supermajorityBps: m.getParameter("supermajorityBps", g.supermajorityBps),
    quorumBps: m.getParameter("quorumBps", g.quorumBps),
    amendmentRule: m.getParameter("amendmentRule", g.amendmentRule),
    amendmentPeriod: m.getParameter("amendmentPeriod", g.amendmentPeriod),
    grantCapBps: m.getParameter("grantCapBps", g.grantCapBps),
    secretariatBudgetLimit: m.getParameter("secretariatBudgetLimit", g.secretariatBudgetLimit),
    minReviews: m.getParameter("minReviews", g.minReviews),
    approvalShareBps: m.getParameter("approvalShareBps", g.approvalShareBps),
    gracePeriod: m.getParameter("gracePeriod", g.gracePeriod),
    latePenaltyBps: m.getParameter("latePenaltyBps", g.latePenaltyBps),
    vetoWindow: m.getParameter("vetoWindow", g.vetoWindow),
    levyBps: m.getParameter("levyBps", g.levyBps),
    rofrWindow: m.getParameter("rofrWindow", g.rofrWindow),
    transfersToNonMembers: m.getParameter("transfersToNonMembers", g.transfersToNonMembers),
    royaltyGracePeriod: m.getParameter("royaltyGracePeriod", g.royaltyGracePeriod),
    contestWindow: m.getParameter("contestWindow", g.contestWindow),
    claimBond: m.getParameter("claimBond", g.claimBond),
    curePeriod: m.getParameter("curePeriod", g.curePeriod),
    answerPeriod: m.getParameter("answerPeriod", g.answerPeriod),
  };
  const s = DEFAULT_SETTINGS;

  // ---------------------------------------------------------------- contracts
  const manager = m.contract("AccessManager", [deployer]);
  const treasury = m.contract("Treasury", [manager, token]);
  // AgreementRegistry and Membership need each other's address: the registry is deployed first and
  // learns Membership's address once, by `bindMembership` (ADMIN, the deployer, a one-time call).
  const registry = m.contract("AgreementRegistry", [manager, genesis]);
  // The breach history (docs/disputes.md; also written by the projects and licensing modules'
  // defaults) first: Membership reads the open claims against a member from it (B6).
  const breachHistory = m.contract("BreachHistory", [manager]);
  const membership = m.contract("Membership", [manager, registry, treasury, breachHistory]);
  m.call(registry, "bindMembership", [membership]);

  const timelock = m.contract("TimelockController", [
    m.getParameter("timelockDelay", s.timelockDelay),
    [],
    [ZeroAddress],
    deployer,
  ]);
  // The governor's reserved set (src/sdk/roles.ts RESERVED_CALLS), plus every AccessManager call
  // (role grants, function mapping, execute, multicall).
  const targetsBeforeGovernor: Partial<Record<string, ContractFuture<string>>> = {
    Membership: membership,
    AgreementRegistry: registry,
  };
  const reservedTarget = (contract: string, anyTarget?: true) => {
    if (anyTarget) return ZeroAddress;
    const target = targetsBeforeGovernor[contract];
    if (!target) throw new Error(`${contract} is deployed after the governor: reserve it with anyTarget`);
    return target;
  };
  const reserved = [
    ...RESERVED_CALLS.flatMap((row) =>
      selectorsOf(row.contract, row.functions).map((selector) => ({
        target: reservedTarget(row.contract, row.anyTarget),
        selector,
        kind: RESERVED_KIND[row.kind],
      })),
    ),
    { target: manager, selector: ANY_SELECTOR, kind: RESERVED_KIND.Reserved },
  ];
  const governor = m.contract("AllianceGovernor", [
    membership,
    timelock,
    registry,
    {
      votingDelay: m.getParameter("votingDelay", s.votingDelay),
      votingPeriod: m.getParameter("votingPeriod", s.votingPeriod),
      proposalThreshold: m.getParameter("proposalThreshold", s.proposalThreshold),
      queueWindow: m.getParameter("queueWindow", s.queueWindow),
    },
    reserved,
  ]);
  // Timelock: the governor proposes and cancels, anyone executes; the deployer gives up its admin.
  const proposer = m.call(timelock, "grantRole", [keccakId("PROPOSER_ROLE"), governor], {
    id: "TimelockProposerGovernor",
  });
  const canceller = m.call(timelock, "grantRole", [keccakId("CANCELLER_ROLE"), governor], {
    id: "TimelockCancellerGovernor",
  });
  // DEFAULT_ADMIN_ROLE is bytes32(0).
  m.call(timelock, "renounceRole", [ZeroHash, deployer], {
    id: "TimelockDeployerRenounces",
    after: [proposer, canceller],
  });

  const projectRegistry = m.contract("ProjectRegistry", [manager, membership, registry]);
  const panelArbitrator = m.contract("PanelArbitrator", [
    manager,
    m.getParameter("panelSize", s.panelSize),
    m.getParameter("panelVotingPeriod", s.panelVotingPeriod),
    m.getParameter("panelAppealWindow", s.panelAppealWindow),
  ]);
  // The disputes module (docs/disputes.md): the remedies of a ruling and the claim lifecycle users
  // talk to (the breach history is deployed above).
  const remedyExecution = m.contract("RemedyExecution", [
    manager,
    treasury,
    membership,
    governor,
    breachHistory,
  ]);
  const claimValidation = m.library("ClaimValidation");
  const disputeResolution = m.contract(
    "DisputeResolution",
    [manager, registry, membership, treasury, breachHistory, remedyExecution, panelArbitrator],
    { libraries: { ClaimValidation: claimValidation } },
  );
  const projectFunding = m.contract("ProjectFunding", [manager, projectRegistry, treasury, breachHistory]);
  const projectSpending = m.contract("ProjectSpending", [
    manager,
    projectRegistry,
    treasury,
    registry,
    projectFunding,
    membership,
  ]);
  const ipRegistry = m.contract("IPRegistry", [
    manager,
    membership,
    registry,
    projectRegistry,
    token,
    m.getParameter("ipMetadataUri", s.ipMetadataUri),
  ]);
  const licenseManager = m.contract("LicenseManager", [
    manager,
    membership,
    registry,
    ipRegistry,
    treasury,
    breachHistory,
  ]);
  const licenseProposals = m.contract("LicenseProposals", [ipRegistry, membership, registry, licenseManager]);

  const contracts = {
    Treasury: treasury,
    Membership: membership,
    AgreementRegistry: registry,
    AllianceGovernor: governor,
    ProjectRegistry: projectRegistry,
    ProjectFunding: projectFunding,
    ProjectSpending: projectSpending,
    IPRegistry: ipRegistry,
    LicenseManager: licenseManager,
    LicenseProposals: licenseProposals,
    DisputeResolution: disputeResolution,
    RemedyExecution: remedyExecution,
    BreachHistory: breachHistory,
    PanelArbitrator: panelArbitrator,
  };

  // ---------------------------------------------------------------- AccessManager: the one table
  const mappings = ROLE_TABLE.map((row) =>
    m.call(
      manager,
      "setTargetFunctionRole",
      [contracts[row.contract], selectorsOf(row.contract, row.functions), ROLES[row.role]],
      { id: `Map_${row.contract}_${row.role}` },
    ),
  );
  for (const grant of MODULE_GRANTS) {
    for (const role of grant.roles) {
      m.call(manager, "grantRole", [ROLES[role], contracts[grant.contract], 0], {
        id: `Grant_${role}_${grant.contract}`,
      });
    }
  }
  for (const role of TIMELOCK_ROLES) {
    m.call(manager, "grantRole", [ROLES[role], timelock, 0], { id: `Grant_${role}_Timelock` });
  }
  // Bootstrap: the deployer is ADMIN (constructor) and holds COUNCIL until the handover.
  const deployerCouncil = m.call(manager, "grantRole", [ROLES.COUNCIL, deployer, 0], {
    id: "Grant_COUNCIL_Deployer",
  });

  // ---------------------------------------------------------------- one-time council wiring
  // IPRegistry tells LicenseManager of share moves; DisputeResolution suspends licences through it.
  m.call(ipRegistry, "setShareHook", [licenseManager], { after: [deployerCouncil, ...mappings] });
  m.call(disputeResolution, "setLicenseManager", [licenseManager], {
    after: [deployerCouncil, ...mappings],
  });

  return {
    SettlementToken: token,
    AccessManager: manager,
    TimelockController: timelock,
    ClaimValidation: claimValidation,
    ...contracts,
  };
}

/** The whole suite over a freshly deployed test token (the default: dev chains, the demo). */
export const CovenantModule = buildModule(MODULE_ID, (m) => {
  const { token } = m.useModule(TestTokenModule);
  return buildSuite(m, token);
});

/** The whole suite over an existing ERC-20 (parameter `Covenant.token`). */
export const CovenantExistingTokenModule = buildModule(MODULE_ID, (m) => {
  const token = m.contractAt("IERC20Metadata", m.getParameter<string>("token"), { id: "SettlementToken" });
  return buildSuite(m, token);
});

export default CovenantModule;
