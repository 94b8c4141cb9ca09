/**
 * Builds a large alliance on a running dev node (chain id 31337) with real transactions through the
 * contracts (no shortcuts): the suite deployed with the Ignition module (memberCap raised to the
 * size asked), `--members` members that each apply with their own key and bond and are admitted as
 * founders before the handover (what `covenant deploy founders` does with a founders file), then
 * `--agreements` agreements between members (the first with `--big-party` parties). Writes the
 * address book to `--out` (default `deployments/`) and prints a JSON summary.
 *
 *   npm run seed:large -- --rpc http://127.0.0.1:PORT --members 500 --agreements 1000 --big-party 300
 *
 * Outside CI. Not built yet: projects, IP assets, and history entries at scale (see
 * docs/performance.md, "Large alliance").
 */
import fs from "node:fs";
import path from "node:path";
import {
  HDNodeWallet,
  JsonRpcProvider,
  keccak256,
  MaxUint256,
  Network,
  sha256,
  toUtf8Bytes,
  Wallet,
  type TransactionResponse,
} from "ethers";
import { addGasHeadroom, createClient, type CovenantClient } from "../src/sdk/client";
import { writeAddressBook } from "../src/node/addressBook";

export interface SeedOptions {
  rpc: string;
  members: number;
  agreements: number;
  bigParty: number;
  out: string;
  log?: (s: string) => void;
}

export interface SeedSummary {
  members: number;
  agreements: number;
  bigAgreementParties: number;
  transactions: number;
  seconds: number;
  addressBook: string;
  firstMember: string;
  bigAgreementId: number;
}

const MNEMONIC = "test test test test test test test test test test test junk";

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Waits for every transaction, in chunks (the node answers many receipts at once). */
async function settle(txs: Promise<TransactionResponse>[]): Promise<number> {
  const sent = await Promise.all(txs);
  for (const t of sent) {
    const r = await t.wait();
    if (!r || r.status !== 1) throw new Error(`seed transaction ${t.hash} failed`);
  }
  return sent.length;
}

