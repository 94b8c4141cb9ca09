import fs from "node:fs";
import {
  BaseContract,
  Contract,
  getAddress,
  Interface,
  isAddress,
  JsonRpcProvider,
  Network,
  Wallet,
  type ContractTransactionResponse,
  type InterfaceAbi,
  type LogDescription,
  type Signer,
} from "ethers";
import type {
  AccessManager,
  AgreementRegistry,
  AllianceGovernor,
  BreachHistory,
  DisputeResolution,
  ICharter,
  IPRegistry,
  LicenseManager,
  LicenseProposals,
  Membership,
  PanelArbitrator,
  ProjectFunding,
  ProjectRegistry,
  ProjectSpending,
  TestToken,
  TimelockController,
  Treasury,
} from "../../typechain-types";
import {
  addressBookPath,
  CONTRACT_NAMES,
  readAddressBook,
  type AddressBook,
  type ContractName,
} from "./addressBook";
import { abiOf } from "./artifacts";
import { chainError, explain, inputError } from "./errors";

/** Chain id of the development chains (Hardhat node, anvil): their accounts are unlocked. */
export const DEV_CHAIN_ID = 31337n;

/** Named networks (as in hardhat.config.ts). `consortium` comes from COVENANT_RPC_URL / COVENANT_CHAIN_ID. */
export const NETWORKS: Record<string, string> = {
  localhost: "http://127.0.0.1:8545",
  anvil: "http://127.0.0.1:8546",
};

/** Which artifact gives each suite contract its ABI: the implementation if compiled, else its interface. */
const ARTIFACTS: Record<ContractName, string[]> = {
  AccessManager: ["AccessManager"],
  SettlementToken: ["TestToken", "ERC20"],
  Treasury: ["Treasury", "ITreasury"],
  Membership: ["Membership", "IMembership"],
  AllianceGovernor: ["AllianceGovernor"],
  TimelockController: ["TimelockController"],
  AgreementRegistry: ["AgreementRegistry", "IAgreementRegistry"],
  ProjectRegistry: ["ProjectRegistry", "IProjectRegistry"],
  ProjectFunding: ["ProjectFunding", "IProjectFunding"],
  ProjectSpending: ["ProjectSpending", "IProjectSpending"],
  IPRegistry: ["IPRegistry", "IIPRegistry"],
  LicenseManager: ["LicenseManager", "ILicenseManager"],
  LicenseProposals: ["LicenseProposals", "ILicenseProposals"],
  DisputeResolution: ["DisputeResolution", "IDisputeResolution"],
  RemedyExecution: ["RemedyExecution", "IRemedyExecution"],
  BreachHistory: ["BreachHistory", "IBreachHistory"],
  PanelArbitrator: ["PanelArbitrator", "IPanelArbitrator", "IArbitrator"],
};

/** The OpenZeppelin Governor pieces whose union stands in for `AllianceGovernor` until it is compiled. */
const GOVERNOR_FALLBACK = [
  "Governor",
  "GovernorCountingSimple",
  "GovernorTimelockControl",
  "GovernorStorage",
];

export interface ConnectOptions {
  /** A named network: localhost, anvil, or consortium (from the environment). */
  network?: string;
  /** An RPC URL (http or https); excludes `network`. */
  rpc?: string;
  /** Dev chain: an index into the node's unlocked accounts (or one of their addresses). Elsewhere: an
   * optional address the key must belong to. Never a private key. */
  from?: string;
  /** An encrypted JSON keystore; its password comes from COVENANT_KEYSTORE_PASSWORD. */
  keystore?: string;
  /** Folder of the address books; default `deploymentsDir()`. */
  deploymentsDir?: string;
  /** Milliseconds to wait for the RPC's first answer (default 5000 or COVENANT_RPC_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Connect even when the chain has no address book yet (an empty book): `covenant deploy suite`. */
  allowMissingBook?: boolean;
}

/** The decoded result of a mined transaction. */
export interface TxResult {
  hash: string;
  blockNumber: number;
  gasUsed: bigint;
  events: { name: string; args: Record<string, unknown> }[];
}

/** A contract method as TypeChain (or ethers) exposes it. */
export interface SendableMethod<A extends unknown[]> {
  staticCall(...args: A): Promise<unknown>;
  estimateGas(...args: A): Promise<bigint>;
  send(...args: A): Promise<ContractTransactionResponse>;
}

const PRIVATE_KEY_RE = /^(0x)?[0-9a-fA-F]{64}$/;

/** True when `value` looks like a raw private key (32 bytes of hex). */
export function looksLikePrivateKey(value: string): boolean {
  return PRIVATE_KEY_RE.test(value.trim());
}

