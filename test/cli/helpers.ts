import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {
  Contract,
  ContractFactory,
  getAddress,
  sha256,
  toUtf8Bytes,
  ZeroAddress,
  type ContractTransactionResponse,
  type Eip1193Provider,
  type JsonRpcApiProvider,
  BrowserProvider,
  type Signer,
} from "ethers";
import { findArtifact, REPO_ROOT } from "../../src/node/artifacts";

export const BIN = path.join(REPO_ROOT, "bin", "covenant.js");

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The URL that stands for Hardhat's in-process chain: a CLI run given it (as `--rpc`, or in
 * COVENANT_RPC_URL) gets `hre.network.provider` instead of a connection.
 */
export const IN_PROCESS_URL = "http://in-process.hardhat.invalid";

/**
 * Hardhat's in-process chain (the one `hardhat test` runs on) as an ethers provider, with the
 * stand-in URL the CLI tests pass as `--rpc`. Its accounts are the dev chain's unlocked accounts.
 */
export async function startInProcessChain(): Promise<{
  url: string;
  provider: BrowserProvider;
  eip1193: Eip1193Provider;
}> {
  const hre = (await import("hardhat")).default;
  const eip1193 = hre.network.provider as unknown as Eip1193Provider;
  const provider = new BrowserProvider(eip1193, 31337, { cacheTimeout: -1 });
  return { url: IN_PROCESS_URL, provider, eip1193 };
}

/** A `hardhat node` subprocess on a free port; resolves once it answers JSON-RPC. */
export async function startHardhatNode(): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, "node_modules", "hardhat", "internal", "cli", "cli.js"),
      "node",
      "--port",
      String(port),
    ],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("Started HTTP")) resolve();
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    proc.once("exit", (code) => reject(new Error(`hardhat node exited (${code}): ${out.slice(-500)}`)));
  });
  proc.stdout!.resume();
  proc.stderr!.resume();
  return { url: `http://127.0.0.1:${port}`, proc };
}

export function stopNode(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once("exit", () => resolve());
    proc.kill("SIGTERM");
  });
}

/**
 * A fake JSON-RPC node for chains we cannot start here (a "real" chain id): answers eth_chainId,
 * eth_blockNumber, eth_getCode and eth_accounts; `html: true` answers a web page instead.
 */
export async function startFakeRpc(
  chainId: number,
  opts: { html?: boolean } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      if (opts.html) {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html><body>not a node</body></html>");
        return;
      }
      const reply = (msg: { id: unknown; method: string }) => {
        const results: Record<string, unknown> = {
          eth_chainId: `0x${chainId.toString(16)}`,
          net_version: String(chainId),
          eth_blockNumber: "0x10",
          eth_getCode: "0x",
          eth_accounts: [],
        };
        return msg.method in results
          ? { jsonrpc: "2.0", id: msg.id, result: results[msg.method] }
          : { jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "method not found" } };
      };
      const parsed = JSON.parse(body) as { id: unknown; method: string } | { id: unknown; method: string }[];
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(Array.isArray(parsed) ? parsed.map(reply) : reply(parsed)));
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Deploys a compiled contract of this project by artifact name. */
export async function deployArtifact(name: string, signer: Signer, ...args: unknown[]) {
  const a = findArtifact(name);
  if (!a?.bytecode) throw new Error(`no artifact for ${name}`);
  const f = new ContractFactory(a.abi, a.bytecode, signer);
  const c = await f.deploy(...args);
  await c.waitForDeployment();
  return c as Contract;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `covenant-${prefix}-`));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a CLI run: the caller's without its COVENANT_* variables, no colours, plus `env`. */
function cliEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const base: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("COVENANT_")) base[k] = v;
  return { ...base, NO_COLOR: "1", FORCE_COLOR: "0", ...env };
}

/** A stream that keeps what is written to it (no TTY: no spinners, no colours). */
function buffer(): { write(s: string): boolean; text(): string } {
  const parts: string[] = [];
  return {
    write(s: string) {
      parts.push(typeof s === "string" ? s : String(s));
      return true;
    },
    text: () => parts.join(""),
  };
}

