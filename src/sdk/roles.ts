/**
 * The one table of who may call what in a Covenant suite: every `restricted` function of every
 * module, mapped to exactly one AccessManager role (an AccessManager maps a function to ONE role),
 * and which module contract holds which module role. The Ignition module
 * (`ignition/modules/Covenant.ts`), the test fixture (`test/helpers/suite.ts`), the deployment test
 * and the CLI all read it from here, so the wiring is written once.
 *
 * Sources: docs/treasury.md, membership.md, agreements.md, projects.md, disputes.md,
 * ip-licensing.md ("Roles" / "Deployment wiring" sections) and contracts/access/Roles.sol.
 */
import { Interface } from "ethers";
import { abiOf } from "./generated/abis";

/** Role ids of `contracts/access/Roles.sol`. */
export const ROLES = {
  ADMIN: 0n,
  COUNCIL: 1n,
  SECRETARIAT: 2n,
  EXPERT: 3n,
  SUPERVISOR: 4n,
  ARBITRATOR: 5n,
  DISCIPLINE: 6n,
  MEMBERSHIP_MODULE: 10n,
  AGREEMENTS_MODULE: 11n,
  PROJECTS_MODULE: 12n,
  IP_MODULE: 13n,
  LICENSING_MODULE: 14n,
  DISPUTES_MODULE: 15n,
} as const;

export type RoleName = keyof typeof ROLES;

/** The module contracts of a suite, by their artifact (and Ignition future) names. */
export type ModuleContract =
  | "Treasury"
  | "Membership"
  | "AgreementRegistry"
  | "AllianceGovernor"
  | "ProjectRegistry"
  | "ProjectFunding"
  | "ProjectSpending"
  | "IPRegistry"
  | "LicenseManager"
  | "LicenseProposals"
  | "DisputeResolution"
  | "RemedyExecution"
  | "BreachHistory"
  | "PanelArbitrator";

/** Contracts that have `restricted` functions. */
export type RestrictedContract =
  | "Treasury"
  | "Membership"
  | "AgreementRegistry"
  | "ProjectRegistry"
  | "ProjectSpending"
  | "IPRegistry"
  | "LicenseManager"
  | "DisputeResolution"
  | "RemedyExecution"
  | "BreachHistory"
  | "PanelArbitrator";

export interface RoleRow {
  contract: RestrictedContract;
  functions: readonly string[];
  role: RoleName;
}

/**
 * Every restricted function of every module and its one role. Order: by contract, then by role.
 * `BreachHistory.recordDefault` is deliberately absent: it is not `restricted` but checks itself
 * that the caller holds PROJECTS_MODULE or LICENSING_MODULE (two modules record defaults).
 */
