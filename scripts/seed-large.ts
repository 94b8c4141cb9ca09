/**
 * Builds a large alliance on a running dev node (chain id 31337) with real transactions through the
 * contracts (no shortcuts): the suite deployed with the Ignition module (memberCap raised to the
 * size asked), `--members` members that each apply with their own key and bond and are admitted as
 * founders before the handover (what `covenant deploy founders` does with a founders file), then
 * the alliance constituted when projects or IP assets are asked (the secretariat drafts the first
 * charter with every member a party and every member signs it, see `constitute`), then
 * `--agreements` agreements between members (the first with `--big-party` parties), `--projects`
 * proposed projects and `--ip-assets` background IP assets with up to `--ip-owners` co-owners (the
 * IPRegistry's cap, 200, by default; see `seedIpAssets`), then
 * `--history` breach-history entries (a list: the first member gets the first count, the third
 * member the second, ...; see `seedHistory`). Writes the address
 * book to `--out` (default `deployments/`) and prints a JSON summary with the seeding time and the
 * number of transactions.
 *
 *   npm run seed:large -- --rpc http://127.0.0.1:PORT --members 500 --agreements 1000 --big-party 300 --projects 50 --ip-assets 200 --history 10000
 *
 * Outside CI. Projects stay Proposed (screening, review and activation are not seeded).
 */
import fs from "node:fs";
import path from "node:path";
import {
  encodeBytes32String,
  HDNodeWallet,
  JsonRpcProvider,
  keccak256,
  MaxUint256,
  type Result,
  Network,
  sha256,
  toUtf8Bytes,
  Wallet,
  type TransactionReceipt,
  type TransactionResponse,
} from "ethers";
import { addGasHeadroom, createClient, type CovenantClient } from "../src/sdk/client";
import { createAgreement } from "../src/sdk/actions/agreements";
import { claimFacts } from "../src/sdk/claims";
import { admitFounders, grantRoles } from "../src/sdk/actions/deployment";
import { registerIpAsset } from "../src/sdk/actions/ip";
import { proposeProject } from "../src/sdk/actions/projects";
import { AgreementKind } from "../src/sdk/generated/enums";
import type { CharterParamsStruct } from "../src/sdk/terms";
import { writeAddressBook } from "../src/node/addressBook";

export interface SeedOptions {
  rpc: string;
  members: number;
  agreements: number;
  bigParty: number;
  /** Projects to propose (each by a different member, three participants; default 0). */
  projects?: number;
  /** Background IP assets to register (default 0). */
  ipAssets?: number;
  /** The most co-owners one asset gets (default and upper bound: the IPRegistry's MAX_OWNERS). */
  ipOwners?: number;
  /** Breach-history entries to write, one count per member (the first, the third, ...; 0: none). */
  history?: number[];
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
  /** The first charter that constitutes the alliance (every member a party and a signer). */
  charter: { agreementId: number; seconds: number } | null;
  projects: { count: number; seconds: number };
  /** IP assets registered, the most co-owners of one (the contracts' cap where the members allow), and the co-owner records in all. */
  ipAssets: { count: number; maxOwners: number; ownerRecords: number; seconds: number };
  /** The members the history entries are about, their number (each one's on-chain head length), and the seconds they took. */
  histories: { member: string; entries: number; seconds: number }[];
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
    const r = await receiptOf(t);
    if (r.status !== 1) throw new Error(`seed transaction ${t.hash} failed`);
  }
  return sent.length;
}

/**
 * The receipt of `t`, asked of the node until it has one (every 50 ms, at most SEED_TX_TIMEOUT_MS).
 * Not ethers' `wait()`: it asks for the receipt, then again after each block later than the one its
 * block watch starts from (read separately); a transaction mined between the last receipt asked and
 * that block number is never seen on an automining node, which mines no further block when no
 * transaction comes, and the 500-member seed waited forever on its first charter signatures.
 */
