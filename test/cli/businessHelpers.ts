/**
 * Harness of the member-business CLI tests (project, treasury, ip, license): a `hardhat node`
 * subprocess (test/cli/helpers.ts), the whole suite deployed over JSON-RPC through the Ignition module
 * (`ignition/modules/Covenant.ts`, run by ignition-core against the node), bootstrapped like a real
 * alliance (roles named, three founders admitted, handover to the council, charter signed), and an
 * address book in a temp folder for the CLI.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import {
  Contract,
  encodeBytes32String,
  getAddress,
  type JsonRpcApiProvider,
  sha256,
  toUtf8Bytes,
  type ContractTransactionResponse,
} from "ethers";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { writeAddressBook } from "../../src/node/addressBook";
import { readProposalFile } from "../../src/node/files";
import { activateProject, proposeProject } from "../../src/sdk/actions/projects";
import { abiOf } from "../../src/node/artifacts";
import { connect } from "../../src/node/connect";
import type { CovenantClient } from "../../src/sdk/client";
import { DEFAULT_GENESIS, MODULE_ID, TEST_TOKEN_MODULE_ID } from "../../src/sdk/deployment";
import { projectTermsHash, type ProjectProposalInput } from "../../src/sdk/projectTerms";
import { clausesFromJson, type ClauseJson } from "../../src/sdk/terms";
import {
  chainState,
  deployAndBootstrapRpc,
  runCli,
  startFullSuite,
  startInProcessChain,
  tempDir,
  type CliResult,
} from "./helpers";

export const DAY = 24 * 60 * 60;
export const UNIT = 10n ** 6n;
export const u = (n: number | bigint): bigint => BigInt(n) * UNIT;
export const sha = (s: string): string => sha256(toUtf8Bytes(s));

/** Node account indexes by role. */
export const ACC = {
  deployer: 0,
  secretariat: 1,
  expert: 2,
  supervisor: 3,
  founders: [8, 9, 10],
  licensee: 11,
  stranger: 12,
  staff: [13, 14, 15],
} as const;

/** The genesis charter of the tests: one expert review suffices. */
export const CHARTER_PARAMS = { ...DEFAULT_GENESIS, minReviews: 1 };
export const CONTRIBUTION_SCHEDULE: ClauseJson[] = [
  { id: "5.2", damagesCap: u(1_000).toString(), remedies: ["DAMAGES"] },
];

export interface BusinessNode {
  url: string;
  provider: JsonRpcApiProvider;
  accounts: string[];
  /** Address book names -> addresses. */
  addresses: Record<string, string>;
  /** The CLI's environment (COVENANT_DEPLOYMENTS_DIR). */
  env: Record<string, string>;
  /** A folder for the files the tests write. */
  work: string;
  /** Connected contract (read/write as account `from`) by address book name. */
  contract(name: string, from?: number): Promise<Contract>;
  /** An SDK client acting as node account `from`. */
  client(from?: number): Promise<CovenantClient>;
  /** `covenant --rpc <node> ...args` as a subprocess. */
  cli(args: string[], extra?: Record<string, string>): Promise<CliResult>;
  /** Nonces of every role account and the block number (what a refusal must not change). */
  state(): Promise<string>;
  stop(): Promise<void>;
}

async function sent(p: Promise<ContractTransactionResponse>): Promise<void> {
  const r = await (await p).wait();
  if (!r || r.status !== 1) throw new Error("transaction failed");
}

