import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import {
  BrowserProvider,
  FetchRequest,
  getAddress,
  isAddress,
  JsonRpcProvider,
  Network,
  Wallet,
  type Eip1193Provider,
  type FetchGetUrlFunc,
  type JsonRpcApiProvider,
  type JsonRpcPayload,
  type JsonRpcResult,
  type Signer,
} from "ethers";
import type { AddressBook } from "../sdk/addressBook";
import {
  addGasHeadroom,
  createClient,
  DEV_CHAIN_ID,
  TX_TIMEOUT_MS,
  type CovenantClient,
} from "../sdk/client";
import { chainError, explain, inputError } from "../sdk/errors";
import { addressBookPath, deploymentsDir, readAddressBook } from "./addressBook";
import { processEnv, type Env } from "./env";
import { createGetUrl } from "./rpcTransport";
import { acquireSendLock, stateDir } from "./sendLock";

/** Named networks (as in hardhat.config.ts). `consortium` comes from COVENANT_RPC_URL / COVENANT_CHAIN_ID. */
export const NETWORKS: Record<string, string> = {
  localhost: "http://127.0.0.1:8545",
  anvil: "http://127.0.0.1:8546",
};

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
  /** Folder of the address books; default `deploymentsDir(env)`. */
  deploymentsDir?: string;
  /** Milliseconds to wait for the RPC's first answer (default 5000 or COVENANT_RPC_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Connect even when the chain has no address book yet (an empty book): `covenant deploy suite`. */
  allowMissingBook?: boolean;
  /** The `COVENANT_*` variables to read (default `process.env`). */
  env?: Env;
  /**
   * A provider to use instead of connecting to the RPC URL (tests: Hardhat's in-process chain, as an
   * EIP-1193 provider or an ethers JSON-RPC provider); `network` and `rpc` are still checked.
   */
  provider?: Eip1193Provider | JsonRpcApiProvider;
  /** Blocks a transaction must be deep before a command reports it (default: the address book's, else 1). */
  confirmations?: number;
  /** Milliseconds to wait for a receipt (default 120 000 or COVENANT_TX_TIMEOUT_MS). */
  txTimeoutMs?: number;
  /** Told what a send waits for (a progress indicator), `undefined` when the wait ends. */
  onProgress?: (text: string | undefined) => void;
  /**
   * Per key and chain, one sending command at a time (a lock file under the state folder, see
   * `src/node/sendLock.ts`); on by default for an RPC URL, off for a given provider.
   */
  sendLock?: boolean;
}

const PRIVATE_KEY_RE = /^(0x)?[0-9a-fA-F]{64}$/;

/** True when `value` looks like a raw private key (32 bytes of hex). */
export function looksLikePrivateKey(value: string): boolean {
  return PRIVATE_KEY_RE.test(value.trim());
}

/** Where to connect: an URL and, for env networks, the chain id the node must report. */
export function resolveRpc(
  opts: Pick<ConnectOptions, "network" | "rpc">,
  env: Env = processEnv(),
): { url: string; name: string; expectedChainId?: bigint } {
  if (opts.network && opts.rpc) throw inputError("give either --network or --rpc, not both");
  if (opts.rpc) {
    if (!/^https?:\/\/\S+$/.test(opts.rpc))
      throw inputError(`--rpc must be an http(s) URL, got "${opts.rpc}"`);
    return { url: opts.rpc, name: opts.rpc };
  }
  const name = opts.network ?? "localhost";
  if (NETWORKS[name]) return { url: NETWORKS[name], name };
  if (name === "consortium") {
    const url = env.COVENANT_RPC_URL;
    if (!url)
      throw inputError(
        "network consortium needs COVENANT_RPC_URL (and COVENANT_CHAIN_ID) in the environment",
      );
    const id = env.COVENANT_CHAIN_ID;
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

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** An answer's body as JSON, decoded by Node (ethers decodes UTF-8 in JavaScript, slow on a large answer); undefined if it is not JSON. */
function jsonOf(body: Uint8Array | null): unknown {
  if (body === null) return undefined;
  try {
    return JSON.parse(utf8.decode(body));
  } catch {
    return undefined;
  }
}

/**
 * Asks the node for its chain id with a timeout, so an unreachable RPC fails fast with one line.
 * Through ethers' own HTTP transport (Node's http module, which the provider loads anyway), not
 * `fetch`, whose loading alone costs a command tens of milliseconds.
 */
export async function probeChainId(url: string, timeoutMs: number): Promise<bigint> {
  const req = new FetchRequest(url);
  req.body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });
  req.setHeader("content-type", "application/json");
  req.timeout = timeoutMs;
  // one try: a node that is down is reported, not retried
  req.retryFunc = async () => false;
  let status: number;
  let body: { result?: unknown } | undefined;
  try {
    const res = await req.send();
    status = res.statusCode;
    body = jsonOf(res.body) as { result?: unknown } | undefined;
  } catch (e) {
    const err = e as { code?: string; name?: string };
    const cause = err.code === "TIMEOUT" ? "timed out" : (err.code ?? err.name ?? "error");
    throw chainError(`cannot reach the RPC at ${url} (${cause})`);
  }
  if (body === undefined || typeof body !== "object" || body === null)
    throw chainError(`the RPC at ${url} did not answer JSON-RPC (HTTP ${status})`);
  if (typeof body.result !== "string") throw chainError(`the RPC at ${url} did not report a chain id`);
  return BigInt(body.result);
}

