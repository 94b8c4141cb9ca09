import {
  BaseContract,
  BaseWallet,
  keccak256,
  Contract,
  getAddress,
  Interface,
  type ContractRunner,
  type ContractTransactionResponse,
  type InterfaceAbi,
  type LogDescription,
  type Provider,
  type Signer,
  type TransactionReceipt,
  type TransactionRequest,
} from "ethers";
import type {
  AccessManager,
  AgreementRegistry,
  AllianceGovernor,
  BreachHistory,
  DisputeResolution,
  ICharter,
  IERC20Metadata,
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
import { abiOf, type AbiName } from "./generated/abis";
import { CONTRACT_NAMES, type AddressBook, type ContractName } from "./addressBook";
import { chainError, CovenantError, explain, inputError } from "./errors";

/**
 * Chain id of the local development chains (Hardhat's and anvil's default, 31337): their accounts are
 * unlocked, and there only may a suite settle in the mintable test token (docs/deployment.md).
 */
export const DEV_CHAIN_ID = 31337n;

/**
 * The ABI of each suite contract, generated at build time from the compiler output
 * (src/sdk/generated/abis.ts: no bytecode, parsed on first use; never read from `artifacts/` at run
 * time). The settlement token is any ERC-20 with its metadata (IERC20Metadata).
 */
function abiName(name: ContractName): AbiName {
  return name === "SettlementToken" ? "IERC20Metadata" : name;
}

/**
 * Each ABI's ethers Interface, built once and shared by every contract object made from it (an
 * Interface is read-only): each `client.membership()` and the like parsed its whole ABI again,
 * tens of milliseconds each on a page's thread.
 */
const INTERFACES = new Map<AbiName, Interface>();

function interfaceOf(name: AbiName): Interface {
  let iface = INTERFACES.get(name);
  if (!iface) {
    iface = Interface.from(abiOf(name));
    INTERFACES.set(name, iface);
  }
  return iface;
}

/** The decoded result of a mined transaction: its suite events by name, in log order. */
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

export interface ClientOptions {
  /** Any ethers runner: a provider (reads only, unless `signer` is given) or a signer with a provider. */
  runner: ContractRunner;
  /** Where the suite lives on this chain. */
  book: AddressBook;
  /** The signer for writes when `runner` is a provider: a signer, or a function resolving it on first use. */
  signer?: Signer | (() => Promise<Signer>);
  /** How to name the node in messages (an RPC URL); default "the node". */
  label?: string;
  /** Blocks a transaction must be deep before `send` returns (default: the address book's, else 1). */
  confirmations?: number;
  /** Milliseconds `send` waits for a receipt (and its confirmations) before it gives up (default 120 000). */
  txTimeoutMs?: number;
  /** Milliseconds between two receipt polls (default 250). */
  pollMs?: number;
  /** Told what a send is waiting for (a progress indicator); `undefined` when the wait ends. */
  onProgress?: (text: string | undefined) => void;
  /**
   * Taken before a transaction of `account` is simulated and released once its receipt is in (or the
   * send failed): one sender per key and chain at a time, so two processes never pick the same nonce.
   */
  sendLock?: (account: string) => Promise<() => void>;
}

/** A transaction as sent: its hash, its sender and (once known) its nonce. */
interface SentTx {
  hash: string;
  from: string;
  nonce?: number;
}

/** Default of {@link ClientOptions.txTimeoutMs}. */
export const TX_TIMEOUT_MS = 120_000;

/** Consecutive failed polls after which the node counts as lost while a receipt is awaited. */
const LOST_AFTER_FAILURES = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `e` is a lost connection or an unanswering node (not an answer the node gave). */
export function isConnectionLoss(e: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (x: unknown, depth: number): boolean => {
    if (!x || typeof x !== "object" || depth > 5 || seen.has(x)) return false;
    seen.add(x);
    const o = x as { code?: unknown; message?: unknown; cause?: unknown; error?: unknown };
    if (
      typeof o.code === "string" &&
      [
        "ECONNREFUSED",
        "ECONNRESET",
        "EPIPE",
        "ETIMEDOUT",
        "UND_ERR_SOCKET",
        "NETWORK_ERROR",
        "TIMEOUT",
      ].includes(o.code)
    )
      return true;
    if (
      typeof o.message === "string" &&
      /fetch failed|socket hang up|ECONNREFUSED|ECONNRESET|other side closed/i.test(o.message)
    )
      return true;
    return walk(o.cause, depth + 1) || walk(o.error, depth + 1);
  };
  return walk(e, 0);
}

/**
 * The one typed client over an alliance suite: used by the CLI, the demo, tests and a web page.
 * Built from an ethers runner and an address book, with no I/O; each suite contract is typed from
 * its TypeChain factory; every write goes through {@link CovenantClient.send} (simulate, send,
 * wait, decode). Node-only connection (RPC URL, keys, address book on disk) is `src/node/connect.ts`.
 */
export class CovenantClient {
  readonly provider: Provider;
  readonly chainId: bigint;
  readonly book: AddressBook;
  /** The node's name in messages (its RPC URL when known). */
  readonly rpcUrl: string;
  /** Blocks a transaction must be deep before {@link CovenantClient.send} returns (1: mined). */
  readonly confirmations: number;
  /** The block every read of this client is pinned to ({@link CovenantClient.at}), if any. */
  readonly pinnedBlock?: number;
  /** The widest block range the node accepted in one `eth_getLogs` so far (scanEvents learns it). */
  logSpan?: number;
  private signerPromise?: Promise<Signer>;
  private readonly signerSource?: Signer | (() => Promise<Signer>);
  private readonly opts: ClientOptions;

  constructor(opts: ClientOptions) {
    const runner = opts.runner;
    const provider = (runner.provider ?? runner) as Provider;
    if (typeof (provider as Partial<Provider>).getBlockNumber !== "function")
      throw inputError("the runner has no provider: give a provider or a signer connected to one");
    this.provider = provider;
    this.book = opts.book;
    this.chainId = BigInt(opts.book.chainId);
    this.rpcUrl = opts.label ?? "the node";
    const runnerIsSigner = typeof (runner as Partial<Signer>).getAddress === "function";
    this.signerSource = opts.signer ?? (runnerIsSigner ? (runner as Signer) : undefined);
    const c = opts.confirmations ?? opts.book.confirmations ?? 1;
    if (!Number.isSafeInteger(c) || c < 1) throw inputError(`confirmations must be 1 or more, got ${c}`);
    this.confirmations = c;
    this.opts = opts;
  }

  /**
   * A read-only client whose every read is made at block `block` (calls, balances, code, and event
   * scans, which end there): reads that must not move while they run, or must stay clear of blocks
   * a reorg may still replace (R-reads of `--block`, see {@link readBlock}).
   */
  at(block: number): CovenantClient {
    const c = new CovenantClient({
      ...this.opts,
      runner: pinProvider(this.provider, block),
      signer: undefined,
      label: this.rpcUrl,
    });
    (c as { pinnedBlock?: number }).pinnedBlock = block;
    return c;
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

  /** The ABI the SDK uses for `name` (generated from the compiler output, without bytecode). */
  static abiFor(name: ContractName): InterfaceAbi {
    return abiOf(abiName(name));
  }

  /** Any suite contract, connected read-only. */
  contract(name: ContractName): Contract {
    return new Contract(this.address(name), interfaceOf(abiName(name)), this.provider);
  }

  // ------------------------------------------------------------------ typed accessors
  // Read-only until passed through `writable()`.
  accessManager(): AccessManager {
    return this.typed<AccessManager>("AccessManager");
  }
  /** The settlement token: any ERC-20 with its metadata (decimals, symbol). */
  token(): IERC20Metadata {
    return this.typed<IERC20Metadata>("SettlementToken");
  }
  /** The settlement token as the mintable test token: local development chains only (`mint`). */
  testToken(): TestToken {
    if (!this.isDevChain)
      throw inputError(
        `chain ${this.chainId} is not a local development chain: its settlement token is a real ERC-20, which nobody mints freely`,
      );
    return new Contract(
      this.address("SettlementToken"),
      interfaceOf("TestToken"),
      this.provider,
    ) as unknown as TestToken;
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
  /** The signer for writes (the runner if it is one, else the client's `signer` option). Resolved once. */
  signer(): Promise<Signer> {
    this.signerPromise ??= (async () => {
      const s = this.signerSource;
      if (!s) throw inputError("this client has no signer: it can only read");
      return typeof s === "function" ? await s() : s;
    })();
    return this.signerPromise;
  }

  /** The signer's address (checksummed). */
  async signerAddress(): Promise<string> {
    return getAddress(await (await this.signer()).getAddress());
  }

  // ------------------------------------------------------------------ transactions
  /** `Contract.function` of a contract method of this suite (for messages). */
  callName(method: unknown): string {
    const m = method as { name?: unknown; _contract?: { target?: unknown } };
    const fn = typeof m.name === "string" && m.name ? m.name : "a contract call";
    const target = m._contract?.target;
    const name =
      typeof target === "string"
        ? CONTRACT_NAMES.find((n) => this.book.contracts[n]?.toLowerCase() === target.toLowerCase())
        : undefined;
    return name ? `${name}.${fn}` : fn;
  }

  /**
   * The one send path. Simulates `method(...args)` (staticCall, then estimateGas) and sends it
   * only if both pass (a refusal is decoded into words, kind `refused`, and nothing is sent);
   * waits for the receipt and `confirmations` blocks on top of it (a sent transaction that reverts
   * is `refused` with its hash; one dropped or replaced, or a node lost while waiting, is a `chain`
   * error that names the call and the hash) and decodes its events with the interfaces of
   * `decodeWith` (every suite contract in the address book by default). With a `sendLock`, one
   * send per key and chain runs at a time.
   */
  async send<A extends unknown[]>(
    method: SendableMethod<A>,
    args: A,
    decodeWith?: Interface[],
  ): Promise<TxResult> {
    const call = this.callName(method);
    const release = this.opts.sendLock ? await this.opts.sendLock(await this.signerAddress()) : undefined;
    try {
      try {
        await method.staticCall(...args);
        await method.estimateGas(...args);
      } catch (e) {
        throw this.notSent(e, call);
      }
      let tx: SentTx;
      try {
        tx = await this.broadcast(method, args);
      } catch (e) {
        if (e instanceof CovenantError) throw e;
        const x = explain(e, { rpc: this.rpcUrl });
        if (x.kind === "chain" && isConnectionLoss(e))
          throw new CovenantError(
            `the node at ${this.rpcUrl} was lost while ${call} was being sent: it is not known whether it was sent; run the same command again once the node is back (it finds what is already done)`,
            { kind: "chain", cause: e, details: x.details },
          );
        throw x;
      }
      const receipt = await this.waitFor(tx, call);
      if (receipt.status !== 1)
        throw new CovenantError(`the contract refused: transaction ${tx.hash} (${call}) reverted`, {
          kind: "refused",
          txHash: tx.hash,
        });
      return {
        hash: tx.hash,
        blockNumber: receipt.blockNumber,
        gasUsed: receipt.gasUsed,
        events: decodeEvents(receipt.logs, decodeWith ?? this.suiteInterfaces()),
      };
    } finally {
      this.opts.onProgress?.(undefined);
      release?.();
    }
  }

  /**
   * Sends `method(...args)` and returns its hash as soon as it is known, without ethers' own wait
   * for the node to list the transaction (which retries for ever when the node is lost): a key's
   * wallet signs locally (the hash is known before the broadcast, so a node lost during the
   * broadcast is reported with it), a node's unlocked account sends with `eth_sendTransaction`;
   * any other signer through the method itself.
   */
  private async broadcast<A extends unknown[]>(method: SendableMethod<A>, args: A): Promise<SentTx> {
    const signer = (await this.signer()) as Signer & {
      sendUncheckedTransaction?: (tx: TransactionRequest) => Promise<string>;
    };
    const populate = (method as Partial<{ populateTransaction(...a: A): Promise<TransactionRequest> }>)
      .populateTransaction;
    const from = getAddress(await signer.getAddress());
    if (typeof populate === "function" && typeof signer.sendUncheckedTransaction === "function") {
      const req = await populate(...args);
      return { hash: await signer.sendUncheckedTransaction({ ...req, from }), from };
    }
    if (typeof populate === "function" && signer instanceof BaseWallet) {
      const req = await signer.populateTransaction(await populate(...args));
      const signed = await signer.signTransaction(req);
      const hash = keccak256(signed);
      try {
        await this.provider.broadcastTransaction(signed);
      } catch (e) {
        if (isConnectionLoss(e))
          throw new CovenantError(
            `transaction ${hash} (${this.callName(method)}) may have been sent: the node at ${this.rpcUrl} was lost while it was being sent; run the same command again once the node is back (it finds what is already done)`,
            { kind: "chain", cause: e, txHash: hash },
          );
        throw e;
      }
      return { hash, from, nonce: Number(req.nonce) };
    }
    const tx = await method.send(...args);
    return { hash: tx.hash, from: tx.from, nonce: tx.nonce };
  }

  /** An error met before anything was sent, in words that say so (a refusal stays a refusal). */
  private notSent(e: unknown, call: string): CovenantError {
    const x = explain(e, { rpc: this.rpcUrl });
    if (x.kind !== "chain") return x;
    return new CovenantError(`${x.message}; ${call} was not sent`, {
      kind: "chain",
      cause: e,
      details: x.details,
    });
  }

  /**
   * Polls for the receipt of `tx` (every `pollMs`) until it is `confirmations` deep. A chain error
   * names the call and the hash when the nonce was taken by another transaction (replaced), when
   * the node no longer knows the transaction after the timeout (dropped) or still holds it (not
   * mined in time), and when the node stops answering (lost: a re-run finds what is done).
   */
  private async waitFor(tx: SentTx, call: string): Promise<TransactionReceipt> {
    const timeout = this.opts.txTimeoutMs ?? TX_TIMEOUT_MS;
    const pollMs = this.opts.pollMs ?? 250;
    const started = Date.now();
    const progress = this.opts.onProgress;
    const secs = () => Math.round((Date.now() - started) / 1000);
    const fail = (text: string, cause?: unknown) =>
      new CovenantError(`transaction ${tx.hash} (${call}) ${text}`, {
        kind: "chain",
        txHash: tx.hash,
        cause,
      });
    let failures = 0;
    for (;;) {
      try {
        const receipt = await this.provider.getTransactionReceipt(tx.hash);
        if (receipt) {
          if (receipt.status !== 1 || this.confirmations <= 1) return receipt;
          const latest = await this.provider.getBlockNumber();
          const depth = latest - receipt.blockNumber + 1;
          if (depth >= this.confirmations) {
            // still in the canonical chain at that depth (a reorg may have moved it)
            const again = await this.provider.getTransactionReceipt(tx.hash);
            if (again && again.blockHash === receipt.blockHash) return again;
            failures = 0;
            continue;
          }
          progress?.(
            `${call}: mined in block ${receipt.blockNumber}, ${depth}/${this.confirmations} confirmations (${secs()}s)`,
          );
        } else {
          if (tx.nonce === undefined) {
            // sent by the node's account: the node chose the nonce
            const listed = await this.provider.getTransaction(tx.hash);
            if (listed) tx.nonce = listed.nonce;
          }
          const mined = await this.provider.getTransactionCount(tx.from, "latest");
          if (
            tx.nonce !== undefined &&
            mined > tx.nonce &&
            !(await this.provider.getTransactionReceipt(tx.hash))
          ) {
            throw fail(
              `was replaced: another transaction of ${tx.from} with nonce ${tx.nonce} was mined instead, so it did not take effect`,
            );
          }
          progress?.(`${call}: waiting for transaction ${tx.hash.slice(0, 10)}… to be mined (${secs()}s)`);
        }
        failures = 0;
      } catch (e) {
        if (e instanceof CovenantError) throw e;
        if (!isConnectionLoss(e) && explain(e).kind !== "chain")
          throw explain(e, { rpc: this.rpcUrl, txHash: tx.hash });
        failures += 1;
        if (failures >= LOST_AFTER_FAILURES)
          throw fail(
            `was sent, but the node at ${this.rpcUrl} was lost before its receipt: run the same command again once the node is back (it finds what is already done)`,
            e,
          );
      }
      if (Date.now() - started >= timeout) {
        let known: boolean | undefined;
        try {
          known = (await this.provider.getTransaction(tx.hash)) !== null;
        } catch {
          known = undefined;
        }
        throw fail(
          known === false
            ? `was dropped: not mined within ${Math.round(timeout / 1000)}s and the node no longer knows it; nothing took effect`
            : `was not mined within ${Math.round(timeout / 1000)}s; it may still be mined: check it before sending again`,
        );
      }
      await sleep(pollMs);
    }
  }

  /** The interfaces of every contract in the address book (for decoding events). */
  suiteInterfaces(): Interface[] {
    return CONTRACT_NAMES.filter((n) => this.has(n)).map((n) => Interface.from(CovenantClient.abiFor(n)));
  }

  /** Connects `contract` to the signer (for writes). */
  async writable<T extends BaseContract>(contract: T): Promise<T> {
    return contract.connect(await this.signer()) as T;
  }
}

/** Builds a client from an ethers runner and an address book; no I/O. */
export function createClient(opts: ClientOptions): CovenantClient {
  return new CovenantClient(opts);
}

/** The logs that one of `ifaces` knows, decoded by event name, in log order. */
export function decodeEvents(
  logs: readonly { topics: readonly string[]; data: string }[],
  ifaces: Interface[],
): TxResult["events"] {
  const events: TxResult["events"] = [];
  for (const log of logs) {
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
  return events;
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

/**
 * `provider` with every read pinned to block `block`: calls, balances, code, storage and nonces at
 * that block, `getBlockNumber()` answering it, and log queries ending there (`latest` and beyond
 * become `block`). Anything else goes to `provider` as it is.
 */
export function pinProvider(provider: Provider, block: number): Provider {
  const at = (tag: unknown) => (tag === undefined || tag === "latest" || tag === "pending" ? block : tag);
  const pinned: Provider = new Proxy(provider, {
    get(target, prop) {
      const t = target as unknown as Record<string | symbol, unknown>;
      switch (prop) {
        case "provider":
          return pinned;
        case "getBlockNumber":
          return async () => block;
        case "call":
          return (tx: { blockTag?: unknown }) => target.call({ ...tx, blockTag: at(tx.blockTag) as number });
        case "getBalance":
        case "getCode":
        case "getTransactionCount":
          return (a: string, tag?: unknown) =>
            (t[prop] as (a: string, tag: unknown) => Promise<unknown>).call(target, a, at(tag));
        case "getStorage":
          return (a: string, pos: bigint, tag?: unknown) => target.getStorage(a, pos, at(tag) as number);
        case "getBlock":
          return (tag: unknown, prefetch?: boolean) => target.getBlock(at(tag) as number, prefetch);
        case "getLogs":
          return (f: { toBlock?: unknown; fromBlock?: unknown }) => {
            const n =
              typeof f.toBlock === "string" && f.toBlock.startsWith("0x") ? Number(f.toBlock) : f.toBlock;
            const to = n === undefined || typeof n === "string" || Number(n) > block ? block : n;
            return target.getLogs({ ...f, toBlock: to } as never);
          };
        default: {
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        }
      }
    },
  });
  return pinned;
}

/**
 * Makes every gas estimate of `provider` (and so of the signers and contracts over it) a quarter
 * higher plus 10,000. An estimate is made against the latest block, but on a chain with block times
 * the transaction runs in a later one, where e.g. a vote checkpoint written at a new timestamp costs
 * a fresh storage slot: sent with the bare estimate it runs out of gas. Only gas actually used is
 * paid. Returns `provider`.
 */
export function addGasHeadroom<P extends Provider>(provider: P): P {
  const estimate = provider.estimateGas.bind(provider);
  (provider as { estimateGas: Provider["estimateGas"] }).estimateGas = async (tx) => {
    const g = await estimate(tx);
    return g + g / 4n + 10_000n;
  };
  return provider;
}