/** On the in-process chain: deploys and bootstraps the whole suite (the SDK path of `covenant deploy`), writes the address book. */
export async function startBusinessNode(): Promise<BusinessNode> {
  const { url, provider, eip1193 } = await startInProcessChain();
  const accounts = ((await provider.send("eth_accounts", [])) as string[]).map((a) => getAddress(a));
  const names = ["中国第一汽车集团 / FAW", "中国钢研科技集团 / CISRI", "清华大学 / Tsinghua"];
  const book = await deployAndBootstrapRpc(provider, {
    parameters: {
      [TEST_TOKEN_MODULE_ID]: { name: "Test Yuan", symbol: "TCNY", decimals: 6 },
      [MODULE_ID]: { minReviews: 1 },
    },
    founders: ACC.founders.map((index, k) => ({
      index,
      name: names[k],
      kind: k,
      entityCode: `91110000MA0000000${k}`,
    })),
    secretariat: ACC.secretariat,
    roles: { EXPERT: [ACC.expert], SUPERVISOR: [ACC.supervisor] },
    mint: CHARTER_PARAMS.bondAmount,
  });
  const dir = tempDir("business-deployments");
  writeAddressBook(book, dir);
  const addresses = book.contracts as Record<string, string>;
  const at = async (name: string, from = 0) => {
    const artifact = name === "SettlementToken" ? "TestToken" : name;
    return new Contract(addresses[name], abiOf(artifact)!, await provider.getSigner(from));
  };
  const founders = ACC.founders.map((i) => accounts[i]);

  // the charter, created by the secretariat and signed by the founders
  const registry = await at("AgreementRegistry", ACC.secretariat);
  const charterDoc = sha("charter v1");
  const charterTerms = sha("charter terms v1");
  await sent(
    registry.getFunction("createCharter")(
      {
        kind: 0,
        parentId: 0,
        documentHash: charterDoc,
        termsHash: charterTerms,
        uri: "ipfs://charter",
        parties: founders,
        clauses: [{ clauseId: encodeBytes32String("7.1"), damagesCap: u(5_000), remedies: 31 }],
      },
      CHARTER_PARAMS,
    ),
  );
  const charterId = (await registry.getFunction("agreementCount")()) as bigint;
  for (const i of ACC.founders) {
    await sent((await at("AgreementRegistry", i)).getFunction("sign")(charterId, charterDoc, charterTerms));
  }
  await provider.send("evm_mine", []);

  const env = { COVENANT_DEPLOYMENTS_DIR: dir };
  const work = tempDir("business-files");
  const watched = [
    ACC.deployer,
    ACC.secretariat,
    ACC.expert,
    ACC.supervisor,
    ...ACC.founders,
    ACC.licensee,
    ACC.stranger,
  ].map((i) => accounts[i]);
  return {
    url,
    provider,
    accounts,
    addresses,
    env,
    work,
    contract: at,
    client: (from = 0) => connect({ rpc: url, from: String(from), deploymentsDir: dir, provider: eip1193 }),
    cli: (args, extra = {}) => runCli(["--rpc", url, ...args], { ...env, ...extra }),
    state: () => chainState(provider, watched),
    stop: async () => {
      provider.destroy();
    },
  };
}

/**
 * Fixture (`loadFixture`) under every whole-suite CLI test: the full CLI test suite
 * ({@link startFullSuite}) and the member-business suite ({@link startBusinessNode}) deployed once,
 * side by side on the in-process chain, each with its own address book. Both fixtures below start
 * from this one snapshot, so going back to one never throws the other away (a snapshot taken later
 * is gone once the chain reverts to an earlier one).
 */
export async function suitesFixture() {
  return { full: await startFullSuite(), business: await startBusinessNode() };
}

/** Fixture of the claim, history and agreement tests: the full CLI test suite ({@link suitesFixture}). */
export async function fullSuiteFixture() {
  return (await loadFixture(suitesFixture)).full;
}

/**
 * Fixture of every member-business test file: the business suite, deployed and bootstrapped, charter
 * in force ({@link suitesFixture}); each test reverts to this snapshot (or to a fixture built on it).
 */
export async function businessFixture(): Promise<BusinessNode> {
  return (await loadFixture(suitesFixture)).business;
}

/**
 * Fixture: on {@link businessFixture}, the 50/30/20 project of {@link writeProposal} proposed by the
 * lead founder, reviewed, approved, its agreement signed by the three founders and the project
 * activated (nothing contributed yet).
 */
export async function activeProjectFixture(): Promise<{
  n: BusinessNode;
  projectId: bigint;
  agreementId: bigint;
  proposal: ProjectProposalInput;
}> {
  const n = await loadFixture(businessFixture);
  const lead = await n.client(ACC.founders[0]);
  const now = (await n.provider.getBlock("latest"))!.timestamp;
  const proposal = readProposalFile(writeProposal(n, "active-project.json"), { decimals: 6, now });
  const { projectId } = await proposeProject(lead, { proposal });
  const agreementId = await approveAndSign(n, projectId, proposal);
  await activateProject(lead, { projectId, agreementId });
  lead.provider.destroy();
  return { n, projectId, agreementId, proposal };
}

/** Writes `body` to `<work>/<name>` and returns the path. */
export function writeFile(n: BusinessNode, name: string, body: string | Uint8Array): string {
  const file = path.join(n.work, name);
  fs.writeFileSync(file, body);
  return file;
}

/** Mints `amount` of the settlement token to account `index`. */
export async function mint(n: BusinessNode, index: number, amount: bigint): Promise<void> {
  const token = await n.contract("SettlementToken");
  await sent(token.getFunction("mint")(n.accounts[index], amount));
}

/**
 * A proposal file of a 50/30/20 project of the three founders (budget 10 000, a 3 000 grant from the
 * supervisor's account on lines 0 and 1), with its documents; returns its path.
 */