async function receiptOf(t: TransactionResponse): Promise<TransactionReceipt> {
  const started = Date.now();
  for (;;) {
    const r = await t.provider.getTransactionReceipt(t.hash);
    if (r) return r;
    if (Date.now() - started > SEED_TX_TIMEOUT_MS)
      throw new Error(`seed transaction ${t.hash} was not mined within ${SEED_TX_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * While the seed runs, every 2 s: when the node's pool holds pending transactions and no block came
 * since the last look, one block is mined (`evm_mine`). An automining node mines a block when a
 * transaction arrives, holding what fits under the block gas limit; what a burst leaves in the pool
 * waits for the next arrival, and when the seed is waiting for those very transactions none comes
 * (8 IP registrations with 50–100 co-owners each sat in the pool; the seed's 900 s ran out once). The
 * history payments mine their rest themselves. A node without `txpool_status` is left alone (each
 * look that fails is tried again at the next). Returns the function that stops it.
 */
function keepMining(provider: JsonRpcProvider): () => void {
  let last = -1;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const look = async () => {
    try {
      const [block, pool] = await Promise.all([
        provider.getBlockNumber(),
        provider.send("txpool_status", []) as Promise<{ pending?: string }>,
      ]);
      if (Number(pool.pending ?? 0) > 0 && block === last) await provider.send("evm_mine", []);
      last = block;
    } catch {
      // a node without txpool_status or evm_mine, or a passing failure: looked at again in 2 s
    }
    if (!stopped) (timer = setTimeout(() => void look(), 2000)).unref();
  };
  (timer = setTimeout(() => void look(), 2000)).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export async function seedLarge(o: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const provider = addGasHeadroom(
    new JsonRpcProvider(o.rpc, Network.from(31337n), { staticNetwork: true, cacheTimeout: -1 }),
  );
  provider.pollingInterval = 50;
  const stopMining = keepMining(provider);
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
  const admin: CovenantClient = createClient({ runner: deployer, book, txTimeoutMs: SEED_TX_TIMEOUT_MS });
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
  const needsCharter = (o.projects ?? 0) > 0 || (o.ipAssets ?? 0) > 0;
  const charter = needsCharter ? await constitute(provider, admin, wallets, log) : null;
  if (charter) transactions += charter.transactions;
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
  const projects = await seedProjects(provider, book, wallets, o.projects ?? 0, log);
  transactions += projects.count;
  const ipAssets = await seedIpAssets(admin, book, wallets, o.ipAssets ?? 0, o.ipOwners, log);
  transactions += ipAssets.count;
  const histories: SeedSummary["histories"] = [];
  for (const [i, n] of (o.history ?? []).entries()) {
    if (n <= 0) continue;
    if (wallets.length < 2 * i + 2)
      throw new Error(`--history: ${2 * i + 2} members needed for ${i + 1} histories`);
    const h = await seedHistory(provider, admin, wallets[2 * i], wallets[2 * i + 1], n, log);
    transactions += h.transactions;
    histories.push({ member: wallets[2 * i].address, entries: h.entries, seconds: h.seconds });
  }
  fs.mkdirSync(o.out, { recursive: true });
  const file = writeAddressBook({ ...book, deployedAt: new Date().toISOString() }, o.out);
  stopMining();
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
    charter: charter && { agreementId: charter.agreementId, seconds: charter.seconds },
    projects,
    ipAssets,
    histories,
  };
}

const CHUNK_SIZE = 50;

/**
 * How long a seed transaction may wait for its block: a chunk of 50 registrations with up to 200
 * co-owners each is mined one block at a time, and on a loaded machine the last one waited over the
 * SDK's default 120 s (the seed then stopped).
 */
const SEED_TX_TIMEOUT_MS = 900_000;

/** Runs `task` for every item, `CHUNK_SIZE` at a time (different senders: their nonces do not race). */
async function inChunks<T>(
  items: T[],
  task: (item: T, index: number) => Promise<unknown>,
  progress: (done: number) => void,
): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK_SIZE) {
    await Promise.all(items.slice(i, i + CHUNK_SIZE).map((x, k) => task(x, i + k)));
    progress(Math.min(i + CHUNK_SIZE, items.length));
  }
}

/**
 * Constitutes the alliance (F1/F3) through the SDK's actions, as the demo does for its founders:
 * the SECRETARIAT role for the node's second account, which becomes the secretariat, the first
 * member the lead unit; the secretariat drafts the first charter (the genesis parameters; every
 * member a party) and every member signs it, which binds each to the charter line (a member in good
 * standing, as projects and IP registration require; the signatures are sent a chunk at a time
 * with the registry's `sign`, as `signAgreementOnChain` sends it). Checked: `isConstituted()`.
 */
async function constitute(
  provider: JsonRpcProvider,
  admin: CovenantClient,
  wallets: HDNodeWallet[],
  log: (s: string) => void,
): Promise<{ agreementId: number; transactions: number; seconds: number }> {
  const started = Date.now();
  const secretariat = await provider.getSigner(1);
  const granted = await grantRoles(admin, { role: "SECRETARIAT", accounts: [secretariat.address] });
  const set = await admitFounders(admin, {
    founders: [],
    leadUnit: wallets[0].address,
    secretariat: secretariat.address,
  });
  const secretariatClient = createClient({
    runner: secretariat,
    book: admin.book,
    txTimeoutMs: SEED_TX_TIMEOUT_MS,
  });
  const documentHash = sha256(toUtf8Bytes("large alliance charter"));
  const termsHash = keccak256(toUtf8Bytes("large alliance charter terms"));
  const params = await admin.agreements().charterParams();
  const created = await createAgreement(secretariatClient, {
    input: {
      kind: AgreementKind.indexOf("Charter"),
      parentId: 0,
      documentHash,
      termsHash,
      uri: "ipfs://large-alliance-charter",
      parties: wallets.map((w) => w.address),
      clauses: [],
    },
    charterParams: (params as unknown as Result).toObject() as CharterParamsStruct,
  });
  const agreementId = created.agreementId ?? (await admin.agreements().agreementCount());
  log(`charter ${agreementId} drafted with ${wallets.length} parties`);
  // the signatures go out a chunk at a time and are then waited for (as the applications above)
  const registry = admin.agreements();
  for (let i = 0; i < wallets.length; i += CHUNK_SIZE) {
    await settle(
      wallets
        .slice(i, i + CHUNK_SIZE)
        .map((w) => registry.connect(w).sign(agreementId, documentHash, termsHash)),
    );
    log(`charter signatures ${Math.min(i + CHUNK_SIZE, wallets.length)}/${wallets.length}`);
  }
  if (!(await admin.membership().isConstituted()))
    throw new Error("the charter is signed by every member but the alliance is not constituted");
  return {
    agreementId: Number(agreementId),
    transactions: granted.txs.length + set.txs.length + 1 + wallets.length,
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

/**
 * Proposes `n` projects through the SDK's `proposeProject`, each by a different member (the k-th
 * by member k, cycling), with that member and the next two as participants (cost and IP shares
 * 4000/3000/3000), four budget lines, two milestones and two installments a year ahead. They stay
 * Proposed (screening, review and activation are not seeded).
 */
async function seedProjects(
  provider: JsonRpcProvider,
  book: CovenantClient["book"],
  wallets: HDNodeWallet[],
  n: number,
  log: (s: string) => void,
): Promise<{ count: number; seconds: number }> {
  const started = Date.now();
  if (n <= 0) return { count: 0, seconds: 0 };
  if (wallets.length < 3) throw new Error("--projects: 3 members needed (three participants each)");
  const now = (await provider.getBlock("latest"))!.timestamp;
  const DAY = 86_400;
  const hash = (t: string) => sha256(toUtf8Bytes(t));
  const unit = 10n ** 6n;
  await inChunks(
    Array.from({ length: n }, (_, k) => k),
    async (k) => {
      const [a, b, c] = [0, 1, 2].map((d) => wallets[(k + d) % wallets.length]);
      const client = createClient({ runner: a, book, txTimeoutMs: SEED_TX_TIMEOUT_MS });
      await proposeProject(client, {
        proposal: {
          title: `联合攻关项目 ${k + 1} / joint project ${k + 1}`,
          documentHash: hash(`project ${k + 1} proposal`),
          lead: a.address,
          participants: [a, b, c].map((w, i) => ({
            account: w.address,
            costShareBps: i === 0 ? 4000 : 3000,
            ipShareBps: i === 0 ? 4000 : 3000,
            taskHash: hash(`project ${k + 1} task ${i + 1}`),
          })),
          budgetLines: [
            { category: "Equipment", amount: 500_000n * unit },
            { category: "Materials", amount: 200_000n * unit },
            { category: "Personnel", amount: 200_000n * unit },
            { category: "Testing", amount: 100_000n * unit },
          ],
          milestones: [
            { dueDate: now + 180 * DAY, specHash: hash(`project ${k + 1} milestone 1`) },
            { dueDate: now + 360 * DAY, specHash: hash(`project ${k + 1} milestone 2`) },
          ],
          installmentDueDates: [now + 30 * DAY, now + 120 * DAY],
          grantAmount: 0n,
          grantLines: [],
          contributionClauseId: "5.2",
        },
      });
    },
    (done) => log(`projects ${done}/${n}`),
  );
  return { count: n, seconds: Math.round((Date.now() - started) / 1000) };
}

/**
 * Registers `n` background IP assets through the SDK's `registerIpAsset`, the k-th by member k
 * (cycling) with co-owners from it onwards: asset k has 1 + k(max - 1)/(n - 1) co-owners (rounded
 * down), from one up to `max` — the IPRegistry's MAX_OWNERS (200) unless the members are fewer or a
 * lower cap is asked — with shares in bps summing to 10000.
 */
async function seedIpAssets(
  admin: CovenantClient,
  book: CovenantClient["book"],
  wallets: HDNodeWallet[],
  n: number,
  cap: number | undefined,
  log: (s: string) => void,
): Promise<{ count: number; maxOwners: number; ownerRecords: number; seconds: number }> {
  const started = Date.now();
  if (n <= 0) return { count: 0, maxOwners: 0, ownerRecords: 0, seconds: 0 };
  const contractCap = Number(await admin.ipRegistry().MAX_OWNERS());
  const max = Math.min(contractCap, cap ?? contractCap, wallets.length);
  if (max < 1) throw new Error("--ip-owners: at least 1");
  let ownerRecords = 0;
  await inChunks(
    Array.from({ length: n }, (_, k) => k),
    async (k) => {
      const count = n === 1 ? max : 1 + Math.floor((k * (max - 1)) / (n - 1));
      const owners = Array.from({ length: count }, (_, i) => wallets[(k + i) % wallets.length].address);
      const base = Math.floor(10_000 / count);
      const bps = owners.map((_, i) => (i === 0 ? 10_000 - base * (count - 1) : base));
      await registerIpAsset(
        createClient({ runner: wallets[k % wallets.length], book, txTimeoutMs: SEED_TX_TIMEOUT_MS }),
        {
          kind: k % 3,
          title: `背景知识产权 ${k + 1} / background IP ${k + 1}`,
          content: toUtf8Bytes(`large alliance IP asset ${k + 1}`),
          owners: { accounts: owners, bps },
        },
      );
      ownerRecords += count;
    },
    (done) => log(`IP assets ${done}/${n}`),
  );
  return { count: n, maxOwners: max, ownerRecords, seconds: Math.round((Date.now() - started) / 1000) };
}

/**
 * Writes `n` entries into `respondent`'s breach history with real transactions, one entry per
 * transaction after the first claim: `claimant` and `respondent` sign a two-party agreement whose
 * clause 9.1 allows liquidated damages, `claimant` files a claim on it (entry 1: Filed, with the
 * claim bond), and `respondent` pays the settlement in n - 1 installments of 1 token each (one
 * SettlementPaid entry each; the damages asked are n tokens, so the claim stays open and no
 * Settled entry follows). The cheapest route to one entry per transaction: a contribution default
 * (`ProjectFunding.recordDefault`) is one entry too but at most one per participant and installment
 * (24 installments, so 10,000 entries would take over 400 activated projects), and a royalty
 * default one per licence and period. The payments are signed here with explicit nonces and sent
 * in JSON-RPC batches (the node mines them in order); the result is checked against the member's
 * on-chain head, whose length must be n.
 */
async function seedHistory(
  provider: JsonRpcProvider,
  admin: CovenantClient,
  respondent: HDNodeWallet,
  claimant: HDNodeWallet,
  n: number,
  log: (s: string) => void,
): Promise<{ transactions: number; entries: number; seconds: number }> {
  const started = Date.now();
  const deployer = await provider.getSigner(0);
  const token = admin.testToken().connect(deployer);
  const unit = 10n ** BigInt(await token.decimals());
  const params = await admin.agreements().charterParams();
  const clauseId = encodeBytes32String("9.1");
  const damages = BigInt(n) * unit;
  let transactions = 0;
  let nonce = await provider.getTransactionCount(await deployer.getAddress(), "pending");
  transactions += await settle([
    token.mint(claimant.address, params.claimBond, { nonce: nonce++ }),
    token.mint(respondent.address, damages, { nonce: nonce++ }),
  ]);
  const registry = admin.agreements();
  const documentHash = sha256(toUtf8Bytes("settlement history agreement"));
  const termsHash = keccak256(toUtf8Bytes("settlement history terms"));
  transactions += await settle([
    registry.connect(claimant).createAgreement({
      kind: 4,
      parentId: 0,
      documentHash,
      termsHash,
      uri: "ipfs://settlement-history",
      parties: [claimant.address, respondent.address],
      clauses: [{ clauseId, damagesCap: damages, remedies: 1 }],
    }),
  ]);
  const agreementId = await registry.agreementCount();
  transactions += await settle([
    registry.connect(claimant).sign(agreementId, documentHash, termsHash),
    registry.connect(respondent).sign(agreementId, documentHash, termsHash),
  ]);
  const disputes = admin.disputes();
  transactions += await settle([
    disputes.connect(claimant).fileClaim({
      respondent: respondent.address,
      agreementId,
      agreementVersion: 1,
      clauseId,
      statementHash: sha256(toUtf8Bytes("statement of claim")),
      statementURI: "ipfs://settlement-history/statement",
      evidenceHash: sha256(toUtf8Bytes("evidence")),
      evidenceURI: "ipfs://settlement-history/evidence",
      remedies: 1,
      damages,
      licenseId: 0,
    }),
  ]);
  const claimId = await disputes.claimCount();
  // Every payment supplies the claim's record back (its ClaimFiled event; storage keeps its hash).
  const { record } = await claimFacts(admin, claimId);
  const data = disputes.interface.encodeFunctionData("paySettlement", [record, unit]);
  const to = admin.address("DisputeResolution");
  const gasLimit = ((await disputes.connect(respondent).paySettlement.estimateGas(record, unit)) * 3n) / 2n;
  const maxPriorityFeePerGas = 1_000_000n;
  let next = await provider.getTransactionCount(respondent.address, "pending");
  const payments = n - 1;
  const BATCH = 500;
  let lastHash = "";
  for (let done = 0; done < payments;) {
    const k = Math.min(BATCH, payments - done);
    // Full blocks raise the base fee (EIP-1559, up to 12.5% a block): each batch offers three times
    // the latest one, or a payment could wait in the pool for a fee it never reaches.
    const base = (await provider.getBlock("latest"))?.baseFeePerGas ?? 1_000_000_000n;
    const maxFeePerGas = base * 3n + maxPriorityFeePerGas;
    const raws: string[] = [];
    for (let i = 0; i < k; i++)
      raws.push(
        await respondent.signTransaction({
          type: 2,
          chainId: 31337n,
          to,
          data,
          nonce: next++,
          gasLimit,
          maxFeePerGas,
          maxPriorityFeePerGas,
        }),
      );
    // one HTTP request per batch of raw transactions (the provider batches the calls made together)
    const hashes = await Promise.all(
      raws.map((r) => provider.send("eth_sendRawTransaction", [r]) as Promise<string>),
    );
    lastHash = hashes[hashes.length - 1];
    done += k;
    transactions += k;
    if (done % 2000 < BATCH || done === payments) log(`history entries ${done + 1}/${n}`);
  }
  // the node mines in nonce order: the last payment's receipt means every one is mined. An automining
  // dev node mines one block per arriving transaction, holding what fits under the block gas limit;
  // what a burst leaves in the pool waits for the next arrival, so the seed mines blocks (evm_mine,
  // anvil and Hardhat) until the last payment is in.
  for (let r = null; lastHash && !r;) {
    r = await provider.getTransactionReceipt(lastHash);
    if (!r) {
      await provider.send("evm_mine", []);
      await new Promise((res) => setTimeout(res, 100));
    } else if (r.status !== 1) throw new Error(`seed transaction ${lastHash} failed`);
  }
  const head = await admin.history().memberHead(respondent.address);
  if (Number(head.count) !== n)
    throw new Error(`the member's history holds ${head.count} entries, not ${n}: a payment failed`);
  return { transactions, entries: n, seconds: Math.round((Date.now() - started) / 1000) };
}

if (require.main === module) {
  const rpc = arg("rpc");
  if (!rpc) {
    console.error(
      "usage: npm run seed:large -- --rpc <url> [--members 500] [--agreements 1000] [--big-party 300] [--projects 50] [--ip-assets 200] [--ip-owners 200] [--history 10000[,1000...]] [--out deployments]",
    );
    process.exit(2);
  }
  seedLarge({
    rpc,
    members: Number(arg("members", "500")),
    agreements: Number(arg("agreements", "1000")),
    bigParty: Number(arg("big-party", "300")),
    projects: Number(arg("projects", "50")),
    ipAssets: Number(arg("ip-assets", "200")),
    ipOwners: arg("ip-owners") === undefined ? undefined : Number(arg("ip-owners")),
    history: arg("history", "0")!
      .split(",")
      .map((x) => Number(x)),
    out: arg("out", "deployments")!,
    log: (s) => console.error(s),
  })
    .then((s) => console.log(JSON.stringify(s, null, 2)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