/** JSON-RPC methods that send a transaction: never asked a second time by the transport. */
const SENDING_METHODS = new Set(["eth_sendRawTransaction", "eth_sendTransaction"]);

/** Whether `e` is the connection closed under a request before the node answered (a reset, a broken pipe). */
function isConnectionReset(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "ECONNRESET" || code === "EPIPE";
}

/**
 * ethers' JSON-RPC provider whose answers are decoded by Node's UTF-8 decoder and JSON parser
 * (ethers decodes UTF-8 in JavaScript: a contract's code for `requireDeployed`, a large log scan);
 * batching, retries, HTTP errors and error answers are ethers' as before, and an answer that is not
 * UTF-8 JSON gets ethers' own error.
 *
 * Its connections are kept alive in an agent of its own, and answers are read by `createGetUrl`
 * (chunks joined once). A node closes a connection left idle past its keep-alive timeout (5 s for a
 * Hardhat node or any Node.js server, which announce it; Node's client stops reusing a connection 1 s
 * before the announced time, counted from when it has read the answer). ethers read a 14.7 MB answer
 * seconds after the node had sent it (it copies the body at every chunk), so the node's time ran out
 * first and the next request went out on a connection the node had closed: reset (ECONNRESET), unread.
 * The same race is open whenever this process is busy past a node's timeout. A read that fails so is
 * asked once more, after the idle connections are dropped, on a new connection; a batch that sends a
 * transaction is never asked twice (its failure is the lost node's, reported with what is known).
 */
export class NodeRpcProvider extends JsonRpcProvider {
  private readonly agent: http.Agent;
  private readonly getUrl: FetchGetUrlFunc;

  constructor(url: string, network?: Network, options?: ConstructorParameters<typeof JsonRpcProvider>[2]) {
    super(url, network, options);
    this.agent = url.startsWith("https:")
      ? new https.Agent({ keepAlive: true })
      : new http.Agent({ keepAlive: true });
    this.getUrl = createGetUrl(this.agent);
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const body = JSON.stringify(payload);
    const reads = [payload].flat().every((p) => !SENDING_METHODS.has(p.method));
    for (let attempt = 1; ; attempt++) {
      const request = this._getConnection();
      request.getUrlFunc = this.getUrl;
      request.body = body;
      request.setHeader("content-type", "application/json");
      let response: Awaited<ReturnType<FetchRequest["send"]>>;
      try {
        response = await request.send();
      } catch (e) {
        if (attempt === 1 && reads && isConnectionReset(e)) {
          this.dropIdleConnections();
          continue;
        }
        throw e;
      }
      response.assertOk();
      const answer = (jsonOf(response.body) ?? response.bodyJson) as JsonRpcResult | JsonRpcResult[];
      return Array.isArray(answer) ? answer : [answer];
    }
  }

  /** Closes the kept-alive connections no request is using (any may have been closed by the node). */
  private dropIdleConnections(): void {
    for (const sockets of Object.values(this.agent.freeSockets)) for (const s of sockets ?? []) s.destroy();
  }

  override destroy(): void {
    super.destroy();
    this.agent.destroy();
  }
}

/**
 * Connects to a node (an RPC URL, a named network, or a given provider), checks its chain id,
 * loads its address book from disk and builds the SDK client; the signer is resolved on first
 * write by {@link resolveSigner}. Nothing is signed yet.
 */