export const ROLE_TABLE: readonly RoleRow[] = [
  // Treasury (docs/treasury.md)
  { contract: "Treasury", functions: ["postBond", "releaseBond"], role: "MEMBERSHIP_MODULE" },
  { contract: "Treasury", functions: ["spendAllianceFund", "sweepSurplus"], role: "COUNCIL" },
  { contract: "Treasury", functions: ["setGrantFrozen"], role: "SUPERVISOR" },
  {
    contract: "Treasury",
    functions: [
      "fundProject",
      "payFromProject",
      "refundFromProject",
      "depositGrant",
      "payFromGrant",
      "refundFromGrant",
    ],
    role: "PROJECTS_MODULE",
  },
  { contract: "Treasury", functions: ["receiveRoyalty", "payRoyalty"], role: "LICENSING_MODULE" },
  {
    contract: "Treasury",
    functions: ["postClaimBond", "releaseClaimBond", "slashToClaim", "payClaim", "receiveSettlement"],
    role: "DISPUTES_MODULE",
  },
  // Membership (docs/membership.md)
  {
    contract: "Membership",
    functions: ["admit", "rejectApplication", "expel", "setLeadUnit", "setSecretariat"],
    role: "COUNCIL",
  },
  { contract: "Membership", functions: ["suspend", "reinstate"], role: "DISCIPLINE" },
  { contract: "Membership", functions: ["onAccession"], role: "AGREEMENTS_MODULE" },
  // AgreementRegistry (docs/agreements.md; bindMembership: docs/deployment.md)
  { contract: "AgreementRegistry", functions: ["bindMembership"], role: "ADMIN" },
  { contract: "AgreementRegistry", functions: ["createCharter"], role: "SECRETARIAT" },
  { contract: "AgreementRegistry", functions: ["terminateCharter", "adoptCharter"], role: "COUNCIL" },
  // Projects (docs/projects.md)
  {
    contract: "ProjectRegistry",
    functions: ["approveProject", "rejectProject", "cancelProject"],
    role: "COUNCIL",
  },
  {
    contract: "ProjectRegistry",
    functions: ["approveSmallProject", "rejectSmallProject"],
    role: "SECRETARIAT",
  },
  { contract: "ProjectSpending", functions: ["vetoSpend"], role: "SUPERVISOR" },
  // IP and licensing (docs/ip-licensing.md)
  { contract: "IPRegistry", functions: ["setShareHook"], role: "COUNCIL" },
  { contract: "IPRegistry", functions: ["applyStatusChange"], role: "LICENSING_MODULE" },
  { contract: "LicenseManager", functions: ["grantLicense"], role: "LICENSING_MODULE" },
  { contract: "LicenseManager", functions: ["onSharesMoved"], role: "IP_MODULE" },
  {
    contract: "LicenseManager",
    functions: ["suspendLicense", "liftSuspension", "revokeLicense"],
    role: "DISPUTES_MODULE",
  },
  // Disputes (docs/disputes.md)
  {
    contract: "DisputeResolution",
    functions: ["setArbitrator", "setLicenseManager", "liftSuspensionByCouncil"],
    role: "COUNCIL",
  },
  { contract: "RemedyExecution", functions: ["execute", "liftSuspension"], role: "DISPUTES_MODULE" },
  {
    contract: "BreachHistory",
    functions: ["recordClaimEntry", "recordClaimEntries"],
    role: "DISPUTES_MODULE",
  },
  { contract: "PanelArbitrator", functions: ["createDispute"], role: "DISPUTES_MODULE" },
  { contract: "PanelArbitrator", functions: ["appointPanel", "registerAffiliation"], role: "SECRETARIAT" },
  { contract: "PanelArbitrator", functions: ["setPanelParams"], role: "COUNCIL" },
];

/** `ReservedKind` of `IAllianceGovernor.sol`. */
export const RESERVED_KIND = { None: 0, Reserved: 1, ReservedAboutMember: 2 } as const;

export interface ReservedRow {
  contract: RestrictedContract;
  functions: readonly string[];
  kind: keyof typeof RESERVED_KIND;
  /**
   * Reserve these selectors on every target (`AllianceGovernor.ANY_TARGET`, the zero address): for
   * contracts deployed after the governor, whose address the governor's constructor cannot name.
   */
  anyTarget?: true;
}

/**
 * The council decisions the Governor reserves for the charter's supermajority, given at deployment
 * (besides every call to the AccessManager, to the governor itself and to its timelock, which are
 * always reserved). `ReservedAboutMember`: the call's first argument names the one member whose
 * standing the proposal changes (B3: recused, its seat leaves the quorum base, one per proposal).
 * Admissions are `Reserved` only, so that several applicants may be admitted in one proposal.
 * Choosing who punishes members (the arbitrator, the panel's parameters, the licence manager that
 * executes licence remedies) is reserved like decisions about members' standing (B14).
 */