/** Where to connect: an URL and, for env networks, the chain id the node must report. */
export function resolveRpc(opts: Pick<ConnectOptions, "network" | "rpc">): {
  url: string;
  name: string;
  expectedChainId?: bigint;
} {
  if (opts.network && opts.rpc) throw inputError("give either --network or --rpc, not both");
  if (opts.rpc) {
    if (!/^https?:\/\/\S+$/.test(opts.rpc))
      throw inputError(`--rpc must be an http(s) URL, got "${opts.rpc}"`);
    return { url: opts.rpc, name: opts.rpc };
  }
  const name = opts.network ?? "localhost";
  if (NETWORKS[name]) return { url: NETWORKS[name], name };
  if (name === "consortium") {
    const url = process.env.COVENANT_RPC_URL;
    if (!url)
      throw inputError(
        "network consortium needs COVENANT_RPC_URL (and COVENANT_CHAIN_ID) in the environment",
      );
    const id = process.env.COVENANT_CHAIN_ID;
    if (id !== undefined && !/^\d+$/.test(id))
      throw inputError("COVENANT_CHAIN_ID must be a decimal chain id");
    return { url, name, expectedChainId: id === undefined ? undefined : BigInt(id) };
  }
  if (name === "hardhat") {
    throw inputError(
      "the in-process hardhat network exists only inside a Hardhat run; start `npx hardhat node` and use --network localhost",
    );
  }
  throw inputError(
    `unknown network "${name}": use localhost, anvil, consortium (from COVENANT_RPC_URL) or --rpc <url>`,
  );
}

/** Asks the node for its chain id with a timeout, so an unreachable RPC fails fast with one line. */
export async function probeChainId(url: string, timeoutMs: number): Promise<bigint> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw chainError(`cannot reach the RPC at ${url} (${cause === "TimeoutError" ? "timed out" : cause})`);
  }
  let body: { result?: unknown };
  try {
    body = (await res.json()) as { result?: unknown };
  } catch {
    throw chainError(`the RPC at ${url} did not answer JSON-RPC (HTTP ${res.status})`);
  }
  if (typeof body.result !== "string") throw chainError(`the RPC at ${url} did not report a chain id`);
  return BigInt(body.result);
}

/**
 * The one typed client over an alliance suite: used by tests, scripts, the CLI and the demo.
 * It connects to a node, loads the suite's addresses for the node's chain id, gives each module
 * contract typed, resolves the signer by the rules in docs/cli.md, and sends transactions only
 * after simulating them.
 */
export class CovenantClient {
  private signerPromise?: Promise<Signer>;

  private constructor(
    readonly provider: JsonRpcProvider,
    readonly chainId: bigint,
    readonly book: AddressBook,
    readonly rpcUrl: string,
    private readonly opts: ConnectOptions,
  ) {}

  /** Connects to the node, checks its chain id, loads its address book. Nothing is signed yet. */
  static async connect(opts: ConnectOptions = {}): Promise<CovenantClient> {
    if (opts.from !== undefined && looksLikePrivateKey(opts.from)) {
      throw inputError(
        "--from takes an account index or address, never a private key; use COVENANT_PRIVATE_KEY or --keystore",
      );
    }
    const { url, expectedChainId } = resolveRpc(opts);
    const timeout = opts.timeoutMs ?? Number(process.env.COVENANT_RPC_TIMEOUT_MS ?? 5000);
    const chainId = await probeChainId(url, timeout);
    if (expectedChainId !== undefined && expectedChainId !== chainId) {
      throw chainError(
        `wrong chain: the node at ${url} reports chain id ${chainId}, expected ${expectedChainId}`,
      );
    }
    const provider = new JsonRpcProvider(url, Network.from(chainId), {
      staticNetwork: true,
      batchMaxCount: 1,
    });
    const missing = opts.allowMissingBook && !fs.existsSync(addressBookPath(chainId, opts.deploymentsDir));
    const book: AddressBook = missing
      ? { chainId: Number(chainId), contracts: {}, deployedAt: "" }
      : readAddressBook(chainId, opts.deploymentsDir);
    return new CovenantClient(provider, chainId, book, url, opts);
  }

  get isDevChain(): boolean {
    return this.chainId === DEV_CHAIN_ID;
  }

  /** The address of `name` in the address book; a chain error if this suite has none. */
  address(name: ContractName): string {
    const a = this.book.contracts[name];
    if (!a) throw chainError(`the suite on chain ${this.chainId} has no ${name} in its address book`);
    return a;
  }

  /** Whether the address book names `name`. */
  has(name: ContractName): boolean {
    return this.book.contracts[name] !== undefined;
  }

