/**
 * Deployment of a Covenant suite, shared by `ignition/modules/Covenant.ts`, `scripts/deploy.ts`,
 * `scripts/handover.ts`, the test fixture and the CLI: the default parameters, the address book
 * (`deployments/<chainId>.json`, read by the CLI's `src/sdk/addressBook.ts`) written from Ignition's
 * `deployed_addresses.json`, the bootstrap of founding members and the handover to the council.
 * See docs/deployment.md.
 */
import { getAddress, type ContractRunner, type Provider, type Signer } from "ethers";
import type { RoleName } from "./roles";

const DAY = 24 * 60 * 60;
const UNIT = 10n ** 6n;

/** The id of the Ignition module (and the prefix of its future ids and parameters). */
export const MODULE_ID = "Covenant";
/** The id of the sub-module deploying the test settlement token. */
export const TEST_TOKEN_MODULE_ID = "CovenantTestToken";

/**
 * Genesis charter parameters: what applies until the first charter is in force (`ICharter`'s
 * `CharterParams`). Amounts are in units of a 6-decimal settlement token (the test yuan); set them
 * for your token's decimals when you deploy with an existing one.
 */
export const DEFAULT_GENESIS = {
  bondAmount: 1_000n * UNIT,
  maxMembers: 100,
  noticePeriod: 90 * DAY,
  noticeValidity: 30 * DAY,
  reapplicationCooloff: 180 * DAY,
  supermajorityBps: 6667,
  quorumBps: 5000,
  /** `AmendmentRule.MemberSignatures` (0): the first charter lists exactly the founders (B1). */
  amendmentRule: 0,
  amendmentPeriod: 60 * DAY,
  grantCapBps: 3000,
  secretariatBudgetLimit: 50_000n * UNIT,
  minReviews: 2,
  approvalShareBps: 5000,
  gracePeriod: 30 * DAY,
  latePenaltyBps: 500,
  vetoWindow: 7 * DAY,
  levyBps: 500,
  rofrWindow: 30 * DAY,
  transfersToNonMembers: false,
  royaltyGracePeriod: 30 * DAY,
  contestWindow: 30 * DAY,
  claimBond: 100n * UNIT,
  curePeriod: 14 * DAY,
  answerPeriod: 14 * DAY,
};

export type GenesisParams = typeof DEFAULT_GENESIS;

/**
 * Council and arbitration settings. `proposalThreshold` is 0 so that `DisputeResolution` (which
 * holds no seat) can put an expulsion remedy to the council; only seats vote, so a proposal by a
 * non-member decides nothing by itself.
 */
export const DEFAULT_SETTINGS = {
  votingDelay: DAY,
  votingPeriod: 7 * DAY,
  proposalThreshold: 0,
  queueWindow: 14 * DAY,
  timelockDelay: 2 * DAY,
  panelSize: 3,
  panelVotingPeriod: 5 * DAY,
  panelAppealWindow: 7 * DAY,
  ipMetadataUri: "https://covenant.example/ip/{id}.json",
};

export type SuiteSettings = typeof DEFAULT_SETTINGS;

/** The test settlement token deployed when no existing token is given. */
export const DEFAULT_TEST_TOKEN = { name: "Covenant Test Yuan", symbol: "tCNY", decimals: 6 };

/**
 * Names in the address book (the CLI's `CONTRACT_NAMES`) -> the Ignition future id that deployed
 * each. The settlement token is `SettlementToken` whether it is the test token or an existing one.
 */
export const ADDRESS_BOOK_FUTURES: Record<string, string[]> = {
  SettlementToken: [`${TEST_TOKEN_MODULE_ID}#TestToken`, `${MODULE_ID}#SettlementToken`],
  AccessManager: [`${MODULE_ID}#AccessManager`],
  Treasury: [`${MODULE_ID}#Treasury`],
  Membership: [`${MODULE_ID}#Membership`],
  AgreementRegistry: [`${MODULE_ID}#AgreementRegistry`],
  TimelockController: [`${MODULE_ID}#TimelockController`],
  AllianceGovernor: [`${MODULE_ID}#AllianceGovernor`],
  ProjectRegistry: [`${MODULE_ID}#ProjectRegistry`],
  ProjectFunding: [`${MODULE_ID}#ProjectFunding`],
  ProjectSpending: [`${MODULE_ID}#ProjectSpending`],
  IPRegistry: [`${MODULE_ID}#IPRegistry`],
  LicenseManager: [`${MODULE_ID}#LicenseManager`],
  LicenseProposals: [`${MODULE_ID}#LicenseProposals`],
  DisputeResolution: [`${MODULE_ID}#DisputeResolution`],
  RemedyExecution: [`${MODULE_ID}#RemedyExecution`],
  BreachHistory: [`${MODULE_ID}#BreachHistory`],
  PanelArbitrator: [`${MODULE_ID}#PanelArbitrator`],
};