export async function connect(opts: ConnectOptions = {}): Promise<CovenantClient> {
  const env = opts.env ?? processEnv();
  if (opts.from !== undefined && looksLikePrivateKey(opts.from)) {
    throw inputError(
      "--from takes an account index or address, never a private key; use COVENANT_PRIVATE_KEY or --keystore",
    );
  }
  let provider: JsonRpcApiProvider;
  let chainId: bigint;
  let label: string;
  if (opts.provider) {
    // the network options are still checked (and a consortium's chain id enforced)
    const named = opts.network !== undefined || opts.rpc !== undefined ? resolveRpc(opts, env) : undefined;
    provider =
      "send" in opts.provider && "getNetwork" in opts.provider
        ? opts.provider
        : new BrowserProvider(opts.provider, undefined, { cacheTimeout: -1 });
    try {
      chainId = (await provider.getNetwork()).chainId;
    } catch (e) {
      throw explain(e);
    }
    label = named?.url ?? "the in-process chain";
    if (named?.expectedChainId !== undefined && named.expectedChainId !== chainId) {
      throw chainError(
        `wrong chain: the node at ${label} reports chain id ${chainId}, expected ${named.expectedChainId}`,
      );
    }
  } else {
    const { url, expectedChainId } = resolveRpc(opts, env);
    const timeout = opts.timeoutMs ?? Number(env.COVENANT_RPC_TIMEOUT_MS ?? 5000);
    chainId = await probeChainId(url, timeout);
    if (expectedChainId !== undefined && expectedChainId !== chainId) {
      throw chainError(
        `wrong chain: the node at ${url} reports chain id ${chainId}, expected ${expectedChainId}`,
      );
    }
    // requests made together go in one JSON-RPC batch (reads of many members at once)
    provider = new NodeRpcProvider(url, Network.from(chainId), {
      staticNetwork: true,
      batchMaxCount: 100,
      batchStallTime: 0,
      // no 250 ms answer cache: a key sending twice in a row must see its new nonce
      cacheTimeout: -1,
    });
    // on chains with block times a transaction runs in a later block than its estimate
    addGasHeadroom(provider);
    label = url;
  }
  const dir = opts.deploymentsDir ?? deploymentsDir(env);
  const missing = opts.allowMissingBook && !fs.existsSync(addressBookPath(chainId, dir));
  const book: AddressBook = missing
    ? { chainId: Number(chainId), contracts: {}, deployedAt: "" }
    : readAddressBook(chainId, dir);
  const txTimeoutMs = opts.txTimeoutMs ?? positiveInt(env.COVENANT_TX_TIMEOUT_MS, "COVENANT_TX_TIMEOUT_MS");
  const lockDir = stateDir(env);
  return createClient({
    runner: provider,
    book,
    label,
    confirmations: opts.confirmations ?? positiveInt(env.COVENANT_CONFIRMATIONS, "COVENANT_CONFIRMATIONS"),
    txTimeoutMs,
    onProgress: opts.onProgress,
    sendLock:
      (opts.sendLock ?? !opts.provider)
        ? (account) =>
            acquireSendLock({
              dir: lockDir,
              chainId,
              account,
              waitMs: txTimeoutMs ?? TX_TIMEOUT_MS,
              onWait: opts.onProgress,
            })
        : undefined,
    signer: () => resolveSigner(provider, chainId, { from: opts.from, keystore: opts.keystore, env, label }),
  });
}

function positiveInt(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text === "") return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw inputError(`${name} must be a whole number, 1 or more`);
  return Number(text);
}

/**
 * The signer by the rules of docs/cli.md: a keystore (`--keystore`, password in
 * COVENANT_KEYSTORE_PASSWORD), else COVENANT_PRIVATE_KEY, else on a dev chain the node's unlocked
 * account `from` (an index or address, default 0). A key that is set always signs, on a dev chain too.
 */
export async function resolveSigner(
  provider: JsonRpcApiProvider,
  chainId: bigint,
  opts: { from?: string; keystore?: string; env?: Env; label?: string },
): Promise<Signer> {
  const env = opts.env ?? processEnv();
  const { from, keystore } = opts;
  if (keystore) return checkFrom(await keystoreSigner(keystore, provider, env), from);
  const key = env.COVENANT_PRIVATE_KEY;
  if (key) {
    let wallet: Wallet;
    try {
      wallet = new Wallet(key.trim().startsWith("0x") ? key.trim() : `0x${key.trim()}`, provider);
    } catch {
      throw inputError("COVENANT_PRIVATE_KEY is not a valid private key");
    }
    return checkFrom(wallet, from);
  }
  if (chainId === DEV_CHAIN_ID) {
    let accounts: string[];
    try {
      accounts = (await provider.send("eth_accounts", [])) as string[];
    } catch (e) {
      throw explain(e, { rpc: opts.label });
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
    return provider.getSigner(index);
  }
  throw inputError(
    `chain ${chainId} is not a dev chain: set COVENANT_PRIVATE_KEY or pass --keystore <file> (password in COVENANT_KEYSTORE_PASSWORD)`,
  );
}

async function keystoreSigner(file: string, provider: JsonRpcApiProvider, env: Env): Promise<Signer> {
  let json: string;
  try {
    json = fs.readFileSync(file, "utf8");
  } catch {
    throw inputError(`cannot read the keystore file ${file}`);
  }
  const password = env.COVENANT_KEYSTORE_PASSWORD;
  if (password === undefined) throw inputError("--keystore needs its password in COVENANT_KEYSTORE_PASSWORD");
  try {
    const w = await Wallet.fromEncryptedJson(json, password);
    return w.connect(provider);
  } catch {
    throw inputError(`cannot decrypt the keystore ${file}: wrong password or not a keystore`);
  }
}

async function checkFrom(signer: Signer, from: string | undefined): Promise<Signer> {
  if (from === undefined) return signer;
  if (!isAddress(from))
    throw inputError("--from: with a key it may only name the address the key must belong to");
  const addr = await signer.getAddress();
  if (getAddress(from) !== addr)
    throw inputError(`--from ${from} does not match the signer's address ${addr}`);
  return signer;
}