export const RESERVED_CALLS: readonly ReservedRow[] = [
  {
    contract: "Membership",
    functions: ["suspend", "reinstate", "expel", "setLeadUnit"],
    kind: "ReservedAboutMember",
  },
  { contract: "Membership", functions: ["admit"], kind: "Reserved" },
  // Charter-level council decisions (B1): terminating a charter-line agreement, adopting a draft.
  { contract: "AgreementRegistry", functions: ["terminateCharter", "adoptCharter"], kind: "Reserved" },
  // B14: who punishes members. Both are deployed after the governor (DisputeResolution takes it in
  // its constructor), so their selectors are reserved on every target.
  {
    contract: "DisputeResolution",
    functions: ["setArbitrator", "setLicenseManager"],
    kind: "Reserved",
    anyTarget: true,
  },
  { contract: "PanelArbitrator", functions: ["setPanelParams"], kind: "Reserved", anyTarget: true },
];

/**
 * The roles each module contract holds (granted by the Ignition module). The timelock holds
 * COUNCIL and DISCIPLINE from deployment and ADMIN from the handover (`handover()` in
 * `src/sdk/deployment.ts`).
 */
export const MODULE_GRANTS: readonly { contract: ModuleContract; roles: readonly RoleName[] }[] = [
  { contract: "Membership", roles: ["MEMBERSHIP_MODULE"] },
  { contract: "AgreementRegistry", roles: ["AGREEMENTS_MODULE"] },
  { contract: "ProjectFunding", roles: ["PROJECTS_MODULE"] },
  { contract: "ProjectSpending", roles: ["PROJECTS_MODULE"] },
  { contract: "IPRegistry", roles: ["IP_MODULE"] },
  { contract: "LicenseManager", roles: ["LICENSING_MODULE"] },
  { contract: "LicenseProposals", roles: ["LICENSING_MODULE"] },
  // The disputes module is two contracts: the claim lifecycle, and the remedies of a ruling (which
  // alone suspends members). BreachHistory holds no role.
  { contract: "DisputeResolution", roles: ["DISPUTES_MODULE"] },
  { contract: "RemedyExecution", roles: ["DISPUTES_MODULE", "DISCIPLINE"] },
];

/** Roles of the council's timelock: from deployment, and added at the handover. */
export const TIMELOCK_ROLES: readonly RoleName[] = ["COUNCIL", "DISCIPLINE"];
export const TIMELOCK_HANDOVER_ROLES: readonly RoleName[] = ["ADMIN"];

/** Roles the deployer holds during the bootstrap and renounces at the handover (ADMIN last). */
export const BOOTSTRAP_ROLES: readonly RoleName[] = ["COUNCIL", "ADMIN"];

const interfaces = new Map<RestrictedContract, Interface>();

/** The ethers `Interface` of a restricted contract, from its ABI (generated from the compiler output). */
export function interfaceOf(contract: RestrictedContract): Interface {
  let iface = interfaces.get(contract);
  if (!iface) {
    iface = new Interface(abiOf(contract));
    interfaces.set(contract, iface);
  }
  return iface;
}

/** The 4-byte selectors of `functions` of `contract`, from its ABI (throws on an unknown name). */
export function selectorsOf(contract: RestrictedContract, functions: readonly string[]): string[] {
  const iface = interfaceOf(contract);
  return functions.map((name) => {
    const f = iface.getFunction(name);
    if (!f) throw new Error(`${contract} has no function ${name}`);
    return f.selector;
  });
}

/** One row per (contract, function): its selector and role id. */
export function roleAssignments(): {
  contract: RestrictedContract;
  fn: string;
  selector: string;
  role: RoleName;
  roleId: bigint;
}[] {
  return ROLE_TABLE.flatMap((row) => {
    const sels = selectorsOf(row.contract, row.functions);
    return row.functions.map((fn, i) => ({
      contract: row.contract,
      fn,
      selector: sels[i],
      role: row.role,
      roleId: ROLES[row.role],
    }));
  });
}

/** The role a function is mapped to, or undefined when it is not restricted. */
export function roleOf(contract: RestrictedContract, fn: string): RoleName | undefined {
  return ROLE_TABLE.find((r) => r.contract === contract && r.functions.includes(fn))?.role;
}

/** The name of a role id (`roleName(1n) === "COUNCIL"`). */
export function roleName(id: bigint): RoleName | undefined {
  return (Object.keys(ROLES) as RoleName[]).find((k) => ROLES[k] === id);
}