  /** Checks that each of `names` is in the address book and has code on chain. */
  async requireDeployed(...names: ContractName[]): Promise<void> {
    for (const n of names) {
      const addr = this.address(n);
      let code: string;
      try {
        code = await this.provider.getCode(addr);
      } catch (e) {
        throw explain(e, { rpc: this.rpcUrl });
      }
      if (code === "0x") {
        throw chainError(
          `no contract code for ${n} at ${addr} on chain ${this.chainId}: stale address book?`,
        );
      }
    }
  }

  /** The ABI the SDK uses for `name`: the compiled implementation if present, else its interface. */
  static abiFor(name: ContractName): InterfaceAbi {
    if (name === "AllianceGovernor") {
      const own = abiOf("AllianceGovernor");
      if (own) return own;
      return mergeAbis(
        GOVERNOR_FALLBACK.map((n) => abiOf(n)).filter((a): a is InterfaceAbi => a !== undefined),
      );
    }
    const abi = abiOf(...ARTIFACTS[name]);
    if (!abi) throw chainError(`no ABI for ${name}: run \`npx hardhat compile\` first`);
    return abi;
  }

  /** Any suite contract, connected read-only. */
  contract(name: ContractName): Contract {
    return new Contract(this.address(name), CovenantClient.abiFor(name), this.provider);
  }

  // ------------------------------------------------------------------ typed accessors
  // Read-only until passed through `writable()`. The runtime ABI is the artifact's (see abiFor);
  // the types are TypeChain's, erased at run time.
  accessManager(): AccessManager {
    return this.typed<AccessManager>("AccessManager");
  }
  /** The settlement token (a TestToken on dev chains; any ERC-20 elsewhere: use only ERC-20 calls). */
  token(): TestToken {
    return this.typed<TestToken>("SettlementToken");
  }
  treasury(): Treasury {
    return this.typed<Treasury>("Treasury");
  }
  membership(): Membership {
    return this.typed<Membership>("Membership");
  }
  governor(): AllianceGovernor {
    return this.typed<AllianceGovernor>("AllianceGovernor");
  }
  timelock(): TimelockController {
    return this.typed<TimelockController>("TimelockController");
  }
  agreements(): AgreementRegistry {
    return this.typed<AgreementRegistry>("AgreementRegistry");
  }
  /** The charter's parameters and standing (ICharter, implemented by AgreementRegistry). */
  charter(): ICharter {
    return this.typed<ICharter>("AgreementRegistry");
  }
  projects(): ProjectRegistry {
    return this.typed<ProjectRegistry>("ProjectRegistry");
  }
  projectFunding(): ProjectFunding {
    return this.typed<ProjectFunding>("ProjectFunding");
  }
  projectSpending(): ProjectSpending {
    return this.typed<ProjectSpending>("ProjectSpending");
  }
  ipRegistry(): IPRegistry {
    return this.typed<IPRegistry>("IPRegistry");
  }
  licenses(): LicenseManager {
    return this.typed<LicenseManager>("LicenseManager");
  }
  licenseProposals(): LicenseProposals {
    return this.typed<LicenseProposals>("LicenseProposals");
  }
  disputes(): DisputeResolution {
    return this.typed<DisputeResolution>("DisputeResolution");
  }
  /** The breach history (claim steps and defaults), written by the disputes, projects and licensing modules. */
  history(): BreachHistory {
    return this.typed<BreachHistory>("BreachHistory");
  }
  panel(): PanelArbitrator {
    return this.typed<PanelArbitrator>("PanelArbitrator");
  }

  private typed<T>(name: ContractName): T {
    return this.contract(name) as unknown as T;
  }

  // ------------------------------------------------------------------ signer
  /** The signer chosen by --from / --keystore / COVENANT_PRIVATE_KEY (see docs/cli.md). Resolved once. */
  signer(): Promise<Signer> {
    this.signerPromise ??= this.resolveSigner();
    return this.signerPromise;
  }

  private async resolveSigner(): Promise<Signer> {
    const { from, keystore } = this.opts;
    if (keystore) return this.checkFrom(await this.keystoreSigner(keystore));
    // A key that is set is always the signer, on a dev chain too: never an unlocked account instead.
    const key = process.env.COVENANT_PRIVATE_KEY;
    if (key) {
      let wallet: Wallet;
      try {
        wallet = new Wallet(key.trim().startsWith("0x") ? key.trim() : `0x${key.trim()}`, this.provider);
      } catch {
        throw inputError("COVENANT_PRIVATE_KEY is not a valid private key");
      }
      return this.checkFrom(wallet);
    }
    if (this.isDevChain) {
      let accounts: string[];
      try {
        accounts = (await this.provider.send("eth_accounts", [])) as string[];
      } catch (e) {
        throw explain(e, { rpc: this.rpcUrl });
      }
      const pick = from ?? "0";
      let index: number;
      if (/^\d+$/.test(pick)) {
        index = Number(pick);
      } else if (isAddress(pick)) {
        index = accounts.findIndex((a) => a.toLowerCase() === pick.toLowerCase());
        if (index < 0) throw inputError(`--from ${pick} is not one of the node's unlocked accounts`);
      } else {
        throw inputError(`--from must be an account index or an address, got "${pick}"`);
      }
      if (index >= accounts.length) {
        throw inputError(
          `--from ${index}: the node has only ${accounts.length} unlocked accounts (0..${accounts.length - 1})`,
        );
      }
      return this.provider.getSigner(index);
    }
    throw inputError(
      `chain ${this.chainId} is not a dev chain: set COVENANT_PRIVATE_KEY or pass --keystore <file> (password in COVENANT_KEYSTORE_PASSWORD)`,
    );
  }

