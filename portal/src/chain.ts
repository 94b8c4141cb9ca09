import { JsonRpcProvider, Network, type JsonRpcError, type JsonRpcPayload, type JsonRpcResult } from "ethers";
import { parseAddressBook, type AddressBook } from "../../src/sdk/addressBook";
import { createClient, type CovenantClient } from "../../src/sdk/client";

/**
 * The portal's read-only connection: the address book the server publishes and a JSON-RPC provider
 * over the server's same-origin pass-through (reads only; a wallet signs and sends).
 */
export interface Chain {
  book: AddressBook;
  client: CovenantClient;
  provider: JsonRpcProvider;
}

/**
 * A JSON-RPC provider over the browser's own `fetch` and JSON parser: ethers' default transport
 * decodes every answer's UTF-8 in JavaScript, which costs seconds on a large `eth_getLogs` answer
 * (a member with 10,000 history entries). Batching, errors and results are ethers' as before, but
 * for `eth_getLogs`: a log read can answer megabytes, so each goes in a request of its own and the
 * small reads batched meanwhile are not held up behind it (a member page's first calls would wait
 * for its largest history range).
 */
export class PortalRpcProvider extends JsonRpcProvider {
  readonly #url: string;
  #logId = 0;

  override async send(method: string, params: unknown[] | Record<string, unknown>): Promise<unknown> {
    if (method !== "eth_getLogs") return super.send(method, params as unknown[]);
    const payload: JsonRpcPayload = { method, params, id: 1_000_000_000 + ++this.#logId, jsonrpc: "2.0" };
    const [answer] = (await this._send(payload)) as (JsonRpcResult | JsonRpcError)[];
    if (!answer) throw new Error(`${this.#url}: no answer to eth_getLogs`);
    if ("error" in answer) throw this.getRpcError(payload, answer);
    return answer.result;
  }

  constructor(url: string, network: Network, options: ConstructorParameters<typeof JsonRpcProvider>[2]) {
    super(url, network, options);
    this.#url = url;
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const res = await fetch(this.#url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      cache: "no-store",
    });
    if (!res.ok) throw new Error(`${this.#url}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    // ethers types the answers as results; an error answer is handled by ethers as with its own transport
    const answer = (await res.json()) as JsonRpcResult | JsonRpcResult[];
    return Array.isArray(answer) ? answer : [answer];
  }
}

/**
 * The address book: inlined in the page by the portal's server (a JSON data block, so the first
 * reads start without another request), else fetched from `/api/deployment.json`. Either is checked
 * by the SDK's parser.
 */
async function readBook(): Promise<AddressBook> {
  const inline = document.getElementById("covenant-book");
  if (inline?.textContent)
    return parseAddressBook(JSON.parse(inline.textContent), "the address book in the page");
  const res = await fetch("/api/deployment.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`/api/deployment.json: HTTP ${res.status}`);
  return parseAddressBook(await res.json(), "/api/deployment.json");
}

export async function loadChain(): Promise<Chain> {
  const book = await readBook();
  const provider = new PortalRpcProvider(
    new URL("/api/rpc", window.location.href).href,
    Network.from(book.chainId),
    {
      staticNetwork: true,
      batchMaxCount: 50,
      batchStallTime: 5,
    },
  );
  const client = createClient({ runner: provider, book, label: "the portal's node" });
  return { book, client, provider };
}
