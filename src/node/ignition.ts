/**
 * Running the suite's Ignition module (`ignition/modules/Covenant.ts`) from any process: the one
 * deployment path of `covenant deploy suite`, `npm run deploy` (scripts/deploy.ts), the demo and
 * the CLI tests. `@nomicfoundation/ignition-core`'s `deploy()` needs no Hardhat runtime: an
 * EIP-1193 provider, the accounts, and an artifact resolver over the build's TypeChain factories
 * (`src/node/deployables.ts`), so a deployment never reads `artifacts/`. With a journal
 * folder (`ignition/deployments/<id>/`, the same layout `hardhat ignition deploy` writes) an
 * interrupted deployment resumes where it stopped; without one it runs in memory.
 * See docs/deployment.md.
 */
import fs from "node:fs";
import path from "node:path";
import { deploy, DeploymentResultType } from "@nomicfoundation/ignition-core";
import type { DeploymentResult, ExecutionEventListener } from "@nomicfoundation/ignition-core";
import { getAddress, isAddress, Transaction, type Signer, type TransactionLike } from "ethers";
import { CovenantExistingTokenModule, CovenantModule } from "../../ignition/modules/Covenant";
import { factoryArtifactResolver } from "./deployables";
import { ADDRESS_BOOK_FUTURES, MODULE_ID, addressBookFrom, type AddressBook } from "../sdk/deployment";
import { chainError, inputError } from "../sdk/errors";
import { checkWith, SuiteParametersSchema } from "../sdk/schemas";

/** The JSON-RPC surface Ignition needs (EIP-1193). */
export interface Eip1193 {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
}

/**
 * An EIP-1193 provider over `base` whose account is `signer` (a key: a `Wallet` from a keystore or
 * `COVENANT_PRIVATE_KEY`). Ignition asks the node to sign (`eth_sendTransaction`), which only a
 * dev node with unlocked accounts can; this wrapper signs those transactions locally and sends
 * them with `eth_sendRawTransaction`, so a key never leaves the process.
 */
export function signingProvider(base: Eip1193, signer: Signer, chainId: bigint): Eip1193 {
  return {
    async request({ method, params }) {
      if (method === "eth_accounts" || method === "eth_requestAccounts") return [await signer.getAddress()];
      if (method !== "eth_sendTransaction") return base.request({ method, params });
      const [tx] = params as [Record<string, string | undefined>];
      const q = (v: string | undefined) => (v === undefined ? undefined : BigInt(v));
      const like: TransactionLike<string> = {
        chainId,
        to: tx.to ?? null,
        data: tx.data ?? "0x",
        value: q(tx.value) ?? 0n,
        nonce: Number(q(tx.nonce)),
        gasLimit: q(tx.gas),
      };
      if (tx.maxFeePerGas !== undefined) {
        like.type = 2;
        like.maxFeePerGas = q(tx.maxFeePerGas);
        like.maxPriorityFeePerGas = q(tx.maxPriorityFeePerGas);
      } else {
        like.type = 0;
        like.gasPrice = q(tx.gasPrice);
      }
      const raw = await signer.signTransaction(Transaction.from(like));
      return base.request({ method: "eth_sendRawTransaction", params: [raw] });
    },
  };
}

/** Parameters Ignition takes per module id (bigints as bigint). */
export type SuiteParameters = Record<string, Record<string, unknown>>;

/**
 * Parses an Ignition parameters file (`{ "Covenant": { "grantCapBps": 2500, "bondAmount": "5000000000n" } }`)
 * with `SuiteParametersSchema`: bigints are strings ending in `n`, as `hardhat ignition deploy
 * --parameters` reads them. Unknown modules or parameter names are refused (a typo would otherwise
 * silently keep a default); one line names the field path and what was expected.
 */
export function parseSuiteParameters(text: string, file: string): SuiteParameters {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw inputError(`the parameters file ${file} is not valid JSON`);
  }
  return checkWith(SuiteParametersSchema, raw, `the parameters file ${file}`) as SuiteParameters;
}