  private async keystoreSigner(file: string): Promise<Signer> {
    let json: string;
    try {
      json = fs.readFileSync(file, "utf8");
    } catch {
      throw inputError(`cannot read the keystore file ${file}`);
    }
    const password = process.env.COVENANT_KEYSTORE_PASSWORD;
    if (password === undefined)
      throw inputError("--keystore needs its password in COVENANT_KEYSTORE_PASSWORD");
    try {
      const w = await Wallet.fromEncryptedJson(json, password);
      return w.connect(this.provider);
    } catch {
      throw inputError(`cannot decrypt the keystore ${file}: wrong password or not a keystore`);
    }
  }

  private async checkFrom(signer: Signer): Promise<Signer> {
    const { from } = this.opts;
    if (from === undefined) return signer;
    if (!isAddress(from)) {
      throw inputError("--from: with a key it may only name the address the key must belong to");
    }
    const addr = await signer.getAddress();
    if (getAddress(from) !== addr)
      throw inputError(`--from ${from} does not match the signer's address ${addr}`);
    return signer;
  }

  // ------------------------------------------------------------------ transactions
  /**
   * Simulates `method(...args)` (staticCall, then estimateGas) and sends it only if both pass; a
   * revert is decoded into words and nothing is sent. Waits for the receipt and decodes its events
   * with the interfaces of `decodeWith` (every suite contract in the address book by default).
   */
  async send<A extends unknown[]>(
    method: SendableMethod<A>,
    args: A,
    decodeWith?: Interface[],
  ): Promise<TxResult> {
    try {
      await method.staticCall(...args);
      await method.estimateGas(...args);
    } catch (e) {
      throw explain(e, { rpc: this.rpcUrl });
    }
    let tx: ContractTransactionResponse;
    try {
      tx = await method.send(...args);
    } catch (e) {
      throw explain(e, { rpc: this.rpcUrl });
    }
    const receipt = await tx.wait().catch((e: unknown) => {
      throw explain(e, { rpc: this.rpcUrl });
    });
    if (!receipt || receipt.status !== 1) throw chainError(`transaction ${tx.hash} failed on chain`);
    const ifaces = decodeWith ?? this.suiteInterfaces();
    const events: TxResult["events"] = [];
    for (const log of receipt.logs) {
      let parsed: LogDescription | null = null;
      for (const i of ifaces) {
        try {
          parsed = i.parseLog(log);
        } catch {
          parsed = null;
        }
        if (parsed) break;
      }
      if (parsed) events.push({ name: parsed.name, args: argsObject(parsed) });
    }
    return { hash: tx.hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed, events };
  }

  /** The interfaces of every contract in the address book (for decoding events). */
  suiteInterfaces(): Interface[] {
    const out: Interface[] = [];
    for (const n of CONTRACT_NAMES) {
      if (!this.has(n)) continue;
      try {
        out.push(Interface.from(CovenantClient.abiFor(n)));
      } catch {
        // a contract without a compiled ABI has no events to decode
      }
    }
    return out;
  }

  /** Connects `contract` to the signer (for writes). */
  async writable<T extends BaseContract>(contract: T): Promise<T> {
    return contract.connect(await this.signer()) as T;
  }
}

/** Named arguments of a parsed log or error, as a plain object. */
export function argsObject(d: {
  fragment: { inputs: readonly { name: string }[] };
  args: ArrayLike<unknown>;
}) {
  const o: Record<string, unknown> = {};
  d.fragment.inputs.forEach((p, i) => {
    o[p.name || `arg${i}`] = d.args[i];
  });
  return o;
}

/** The union of several ABIs, each fragment once. */
export function mergeAbis(abis: InterfaceAbi[]): InterfaceAbi {
  const seen = new Map<string, unknown>();
  for (const abi of abis) {
    const iface = Interface.from(abi);
    for (const f of iface.fragments) {
      if (f.type === "constructor") continue;
      const key = f.format("sighash");
      if (!seen.has(key)) seen.set(key, JSON.parse(f.format("json")));
    }
  }
  return [...seen.values()] as InterfaceAbi;
}
