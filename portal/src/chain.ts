import { JsonRpcProvider, Network } from "ethers";
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

export async function loadChain(): Promise<Chain> {
  const res = await fetch("/api/deployment.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`/api/deployment.json: HTTP ${res.status}`);
  const book = parseAddressBook(await res.json(), "/api/deployment.json");
  const provider = new JsonRpcProvider(
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