/**
 * Runs `covenant ...args` in this process (`main(argv, { stdout, stderr, env, provider })` of
 * src/cli/main.ts) with a clean environment (no COVENANT_* from the caller) plus `env`; with
 * `provider` (e.g. Hardhat's in-process chain), that provider replaces any RPC URL.
 */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  provider?: Eip1193Provider,
): Promise<CliResult> {
  const { main } = await import("../../src/cli/main");
  if (!provider && (args.includes(IN_PROCESS_URL) || Object.values(env).includes(IN_PROCESS_URL))) {
    const hre = (await import("hardhat")).default;
    provider = hre.network.provider as unknown as Eip1193Provider;
  }
  const stdout = buffer();
  const stderr = buffer();
  const code = await main([process.execPath, BIN, ...args], { stdout, stderr, env: cliEnv(env), provider });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The newest modification time of the `.ts` files under `dir`. */
function newestTs(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestTs(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

let built = false;
/**
 * The bundled CLI (`dist/cli/`, what `bin/covenant.js` runs) as of the sources: bundled again with
 * `npm run build:ts` when missing or older than a source, so the smoke tests never run stale code.
 */
export function ensureBuilt(): void {
  if (built) return;
  const main = path.join(REPO_ROOT, "dist", "cli", "main.js");
  const sources = ["src", "ignition/modules", "typechain-types"].map((d) =>
    newestTs(path.join(REPO_ROOT, d)),
  );
  if (!fs.existsSync(main) || fs.statSync(main).mtimeMs < Math.max(...sources)) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "build-cli.js")], {
      cwd: REPO_ROOT,
      stdio: "inherit",
    });
  }
  built = true;
}