export function writeProposal(
  n: BusinessNode,
  name = "proposal.json",
  over: Record<string, unknown> = {},
): string {
  const [a, b, c] = ACC.founders.map((i) => n.accounts[i]);
  for (const f of ["plan.md", "task-a.md", "task-b.md", "task-c.md", "m1.md"])
    writeFile(n, f, `${f} of ${name}\n`);
  const proposal = {
    title: "高强度汽车钢联合实验室 / High-strength automotive steel joint lab",
    document: "plan.md",
    lead: a,
    participants: [
      { account: a, costShareBps: 5000, ipShareBps: 4000, task: "task-a.md" },
      { account: b, costShareBps: 3000, ipShareBps: 4000, task: "task-b.md" },
      { account: c, costShareBps: 2000, ipShareBps: 2000, task: "task-c.md" },
    ],
    budgetLines: [
      { category: "Equipment", amount: "6000" },
      { category: "Personnel", amount: "3000" },
      { category: "Travel", amount: "1000" },
    ],
    milestones: [{ due: "+120d", spec: "m1.md" }],
    installments: ["+30d", "+90d"],
    grant: { amount: "3000", funder: n.accounts[ACC.supervisor], lines: [0, 1] },
    contributionClause: "5.2",
    penaltySchedule: [{ id: "5.2", damagesCap: "1000", remedies: ["DAMAGES"] }],
    ...over,
  };
  return writeFile(n, name, JSON.stringify(proposal, null, 2));
}

/**
 * Reviews (expert; unless `screen` is false), approves (secretariat: budget below its limit), creates
 * and signs the project agreement carrying the proposal's terms hash; returns the agreement id
 * (activation is left to the test).
 */
export async function approveAndSign(
  n: BusinessNode,
  projectId: bigint,
  proposal: ProjectProposalInput | { termsHash: string },
  opts: { screen?: boolean } = {},
): Promise<bigint> {
  if (opts.screen ?? true) {
    await sent(
      (await n.contract("ProjectRegistry", ACC.expert)).getFunction("submitReview")(
        projectId,
        80,
        sha("opinion"),
      ),
    );
  }
  await sent(
    (await n.contract("ProjectRegistry", ACC.secretariat)).getFunction("approveSmallProject")(projectId),
  );
  const doc = sha(`project agreement ${projectId}`);
  const terms = "termsHash" in proposal ? proposal.termsHash : projectTermsHash(proposal);
  const reg = await n.contract("AgreementRegistry", ACC.founders[0]);
  await sent(
    reg.getFunction("createAgreement")({
      kind: 1,
      parentId: 0,
      documentHash: doc,
      termsHash: terms,
      uri: "ipfs://project-agreement",
      parties: ACC.founders.map((i) => n.accounts[i]),
      clauses: clausesFromJson(CONTRIBUTION_SCHEDULE),
    }),
  );
  const agreementId = (await reg.getFunction("agreementCount")()) as bigint;
  for (const i of ACC.founders) {
    await sent((await n.contract("AgreementRegistry", i)).getFunction("sign")(agreementId, doc, terms));
  }
  return agreementId;
}

/** Moves the node's clock and mines a block. */
export async function advance(n: BusinessNode, seconds: number): Promise<void> {
  await n.provider.send("evm_increaseTime", [seconds]);
  await n.provider.send("evm_mine", []);
}

/** Every refusal: the exit code, exactly one `error:` line matching `pattern`, no stack, empty stdout. */
export function expectRefused(r: CliResult, code: number, pattern: RegExp): void {
  const lines = r.stderr.split("\n").filter((l) => l.length > 0);
  expect(lines, `stderr: ${r.stderr}`).to.have.length(1);
  expect(lines[0]).to.match(/^error: /);
  expect(lines[0]).to.match(pattern);
  expect(r.stderr).not.to.match(/\n\s+at /);
  expect(r.stdout).to.equal("");
  expect(r.code, `stderr: ${r.stderr}`).to.equal(code);
}

/** Runs a command that must be refused and checks that nothing was sent (nonces and block unchanged). */
export async function expectNothingSent(
  n: BusinessNode,
  args: string[],
  code: number,
  pattern: RegExp,
): Promise<CliResult> {
  const before = await n.state();
  const r = await n.cli(args);
  expectRefused(r, code, pattern);
  expect(await n.state()).to.equal(before);
  return r;
}

/** Parses a command's JSON output after checking it succeeded. */
export function okJson<T = Record<string, unknown>>(r: CliResult): T {
  expect(r.code, `stderr: ${r.stderr}`).to.equal(0);
  return JSON.parse(r.stdout) as T;
}