/** `deployments/<chainId>.json`, the format the CLI's address book reads. */
export interface AddressBook {
  chainId: number;
  contracts: Record<string, string>;
  deployedAt: string;
}

/** Builds the address book from Ignition's `deployed_addresses.json` (future id -> address). */
export function addressBookFrom(
  deployed: Record<string, string>,
  chainId: number,
  deployedAt: Date = new Date(),
): AddressBook {
  const contracts: Record<string, string> = {};
  for (const [name, futures] of Object.entries(ADDRESS_BOOK_FUTURES)) {
    const id = futures.find((f) => deployed[f] !== undefined);
    if (!id) throw new Error(`Ignition deployment has no ${futures.join(" / ")} (incomplete deployment?)`);
    contracts[name] = getAddress(deployed[id]);
  }
  return { chainId, contracts, deployedAt: deployedAt.toISOString() };
}

/** The addresses `handover` and `bootstrap` need. */
export interface SuiteAddresses {
  AccessManager: string;
  TimelockController: string;
  Membership: string;
}

/**
 * A client over just the bootstrap's contracts, for the signer-based entry points below (scripts,
 * test fixtures): the chain id is read from the signer's provider.
 */
async function bootstrapClient(deployer: Signer, book: Partial<SuiteAddresses>) {
  const { createClient } = await import("./client");
  const network = await deployer.provider?.getNetwork();
  return createClient({
    runner: deployer,
    book: { chainId: Number(network?.chainId ?? 31337n), contracts: book, deployedAt: "" },
  });
}

/**
 * Founding members the deployer admits while it still holds COUNCIL (they applied first): the
 * signer-based form of the action `admitFounders` (sdk/actions/deployment.ts), which sends.
 */
export async function admitFounders(
  deployer: Signer,
  book: SuiteAddresses,
  founders: string[],
  organisation?: { leadUnit: string; secretariat: string },
): Promise<void> {
  const actions = await import("./actions/deployment");
  await actions.admitFounders(await bootstrapClient(deployer, book), { founders, ...organisation });
}

/** Grants `role` to each account (deployer, while it holds ADMIN); skips holders. Signer-based form of `grantRoles`. */
export async function grantRoles(
  deployer: Signer,
  book: Pick<SuiteAddresses, "AccessManager">,
  role: RoleName,
  accounts: string[],
): Promise<void> {
  const actions = await import("./actions/deployment");
  await actions.grantRoles(await bootstrapClient(deployer, book), { role, accounts });
}

/** Where a suite stands in its handover, read from the chain (the action `handoverState`). */
export async function handoverState(
  runner: ContractRunner,
  book: SuiteAddresses,
  deployer: string,
): Promise<{ timelockRoles: RoleName[]; deployerRoles: RoleName[]; timelockAdminsItself: boolean }> {
  const { createClient } = await import("./client");
  const actions = await import("./actions/deployment");
  const network = await (runner.provider ?? (runner as Provider)).getNetwork();
  const client = createClient({
    runner,
    book: { chainId: Number(network.chainId), contracts: book, deployedAt: "" },
  });
  return actions.handoverState(client, { deployer });
}

/**
 * The handover (the action `handover` of sdk/actions/deployment.ts, signed by `deployer`): the
 * council's timelock becomes the only ADMIN and the deployer renounces every role, ADMIN last.
 * Idempotent; refused while the alliance has no active member.
 */
export async function handover(deployer: Signer, book: SuiteAddresses): Promise<void> {
  const actions = await import("./actions/deployment");
  await actions.handover(await bootstrapClient(deployer, book));
}
