import { JsonRpcProvider, Network, type JsonRpcPayload, type JsonRpcResult } from "ethers";
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
 * (a member with 10,000 history entries). Batching, errors and results are ethers': the reads asked
 * at one moment, log reads too, go in one request (a member page's first reads and the first block
 * of its history are one batch, not a request each queued behind the browser's six connections).
 * A long history's megabyte ranges are asked only after its first page is drawn, one at a time, so
 * the page's first reads never wait behind them.
 */
export class PortalRpcProvider extends JsonRpcProvider {
  readonly #url: string;

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