/** Where Ignition journals live: `$COVENANT_IGNITION_DIR`, else `./ignition/deployments` of the current folder (as Hardhat's). */
export function ignitionDeploymentsDir(env: Record<string, string | undefined> = process.env): string {
  const dir = env.COVENANT_IGNITION_DIR;
  return path.resolve(dir ?? path.join("ignition", "deployments"));
}

/** The default Ignition deployment id of a chain (as `hardhat ignition deploy` names it). */
export const defaultDeploymentId = (chainId: bigint | number): string => `chain-${chainId.toString()}`;

/** The journal's `deployed_addresses.json` (future id -> address), or undefined when there is none yet. */
export function readJournalAddresses(journalDir: string): Record<string, string> | undefined {
  const file = path.join(journalDir, "deployed_addresses.json");
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  } catch {
    throw inputError(`the Ignition journal ${file} is not valid JSON`);
  }
}

/** The lowest block number in the journal's receipts: where the suite's events start. */
export function journalFirstBlock(journalDir: string): number | undefined {
  const file = path.join(journalDir, "journal.jsonl");
  if (!fs.existsSync(file)) return undefined;
  let first: number | undefined;
  for (const m of fs.readFileSync(file, "utf8").matchAll(/"blockNumber":\s*(\d+)/g)) {
    const b = Number(m[1]);
    if (first === undefined || b < first) first = b;
  }
  return first;
}

/** Options of {@link deploySuite}. */
export interface DeploySuiteOptions {
  /** The node. With `signer` given, transactions are signed locally (see {@link signingProvider}). */
  provider: Eip1193;
  chainId: bigint;
  /** The deployer: an unlocked node account (dev chains, Hardhat's configured accounts) ... */
  deployer: string;
  /** ... or a key that signs locally. */
  signer?: Signer;
  /** An existing settlement ERC-20; without it a TestToken is deployed. */
  token?: string;
  /** Ignition parameters (module id -> name -> value). */
  parameters?: SuiteParameters;
  /** The journal folder; undefined: in memory (nothing to resume). */
  journalDir?: string;
  /** Dev chains: poll fast and wait for one confirmation. */
  fast?: boolean;
  /** Told of each future as it completes (progress). */
  onStep?: (futureId: string) => void;
}

/** What a deployment yields: the address book (with `deployedBlock` and `deployer`). */
export interface DeployedSuite {
  book: AddressBook & { deployedBlock?: number; deployer: string };
  /** Futures completed before this run (a resumed deployment) and in it. */
  resumed: number;
  futures: Record<string, string>;
}

/** Every future id of the module that would run (for progress totals). */
export function countFutures(existingToken: boolean): number {
  const seen = new Set<string>();
  const walk = (m: { futures: Set<{ id: string }>; submodules: Set<unknown> }) => {
    for (const f of m.futures) seen.add(f.id);
    for (const s of m.submodules) walk(s as typeof m);
  };
  walk((existingToken ? CovenantExistingTokenModule : CovenantModule) as never);
  return seen.size;
}

/** One plain line for a failed Ignition result. */
export function describeFailure(
  r: Exclude<DeploymentResult, { type: DeploymentResultType.SUCCESSFUL_DEPLOYMENT }>,
): {
  message: string;
  input: boolean;
} {
  const first = (errors: Record<string, string[]>) =>
    Object.entries(errors)
      .slice(0, 2)
      .map(([f, e]) => `${f}: ${e.join("; ")}`)
      .join(" | ");
  switch (r.type) {
    case DeploymentResultType.VALIDATION_ERROR:
      return { message: `the module's parameters are invalid: ${first(r.errors)}`, input: true };
    case DeploymentResultType.RECONCILIATION_ERROR:
      return {
        message:
          `the journal does not match this deployment (${first(r.errors)}): ` +
          "deploy with the same parameters to resume, or start over with --reset or another --deployment-id",
        input: true,
      };
    case DeploymentResultType.PREVIOUS_RUN_ERROR:
      return {
        message: `a previous run failed at ${Object.keys(r.errors).join(", ")}: wipe that future (npx hardhat ignition wipe <id> <future>) or start over with --reset`,
        input: false,
      };
    case DeploymentResultType.EXECUTION_ERROR: {
      const parts = [
        ...r.failed.map((f) => `${f.futureId} failed: ${f.error}`),
        ...r.timedOut.map((f) => `${f.futureId} timed out`),
        ...r.held.map((f) => `${f.futureId} held: ${f.reason}`),
      ];
      return {
        message: `the deployment stopped: ${parts.slice(0, 2).join(" | ") || "unknown"}; run the same command again to resume`,
        input: false,
      };
    }
  }
}