export async function seedLarge(o: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const provider = addGasHeadroom(
    new JsonRpcProvider(o.rpc, Network.from(31337n), { staticNetwork: true, cacheTimeout: -1 }),
  );
  provider.pollingInterval = 50;
  const accounts = (await provider.send("eth_accounts", [])) as string[];
  const { deploySuite } = await import("../src/node/ignition");
  const { DEFAULT_GENESIS, MODULE_ID, TEST_TOKEN_MODULE_ID } = await import("../src/sdk/deployment");
  const { book } = await deploySuite({
    provider: { request: ({ method, params }) => provider.send(method, (params as unknown[]) ?? []) },
    chainId: 31337n,
    deployer: accounts[0],
    parameters: {
      [TEST_TOKEN_MODULE_ID]: { name: "Covenant Test Yuan", symbol: "tCNY", decimals: 6 },
      [MODULE_ID]: {
        ...(DEFAULT_GENESIS as unknown as Record<string, bigint | number | boolean>),
        maxMembers: Math.max(o.members, Number(DEFAULT_GENESIS.maxMembers)),
      },
    },
    fast: true,
  });
  log(`suite deployed (${Object.keys(book.contracts).length} contracts)`);
  const deployer = await provider.getSigner(0);
  const admin: CovenantClient = createClient({ runner: deployer, book });
  const token = admin.testToken().connect(deployer);
  const membership = admin.membership().connect(deployer);
  const bond = (await admin.charter().charterParams()).bondAmount;
  const wallets = Array.from({ length: o.members }, (_, i) =>
    HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/1'/0/${i}`).connect(provider),
  );
  let transactions = 0;
  const CHUNK = 50;
  for (let i = 0; i < wallets.length; i += CHUNK) {
    const part = wallets.slice(i, i + CHUNK);
    for (const w of part) await provider.send("anvil_setBalance", [w.address, "0x56bc75e2d63100000"]);
    // the deployer's sends carry their nonces (the node would race on them)
    let nonce = await provider.getTransactionCount(accounts[0], "pending");
    transactions += await settle(part.map((w) => token.mint(w.address, bond * 2n, { nonce: nonce++ })));
    transactions += await settle(
      part.map((w) => token.connect(w).approve(book.contracts.Treasury!, MaxUint256)),
    );
    transactions += await settle(
      part.map((w, k) =>
        membership
          .connect(w)
          .applyForMembership(
            sha256(toUtf8Bytes(`91110000LARGE${String(i + k).padStart(6, "0")}`)),
            `成员单位 ${i + k + 1}`,
            (i + k) % 3,
            sha256(toUtf8Bytes(`profile ${i + k}`)),
          ),
      ),
    );
    nonce = await provider.getTransactionCount(accounts[0], "pending");
    transactions += await settle(part.map((w) => membership.admit(w.address, { nonce: nonce++ })));
    log(`members ${Math.min(i + CHUNK, wallets.length)}/${wallets.length}`);
  }
  const registry = admin.agreements();
  const doc = (n: number) => sha256(toUtf8Bytes(`agreement ${n}`));
  const big = Math.min(o.bigParty, wallets.length);
  let made = 0;
  let bigId = 0;
  // each creator's sends carry their nonces (several of its agreements go out at once)
  const bases = new Map<string, Promise<number>>();
  const used = new Map<string, number>();
  const nextNonce = async (w: Wallet | HDNodeWallet) => {
    if (!bases.has(w.address)) bases.set(w.address, provider.getTransactionCount(w.address, "pending"));
    const k = used.get(w.address) ?? 0;
    used.set(w.address, k + 1);
    return (await bases.get(w.address)!) + k;
  };
  const create = async (creator: Wallet | HDNodeWallet, parties: string[], n: number) =>
    registry.connect(creator).createAgreement(
      {
        kind: 4,
        parentId: 0,
        documentHash: doc(n),
        termsHash: keccak256(toUtf8Bytes(`terms ${n}`)),
        uri: `ipfs://agreement-${n}`,
        parties,
        clauses: [],
      },
      { nonce: await nextNonce(creator) },
    );
  if (o.agreements > 0 && big > 1) {
    transactions += await settle([
      create(
        wallets[0],
        wallets.slice(0, big).map((w) => w.address),
        0,
      ),
    ]);
    made += 1;
    bigId = Number(await registry.agreementCount());
  }
  for (let n = made; n < o.agreements; n += CHUNK) {
    const batch: Promise<TransactionResponse>[] = [];
    for (let k = n; k < Math.min(n + CHUNK, o.agreements); k++) {
      const a = wallets[k % wallets.length];
      const b = wallets[(k + 1) % wallets.length];
      batch.push(create(a, [a.address, b.address], k));
    }
    transactions += await settle(batch);
    made = Math.min(n + CHUNK, o.agreements);
    log(`agreements ${made}/${o.agreements}`);
  }
  fs.mkdirSync(o.out, { recursive: true });
  const file = writeAddressBook({ ...book, deployedAt: new Date().toISOString() }, o.out);
  provider.destroy();
  return {
    members: wallets.length,
    agreements: made,
    bigAgreementParties: big,
    transactions,
    seconds: Math.round((Date.now() - started) / 1000),
    addressBook: path.resolve(file),
    firstMember: wallets[0]?.address ?? "",
    bigAgreementId: bigId,
  };
}

if (require.main === module) {
  const rpc = arg("rpc");
  if (!rpc) {
    console.error(
      "usage: npm run seed:large -- --rpc <url> [--members 500] [--agreements 1000] [--big-party 300] [--out deployments]",
    );
    process.exit(2);
  }
  seedLarge({
    rpc,
    members: Number(arg("members", "500")),
    agreements: Number(arg("agreements", "1000")),
    bigParty: Number(arg("big-party", "300")),
    out: arg("out", "deployments")!,
    log: (s) => console.error(s),
  })
    .then((s) => console.log(JSON.stringify(s, null, 2)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