/** Runs `node bin/covenant.js ...args` (the compiled CLI) as a subprocess with a clean environment plus `env` (smoke tests). */
export function runCliProcess(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  ensureBuilt();
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: cliEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    proc.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Nonce and block number: what must not change when a command is refused. Raw RPC calls, so that
 * ethers' short request cache cannot hand back a value from before the last transaction.
 */
export async function chainState(provider: JsonRpcApiProvider, accounts: string[]): Promise<string> {
  const block = BigInt((await provider.send("eth_blockNumber", [])) as string);
  const nonces = await Promise.all(
    accounts.map(async (a) =>
      BigInt((await provider.send("eth_getTransactionCount", [a, "latest"])) as string),
    ),
  );
  return JSON.stringify({ block: block.toString(), nonces: nonces.map(String) });
}

const DAY = 24 * 60 * 60;

/** Time windows of the CLI test suite: short, so the test moves the node's clock by seconds. */
export const SUITE_TIMES = {
  votingDelay: 1,
  votingPeriod: 100,
  timelockDelay: 10,
  queueWindow: 1000,
  noticePeriod: DAY,
};

/** Charter parameters of the CLI test suite (bond: 1000 tokens of 6 decimals). */
export function cliCharterParams() {
  return {
    bondAmount: 1_000_000_000n,
    maxMembers: 100,
    noticePeriod: SUITE_TIMES.noticePeriod,
    noticeValidity: 30 * DAY,
    reapplicationCooloff: 180 * DAY,
    supermajorityBps: 6667,
    quorumBps: 5000,
    amendmentRule: 0,
    amendmentPeriod: 60 * DAY,
    grantCapBps: 3000,
    secretariatBudgetLimit: 50_000_000_000n,
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
    claimBond: 100_000_000n,
    curePeriod: 14 * DAY,
    answerPeriod: 14 * DAY,
  };
}

const ROLE = { ADMIN: 0n, COUNCIL: 1n, SECRETARIAT: 2n, DISCIPLINE: 6n, MEMBERSHIP_MODULE: 10n } as const;

function selectors(c: Contract, names: string[]): string[] {
  return names.map((n) => c.interface.getFunction(n)!.selector);
}

/**
 * Deploys, over JSON-RPC with plain ethers, the part of a suite the member and council commands
 * use: TestToken, AccessManager, MockCharter (standing in for AgreementRegistry), Treasury,
 * BreachHistory, Membership, TimelockController and AllianceGovernor, wired as in test/helpers/suite.ts; founders
 * (unlocked accounts by index, kinds Enterprise, University, ...) are admitted by the deployer, who then
 * gives up COUNCIL and ADMIN so that only the timelock holds them.
 */
export async function deployMemberSuite(
  provider: JsonRpcApiProvider,
  founderIndexes: number[],
): Promise<Record<string, Contract>> {
  const deployer = await provider.getSigner(0);
  const secretariat = await provider.getSigner(1);
  const token = await deployArtifact("TestToken", deployer, "Test Yuan", "TCNY", 6);
  const manager = await deployArtifact("AccessManager", deployer, deployer.address);
  const charter = await deployArtifact("MockCharter", deployer, cliCharterParams());
  const treasury = await deployArtifact("Treasury", deployer, manager.target, token.target);
  // Membership reads the open claims against a member from the breach history (B6).
  const breachHistory = await deployArtifact("BreachHistory", deployer, manager.target);
  const membership = await deployArtifact(
    "Membership",
    deployer,
    manager.target,
    charter.target,
    treasury.target,
    breachHistory.target,
  );
  const timelock = await deployArtifact(
    "TimelockController",
    deployer,
    SUITE_TIMES.timelockDelay,
    [],
    [ZeroAddress],
    deployer.address,
  );
  const reserved = [
    ...selectors(membership, ["admit", "suspend", "reinstate", "expel"]).map((selector) => ({
      target: membership.target,
      selector,
      kind: 2,
    })),
    { target: manager.target, selector: "0x00000000", kind: 1 },
  ];
  const governor = await deployArtifact(
    "AllianceGovernor",
    deployer,
    membership.target,
    timelock.target,
    charter.target,
    {
      votingDelay: SUITE_TIMES.votingDelay,
      votingPeriod: SUITE_TIMES.votingPeriod,
      proposalThreshold: 1,
      queueWindow: SUITE_TIMES.queueWindow,
    },
    reserved,
  );
  const send = async (p: Promise<ContractTransactionResponse>) => (await p).wait();
  const call = (c: Contract, fn: string, ...args: unknown[]) =>
    send(c.getFunction(fn).send(...args) as Promise<ContractTransactionResponse>);

  await call(timelock, "grantRole", await timelock.getFunction("PROPOSER_ROLE")(), governor.target);
  await call(timelock, "grantRole", await timelock.getFunction("CANCELLER_ROLE")(), governor.target);
  await call(timelock, "renounceRole", await timelock.getFunction("DEFAULT_ADMIN_ROLE")(), deployer.address);
  await call(
    manager,
    "setTargetFunctionRole",
    membership.target,
    selectors(membership, ["admit", "rejectApplication", "expel", "setLeadUnit", "setSecretariat"]),
    ROLE.COUNCIL,
  );
  await call(
    manager,
    "setTargetFunctionRole",
    membership.target,
    selectors(membership, ["suspend", "reinstate"]),
    ROLE.DISCIPLINE,
  );
  await call(
    manager,
    "setTargetFunctionRole",
    treasury.target,
    selectors(treasury, ["postBond", "releaseBond"]),
    ROLE.MEMBERSHIP_MODULE,
  );
  await call(manager, "grantRole", ROLE.MEMBERSHIP_MODULE, membership.target, 0);
  await call(manager, "grantRole", ROLE.COUNCIL, timelock.target, 0);
  await call(manager, "grantRole", ROLE.DISCIPLINE, timelock.target, 0);
  await call(manager, "grantRole", ROLE.ADMIN, timelock.target, 0);
  await call(manager, "grantRole", ROLE.SECRETARIAT, secretariat.address, 0);
  await call(manager, "grantRole", ROLE.COUNCIL, deployer.address, 0);

  const kinds = [0, 1, 2];
  const bond = cliCharterParams().bondAmount;
  for (const [i, index] of founderIndexes.entries()) {
    const f = await provider.getSigner(index);
    await call(token, "mint", f.address, bond);
    await call(token.connect(f) as Contract, "approve", treasury.target, bond);
    await call(
      membership.connect(f) as Contract,
      "applyForMembership",
      sha256(toUtf8Bytes(`91110000MA${String(i).padStart(8, "0")}`)),
      `Founder ${i}`,
      kinds[i % kinds.length],
      sha256(toUtf8Bytes(`profile:${i}`)),
    );
    await call(membership, "admit", f.address);
  }
  const lead = await provider.getSigner(founderIndexes[0]);
  await call(membership, "setLeadUnit", lead.address);
  await call(membership, "setSecretariat", secretariat.address);
  await call(manager, "renounceRole", ROLE.COUNCIL, deployer.address);
  await call(manager, "renounceRole", ROLE.ADMIN, deployer.address);
  await advance(provider, 1);
  return { token, manager, charter, treasury, membership, timelock, governor };
}

/** Moves the node's clock `seconds` forward and mines a block (test-only Hardhat/anvil RPC methods). */
export async function advance(provider: JsonRpcApiProvider, seconds: number): Promise<void> {
  await provider.send("evm_increaseTime", [seconds]);
  await provider.send("evm_mine", []);
}

// ------------------------------------------------------------------ the whole suite over JSON-RPC

/** Windows of the full CLI test suite, in seconds (short, so tests move the node's clock). */
export const FULL_SUITE_TIMES = {
  curePeriod: DAY,
  answerPeriod: DAY,
  // B16: the panel's windows have a one-day floor.
  panelVotingPeriod: DAY,
  panelAppealWindow: DAY,
};

/** Accounts (node indexes) of the full CLI test suite. */
export const FULL_SUITE_ACCOUNTS = {
  deployer: 0,
  secretariat: 1,
  expert: 2,
  supervisor: 3,
  arbitrator: 4,
  /** Holds PROJECTS_MODULE: a stand-in for ProjectFunding that records defaults directly. */
  defaultRecorder: 5,
  stranger: 6,
  /** Founders 0..3: admitted by the bootstrap. */
  founders: [7, 8, 9, 10],
};

/** Names of the founders (UTF-8, as in the article's cases). */
export const FOUNDER_NAMES = ["中国第一汽车集团", "中国钢研科技集团", "清华大学", "通威股份"];

export interface RpcSuite {
  addresses: Record<string, string>;
  /** The block of the first deployment transaction (for bounded event scans). */
  deployedBlock: number;
  /** Genesis claim bond and performance bond (6-decimal units). */
  claimBond: bigint;
  bondAmount: bigint;
}

/** A founder of a test suite: node account index, name, kind (index into MEMBER_KIND), entity code. */
export interface TestFounder {
  index: number;
  name: string;
  kind: number;
  entityCode: string;
}

/**
 * Deploys the whole suite over JSON-RPC through the SDK's Ignition path (`deploySuite` of
 * `src/sdk/ignition.ts`, the one `covenant deploy suite` and `npm run deploy` use; in memory, no
 * journal), then bootstraps it through the SDK as `covenant deploy founders` does: each founder
 * gets `mint` tokens and applies with its bond (in-process), then `bootstrapFounders` grants the
 * roles, admits them and names the lead unit (the first founder) and the secretariat; `extraRoles`
 * are granted with `grantRoles` (e.g. PROJECTS_MODULE to a stand-in); the SDK's `handover()` ends
 * it unless `handover` is false. Returns the address book (with `deployedBlock`).
 */
export async function deployAndBootstrapRpc(
  provider: JsonRpcApiProvider,
  opts: {
    parameters: Record<string, Record<string, unknown>>;
    founders: TestFounder[];
    secretariat: number;
    roles?: Partial<Record<"EXPERT" | "SUPERVISOR" | "ARBITRATOR", number[]>>;
    extraRoles?: [string, number][];
    mint: bigint;
    handover?: boolean;
  },
) {
  const { deploySuite } = await import("../../src/node/ignition");
  const { bootstrapFounders, grantRoles, handover } = await import("../../src/sdk/actions/deployment");
  const { createClient } = await import("../../src/sdk/client");
  const { MEMBER_KIND } = await import("../../src/sdk/errors");
  const accounts = (await provider.send("eth_accounts", [])) as string[];
  const { book } = await deploySuite({
    provider: { request: ({ method, params }) => provider.send(method, (params as unknown[]) ?? []) },
    chainId: 31337n,
    deployer: accounts[0],
    parameters: opts.parameters,
    fast: true,
  });
  const deployer = await provider.getSigner(0);
  const at = (name: string, signer: Signer) =>
    new Contract(
      book.contracts[name]!,
      findArtifact(name === "SettlementToken" ? "TestToken" : name)!.abi,
      signer,
    );
  const send = async (p: Promise<unknown>) => {
    const r = await ((await p) as ContractTransactionResponse).wait();
    if (!r || r.status !== 1) throw new Error("bootstrap transaction failed");
  };
  const membership = at("Membership", deployer);
  const bond = (await (at("AgreementRegistry", deployer) as Contract).charterParams()).bondAmount as bigint;
  for (const f of opts.founders) {
    const signer = await provider.getSigner(f.index);
    await send(at("SettlementToken", deployer).getFunction("mint")(signer.address, opts.mint));
    await send(at("SettlementToken", signer).getFunction("approve")(book.contracts.Treasury, bond));
    await send(
      (membership.connect(signer) as Contract).getFunction("applyForMembership")(
        sha256(toUtf8Bytes(f.entityCode.toUpperCase())),
        f.name,
        f.kind,
        sha256(toUtf8Bytes(`profile:${f.name}`)),
      ),
    );
  }
  const client = createClient({
    runner: deployer,
    book: { chainId: 31337, contracts: book.contracts, deployedAt: "" },
  });
  const who = (i: number) => accounts[i];
  await bootstrapFounders(client, {
    plan: {
      founders: opts.founders.map((f) => ({
        name: f.name,
        kind: MEMBER_KIND[f.kind],
        address: getAddress(who(f.index)),
      })),
      leadUnit: getAddress(who(opts.founders[0].index)),
      secretariat: getAddress(who(opts.secretariat)),
      roles: {
        SECRETARIAT: [getAddress(who(opts.secretariat))],
        EXPERT: (opts.roles?.EXPERT ?? []).map((i) => getAddress(who(i))),
        SUPERVISOR: (opts.roles?.SUPERVISOR ?? []).map((i) => getAddress(who(i))),
        ARBITRATOR: (opts.roles?.ARBITRATOR ?? []).map((i) => getAddress(who(i))),
      },
    },
  });
  for (const [role, i] of opts.extraRoles ?? [])
    await grantRoles(client, { role: role as "PROJECTS_MODULE", accounts: [who(i)] });
  if (opts.handover ?? true) await handover(client);
  return book;
}

/**
 * The whole suite over JSON-RPC with the full CLI test suite's short windows, bootstrapped through
 * {@link deployAndBootstrapRpc}: role holders (secretariat, expert, supervisor, arbitrator;
 * PROJECTS_MODULE to a stand-in default recorder), four founders (names in {@link FOUNDER_NAMES}),
 * then the handover. Writes the address book (with `deployedBlock`) to `dir`.
 */
export async function deployFullSuiteRpc(provider: JsonRpcApiProvider, dir: string): Promise<RpcSuite> {
  const { DEFAULT_GENESIS, DEFAULT_SETTINGS, MODULE_ID, TEST_TOKEN_MODULE_ID } =
    await import("../../src/sdk/deployment");
  const A = FULL_SUITE_ACCOUNTS;
  const claimBond = 50_000_000n;
  const bondAmount = 1_000_000_000n;
  const kinds = [0, 2, 1, 0];
  const book = await deployAndBootstrapRpc(provider, {
    parameters: {
      [TEST_TOKEN_MODULE_ID]: { name: "Covenant Test Yuan", symbol: "tCNY", decimals: 6 },
      [MODULE_ID]: {
        ...(DEFAULT_GENESIS as unknown as Record<string, bigint | number | boolean>),
        bondAmount,
        claimBond,
        curePeriod: FULL_SUITE_TIMES.curePeriod,
        answerPeriod: FULL_SUITE_TIMES.answerPeriod,
        votingDelay: 1,
        votingPeriod: 100,
        timelockDelay: 10,
        queueWindow: 1000,
        proposalThreshold: DEFAULT_SETTINGS.proposalThreshold,
        panelSize: 1,
        panelVotingPeriod: FULL_SUITE_TIMES.panelVotingPeriod,
        panelAppealWindow: FULL_SUITE_TIMES.panelAppealWindow,
      },
    },
    founders: A.founders.map((index, i) => ({
      index,
      name: FOUNDER_NAMES[i],
      kind: kinds[i],
      entityCode: `91110000MA${String(i).padStart(8, "0")}`,
    })),
    secretariat: A.secretariat,
    roles: { EXPERT: [A.expert], SUPERVISOR: [A.supervisor], ARBITRATOR: [A.arbitrator] },
    extraRoles: [["PROJECTS_MODULE", A.defaultRecorder]],
    mint: bondAmount * 10n,
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "31337.json"), JSON.stringify(book, null, 2) + "\n");
  await advance(provider, 1);
  return {
    addresses: book.contracts as Record<string, string>,
    deployedBlock: book.deployedBlock!,
    claimBond,
    bondAmount,
  };
}

/**
 * The whole suite on the in-process chain with the full CLI test suite's windows
 * ({@link deployFullSuiteRpc}), its address book in a temp folder; `ok` runs a command as node
 * account `from` and requires exit 0. The claim, history and agreement tests start from it through
 * `fullSuiteFixture` (test/cli/businessHelpers.ts).
 */
export async function startFullSuite() {
  const { url, provider, eip1193 } = await startInProcessChain();
  const accounts = (await provider.send("eth_accounts", [])) as string[];
  const dir = tempDir("deployments");
  const { addresses } = await deployFullSuiteRpc(provider, dir);
  const env = { COVENANT_DEPLOYMENTS_DIR: dir };
  const ok = async (from: number, ...args: string[]): Promise<CliResult> => {
    const r = await runCli(["--rpc", url, "--from", String(from), ...args], env);
    if (r.code !== 0) throw new Error(`covenant ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
    return r;
  };
  return { url, provider, eip1193, accounts, dir, env, addresses, ok };
}