/**
 * Deploys (or resumes, or confirms) a whole suite with the Ignition module and returns its address
 * book. Failures are thrown as CovenantErrors with one plain line.
 */
export async function deploySuite(opts: DeploySuiteOptions): Promise<DeployedSuite> {
  const parameters: SuiteParameters = { ...(opts.parameters ?? {}) };
  if (opts.token) {
    if (!isAddress(opts.token)) throw inputError(`--token must be an address, got "${opts.token}"`);
    parameters[MODULE_ID] = { ...parameters[MODULE_ID], token: getAddress(opts.token) };
  }
  const existingToken = parameters[MODULE_ID]?.token !== undefined;
  // Safe defaults: the mintable test token (contracts/dev/) only on a local development chain.
  if (!existingToken && opts.chainId !== 31337n)
    throw inputError(
      `chain ${opts.chainId} is not a local development chain (31337): the suite needs its settlement ERC-20 (--token, COVENANT_TOKEN or Covenant.token); the mintable test token is for development only`,
    );
  const provider = opts.signer ? signingProvider(opts.provider, opts.signer, opts.chainId) : opts.provider;
  const before = opts.journalDir ? Object.keys(readJournalAddresses(opts.journalDir) ?? {}).length : 0;
  const startBlock =
    Number(BigInt((await opts.provider.request({ method: "eth_blockNumber", params: [] })) as string)) + 1;
  const listener = opts.onStep
    ? (new Proxy(
        {},
        {
          get: (_t, prop) =>
            prop === "deploymentExecutionStateComplete" || prop === "callExecutionStateComplete"
              ? (e: { futureId: string }) => opts.onStep!(e.futureId)
              : () => undefined,
        },
      ) as ExecutionEventListener)
    : undefined;
  let result: DeploymentResult;
  try {
    result = await deploy({
      artifactResolver: factoryArtifactResolver,
      provider: provider as never,
      ignitionModule: (existingToken ? CovenantExistingTokenModule : CovenantModule) as never,
      deploymentParameters: parameters as never,
      deploymentDir: opts.journalDir,
      accounts: [opts.deployer],
      defaultSender: opts.deployer,
      config: opts.fast ? { blockPollingInterval: 20, requiredConfirmations: 1 } : {},
      executionEventListener: listener,
    });
  } catch (e) {
    if (e instanceof Error && e.name === "CovenantError") throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw chainError(`the Ignition deployment failed: ${msg.split("\n")[0]}`);
  }
  if (result.type !== DeploymentResultType.SUCCESSFUL_DEPLOYMENT) {
    const { message, input } = describeFailure(result);
    throw input ? inputError(message) : chainError(message);
  }
  const futures: Record<string, string> = {};
  for (const c of Object.values(result.contracts)) futures[c.id] = c.address;
  const book = addressBookFrom(futures, Number(opts.chainId));
  const deployedBlock = (opts.journalDir ? journalFirstBlock(opts.journalDir) : undefined) ?? startBlock;
  return {
    book: { ...book, deployedBlock, deployer: getAddress(opts.deployer) },
    resumed: before,
    futures,
  };
}

/** The address-book names of the suite (for checks). */
export const SUITE_NAMES = Object.keys(ADDRESS_BOOK_FUTURES);
