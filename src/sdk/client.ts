import {
  BaseContract,
  Contract,
  getAddress,
  Interface,
  type ContractRunner,
  type ContractTransactionResponse,
  type InterfaceAbi,
  type LogDescription,
  type Provider,
  type Signer,
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
import { AccessManager__factory } from "../../typechain-types/factories/@openzeppelin/contracts/access/manager/AccessManager__factory";
import { AgreementRegistry__factory } from "../../typechain-types/factories/contracts/agreements/AgreementRegistry__factory";
import { AllianceGovernor__factory } from "../../typechain-types/factories/contracts/governance/AllianceGovernor__factory";
import { BreachHistory__factory } from "../../typechain-types/factories/contracts/disputes/BreachHistory__factory";
import { DisputeResolution__factory } from "../../typechain-types/factories/contracts/disputes/DisputeResolution__factory";
import { IERC20Metadata__factory } from "../../typechain-types/factories/@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata__factory";
import { IPRegistry__factory } from "../../typechain-types/factories/contracts/ip/IPRegistry__factory";
import { LicenseManager__factory } from "../../typechain-types/factories/contracts/licensing/LicenseManager__factory";
import { LicenseProposals__factory } from "../../typechain-types/factories/contracts/licensing/LicenseProposals__factory";
import { Membership__factory } from "../../typechain-types/factories/contracts/membership/Membership__factory";
import { PanelArbitrator__factory } from "../../typechain-types/factories/contracts/disputes/PanelArbitrator__factory";
import { ProjectFunding__factory } from "../../typechain-types/factories/contracts/projects/ProjectFunding__factory";
import { ProjectRegistry__factory } from "../../typechain-types/factories/contracts/projects/ProjectRegistry__factory";
import { ProjectSpending__factory } from "../../typechain-types/factories/contracts/projects/ProjectSpending__factory";
import { RemedyExecution__factory } from "../../typechain-types/factories/contracts/disputes/RemedyExecution__factory";
import { TestToken__factory } from "../../typechain-types/factories/contracts/dev/TestToken__factory";
import { TimelockController__factory } from "../../typechain-types/factories/@openzeppelin/contracts/governance/TimelockController__factory";
import { Treasury__factory } from "../../typechain-types/factories/contracts/treasury/Treasury__factory";
import { CONTRACT_NAMES, type AddressBook, type ContractName } from "./addressBook";
import { chainError, CovenantError, explain, inputError } from "./errors";

/**
 * Chain id of the local development chains (Hardhat's and anvil's default, 31337): their accounts are
 * unlocked, and there only may a suite settle in the mintable test token (docs/deployment.md).
 */
export const DEV_CHAIN_ID = 31337n;

/**
 * The ABI of each suite contract, from the TypeChain factories generated at build time (never read
 * from `artifacts/` at run time). The settlement token is any ERC-20 with its metadata (IERC20Metadata).
 */
const ABIS: Record<ContractName, InterfaceAbi> = {
  AccessManager: AccessManager__factory.abi,
  SettlementToken: IERC20Metadata__factory.abi,
  Treasury: Treasury__factory.abi,
  Membership: Membership__factory.abi,
  AllianceGovernor: AllianceGovernor__factory.abi,
  TimelockController: TimelockController__factory.abi,
  AgreementRegistry: AgreementRegistry__factory.abi,
  ProjectRegistry: ProjectRegistry__factory.abi,
  ProjectFunding: ProjectFunding__factory.abi,
  ProjectSpending: ProjectSpending__factory.abi,
  IPRegistry: IPRegistry__factory.abi,
  LicenseManager: LicenseManager__factory.abi,
  LicenseProposals: LicenseProposals__factory.abi,
  DisputeResolution: DisputeResolution__factory.abi,
  RemedyExecution: RemedyExecution__factory.abi,
  BreachHistory: BreachHistory__factory.abi,
  PanelArbitrator: PanelArbitrator__factory.abi,
};

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
  private signerPromise?: Promise<Signer>;
  private readonly signerSource?: Signer | (() => Promise<Signer>);

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

  /** The ABI the SDK uses for `name` (from its TypeChain factory). */
  static abiFor(name: ContractName): InterfaceAbi {
    return ABIS[name];
  }

  /** Any suite contract, connected read-only. */
  contract(name: ContractName): Contract {
    return new Contract(this.address(name), CovenantClient.abiFor(name), this.provider);
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
      TestToken__factory.abi,
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
  /**
   * The one send path. Simulates `method(...args)` (staticCall, then estimateGas) and sends it
   * only if both pass (a refusal is decoded into words, kind `refused`, and nothing is sent);
   * waits for the receipt (a sent transaction that reverts is `refused` with its hash; one dropped
   * or replaced is a `chain` error) and decodes its events with the interfaces of `decodeWith`
   * (every suite contract in the address book by default).
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
      throw explain(e, { rpc: this.rpcUrl, txHash: tx.hash });
    });
    if (!receipt) throw chainError(`transaction ${tx.hash} was dropped before it was mined`);
    if (receipt.status !== 1)
      throw new CovenantError(`the contract refused: transaction ${tx.hash} reverted`, {
        kind: "refused",
        txHash: tx.hash,
      });
    return {
      hash: tx.hash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
      events: decodeEvents(receipt.logs, decodeWith ?? this.suiteInterfaces()),
    };
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
