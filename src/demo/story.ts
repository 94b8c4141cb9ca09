/**
 * The demo: a whole alliance lifecycle modelled on the article, as narrated steps ({@link DEMO_STEPS},
 * played one at a time by {@link playDemo}) over a provider and the node's deployer account, used by
 * `npm run demo` (Hardhat's in-process chain) and `covenant demo --network <name>` (a running dev
 * node). See docs/demo.md.
 */
import fs from "node:fs";
import path from "node:path";
import { MaxUint256, encodeBytes32String, id, type Provider, type Signer } from "ethers";
import type { IAgreementRegistryFull } from "../../typechain-types";
import { AccessManager__factory } from "../../typechain-types/factories/@openzeppelin/contracts/access/manager/AccessManager__factory";
import { AgreementRegistry__factory } from "../../typechain-types/factories/contracts/agreements/AgreementRegistry__factory";
import { AllianceGovernor__factory } from "../../typechain-types/factories/contracts/governance/AllianceGovernor__factory";
import { BreachHistory__factory } from "../../typechain-types/factories/contracts/disputes/BreachHistory__factory";
import { DisputeResolution__factory } from "../../typechain-types/factories/contracts/disputes/DisputeResolution__factory";
import { IPRegistry__factory } from "../../typechain-types/factories/contracts/ip/IPRegistry__factory";
import { LicenseManager__factory } from "../../typechain-types/factories/contracts/licensing/LicenseManager__factory";
import { LicenseProposals__factory } from "../../typechain-types/factories/contracts/licensing/LicenseProposals__factory";
import { Membership__factory } from "../../typechain-types/factories/contracts/membership/Membership__factory";
import { PanelArbitrator__factory } from "../../typechain-types/factories/contracts/disputes/PanelArbitrator__factory";
import { ProjectFunding__factory } from "../../typechain-types/factories/contracts/projects/ProjectFunding__factory";
import { ProjectRegistry__factory } from "../../typechain-types/factories/contracts/projects/ProjectRegistry__factory";
import { ProjectSpending__factory } from "../../typechain-types/factories/contracts/projects/ProjectSpending__factory";
import { TestToken__factory } from "../../typechain-types/factories/contracts/dev/TestToken__factory";
import { Treasury__factory } from "../../typechain-types/factories/contracts/treasury/Treasury__factory";
import { admitFounders, grantRoles, handover } from "../sdk/actions/deployment";
import {
  applyForMembership,
  giveWithdrawalNotice,
  withdraw as withdrawMembership,
} from "../sdk/actions/membership";
import { approveToken, mintTestToken } from "../sdk/actions/token";
import { withdraw as withdrawFromTreasury } from "../sdk/actions/treasury";
import { advanceProposal, castVote, proposeCall } from "../sdk/actions/council";
import {
  appointPanel,
  applyRuling,
  claimPayout,
  deliverPanelRuling,
  fileClaim,
  panelVote,
  referClaim,
} from "../sdk/actions/claims";
import { claimFacts } from "../sdk/claims";
import { registerIpAsset } from "../sdk/actions/ip";
import {
  acceptOffer,
  approveProposal,
  claimIncome,
  payRoyalty,
  proposeOffer,
  setIncomeSplit,
  settleIncome,
} from "../sdk/actions/licensing";
import { AGREEMENT_SIGNATURE_TYPES, agreementsDomain, describeTypedData, signAgreement } from "../sdk/eip712";
import { readSafe, signSafeMessage } from "../sdk/safe";
import { buildProjectTerms, type ProjectProposalInput } from "../sdk/projectTerms";
import { ROLES } from "../sdk/roles";
import { charterParamsFromJson, clausesFromJson, termsHash } from "../sdk/terms";
import { verifyAgreement } from "../sdk/verify";
import { countsOf, toLogEntry } from "../sdk/historyLog";
import {
  FOUNDERS,
  CISRI,
  FAW,
  FEED,
  LICENSEE,
  NEU,
  PEOPLE,
  SME,
  demoWallets,
  type Organisation,
} from "./cast";
import { DevChain, requireDevChain } from "./chain";
import { CovenantError, explain } from "../sdk/errors";
import { deploySuite, type Eip1193 } from "./deploy";
import {
  ALLIANCE,
  CHARTER_PARAMS,
  CHARTER_SCHEDULE,
  DocumentFolder,
  PROJECT_SCHEDULE,
  charterTerms,
  charterText,
  money,
  tcny,
} from "./documents";
import { DemoSafe } from "./safe";
import { Narrator, type TxEvidence } from "./narrator";
import { breachHistory, memberTable, type DemoSummary } from "./report";
import { sha256Hex } from "../sdk/hash";
import { entityIdHash } from "../sdk/members";
import { AgreementKind, MemberStatus, SpendStatus } from "../sdk/generated/enums";
import { createAgreement, signAgreementOnChain, submitSignature } from "../sdk/actions/agreements";
import {
  activateProject,
  approveSmallProject,
  approveSpend,
  contribute,
  depositGrant,
  recordDefault,
  executeSpend,
  proposeProject,
  requestSpend,
  reviewProject,
  vetoSpend,
} from "../sdk/actions/projects";
import {
  combineSafeOwnerFiles,
  parseAnySignatureFile,
  parseSignatureFile,
  safeOwnerSignatureFile,
  signatureFile,
  type SafeOwnerSignatureFile,
} from "../present/signatureFile";
import { createClient } from "../sdk/client";
import type { AddressBook } from "../sdk/addressBook";

const DAY = 24 * 60 * 60;
const ETH = 10n ** 18n;
/** `Remedies` bits (docs/terms-schema.md). */
const DAMAGES = 1;
const KIND_CHARTER = AgreementKind.indexOf("Charter");
const KIND_PROJECT = AgreementKind.indexOf("Project");
const METHOD_NAMES = ["None", "Direct", "EIP-712 (relayed)", "EIP-1271 (contract wallet)"];

export interface DemoEnv {
  /** The ethers provider the demo's keys send through. */
  provider: Provider;
  /** The same node as EIP-1193 (Ignition, dev-chain methods). */
  rpc: Eip1193;
  /** An unlocked account of the node: deploys the suite (Ignition) and runs the bootstrap. */
  deployer: Signer;
  /** Folder for every document the demo writes (default out/demo). */
  outDir: string;
  /** Where the narration goes (stdout for `npm run demo`); none when undefined. */
  narrate?: NodeJS.WritableStream;
  /** Called with the address book as soon as the suite is deployed (the CLI writes it to disk). */
  onDeployed?: (chainId: bigint, contracts: Record<string, string>) => void;
  /**
   * Relays the offline signature file the demo writes (the format `covenant agreement sign
   * --offline` writes and `covenant agreement submit` reads) and returns the transaction's hash;
   * by default the SME relays it through the SDK action `submit` uses. The tests pass
   * `covenant agreement submit` itself.
   */
  submitSignatureFile?: (file: string) => Promise<string>;
}

/** One step of the story: a stable id and the title the narration shows. */
export interface DemoStep {
  id: string;
  title: string;
}

/** The story's steps, in order: what {@link playDemo} runs one `next()` at a time. */
export const DEMO_STEPS: readonly DemoStep[] = [
  {
    id: "deployment",
    title: "Deploy the alliance suite with the Ignition module (ignition/modules/Covenant.ts)",
  },
  { id: "the-cast", title: "The cast: members, bodies and officers get keys, gas and test yuan (tCNY)" },
  {
    id: "roles",
    title: "Bootstrap: the deployer (still ADMIN) names the secretariat, three experts and the supervisor",
  },
  {
    id: "founders-apply",
    title: "Four founders apply, each posting the 50,000 tCNY performance bond into the Treasury",
  },
  {
    id: "admission-handover",
    title: "Founders admitted; lead unit and secretariat named; the deployer hands over to the council",
  },
  {
    id: "charter-drafted",
    title: "The secretariat drafts the charter (Chinese + English text, terms JSON with every parameter)",
  },
  {
    id: "charter-signed",
    title:
      "All four founders sign: directly, by a 2-of-3 multisig (EIP-1271), and one offline signature relayed",
  },
  { id: "constitution", title: "Constitution check: charter in force, bodies named, every founder acceded" },
  {
    id: "project-proposed",
    title:
      "一汽 proposes a joint project: cost shares 50/30/20, IP shares 40/40/20, a grant within the 30% cap",
  },
  {
    id: "screening",
    title: "Expert screening: two reviews, then the secretariat approves (budget under its limit)",
  },
  {
    id: "project-agreement",
    title: "The project agreement is created, signed by the three participants, and the project activated",
  },
  {
    id: "contributions-grant",
    title: "First installment paid by all three; the government deposits its grant",
  },
  {
    id: "supervised-spend",
    title: "A supervised grant spend: requested, approved by participants, executed after the veto window",
  },
  {
    id: "vetoed-spend",
    title: "A second grant spend, to a party related to the lead, is vetoed by the supervisor",
  },
  { id: "ip", title: "The result is registered as foreground IP, owned by the project's pre-agreed shares" },
  {
    id: "income-split",
    title:
      "中国钢研 directs 40% of its income to its staff, 4:4:2 (research, pilot-scale, industrialisation)",
  },
  {
    id: "licence",
    title: "A public licence offer (3% royalty) approved by co-owners and taken by an outside company",
  },
  {
    id: "royalties",
    title: "Royalties: the licensee reports a quarter's revenue and pays; co-owners and staff claim",
  },
  {
    id: "default",
    title:
      "Second installment: 一汽 and 中国钢研 pay, the SME does not; after the grace period a default is recorded",
  },
  {
    id: "claim",
    title: "一汽 files a breach claim under clause 5.2 of the project agreement, with evidence",
  },
  { id: "panel", title: "An expert panel of three rules (2 uphold, 1 rejects); the appeal window passes" },
  { id: "slash", title: "The ruling is executed: the SME's bond is slashed to the injured party" },
  {
    id: "new-member-by-council-vote",
    title: "东北大学 applies; the council admits it (propose -> vote -> queue -> execute); it accedes",
  },
  {
    id: "withdrawal",
    title: "The feed company gives notice and withdraws after 60 days; its bond comes back",
  },
  {
    id: "verify",
    title: "A legal team verifies the charter against the files the demo wrote (agreement verify)",
  },
  { id: "history", title: "An arbitrator reads the SME's breach history" },
  { id: "final-state", title: "Final state: members, bonds and Treasury solvency (I2)" },
];

export const TOTAL_STEPS = DEMO_STEPS.length;

/** Runs the whole story; returns what it did (for `--json`, the test and docs). */
export async function runDemo(env: DemoEnv): Promise<DemoSummary> {
  const steps = playDemo(env);
  for (let done = 0; ; done++) {
    let r: IteratorResult<DemoStep, DemoSummary>;
    try {
      r = await steps.next();
    } catch (e) {
      // a failure names the step (and, through the SDK's words, the call)
      const where = `step ${done + 1}/${TOTAL_STEPS} (${DEMO_STEPS[done]?.title ?? "the end"})`;
      const x = explain(e);
      // the story's own errors (plain Errors naming the call) are chain-side, as before
      const plain = !(e instanceof CovenantError) && e instanceof Error && e.constructor === Error;
      throw new CovenantError(`demo failed at ${where}: ${plain ? e.message : x.message}`, {
        kind: plain ? "chain" : x.kind,
        cause: e,
        txHash: x.txHash,
      });
    }
    if (r.done) return r.value;
  }
}

/**
 * The story as narrated steps, callable one by one: each `next()` narrates and runs the next step of
 * {@link DEMO_STEPS} and resolves with it; the last step resolves `done` with the summary. Later
 * steps read what earlier ones did (ids, documents), so the steps run in order; `npm start` and a
 * generator of larger alliances can stop after any step and use the chain as it is.
 */
export async function* playDemo(env: DemoEnv): AsyncGenerator<DemoStep, DemoSummary> {
  const { provider } = env;
  const chainId = (await provider.getNetwork()).chainId;
  requireDevChain(chainId);
  const chain = new DevChain(env.rpc, provider);
  const n = new Narrator(TOTAL_STEPS, env.narrate);
  fs.rmSync(env.outDir, { recursive: true, force: true });
  const docs = new DocumentFolder(env.outDir);
  const deployerAddress = await env.deployer.getAddress();

  n.title(`Covenant demo — ${ALLIANCE.zh} / ${ALLIANCE.en}`);
  n.title(`chain id ${chainId}; documents in ${env.outDir}`);

  // ------------------------------------------------------------------ 1. deployment
  n.begin(DEMO_STEPS[0].title);
  let futures = 0;
  const addresses = await deploySuite(env.rpc, deployerAddress, CHARTER_PARAMS, () => {
    futures += 1;
  });
  env.onDeployed?.(chainId, addresses);
  n.say(`${futures} Ignition futures executed (contracts, role mappings, grants, one-time wiring).`);
  n.table(
    ["contract", "address"],
    Object.entries(addresses).map(([k, v]) => [k, v]),
  );
  const c = {
    manager: AccessManager__factory.connect(addresses.AccessManager, provider),
    token: TestToken__factory.connect(addresses.SettlementToken, provider),
    treasury: Treasury__factory.connect(addresses.Treasury, provider),
    membership: Membership__factory.connect(addresses.Membership, provider),
    governor: AllianceGovernor__factory.connect(addresses.AllianceGovernor, provider),
    registry: AgreementRegistry__factory.connect(addresses.AgreementRegistry, provider),
    projects: ProjectRegistry__factory.connect(addresses.ProjectRegistry, provider),
    funding: ProjectFunding__factory.connect(addresses.ProjectFunding, provider),
    spending: ProjectSpending__factory.connect(addresses.ProjectSpending, provider),
    ip: IPRegistry__factory.connect(addresses.IPRegistry, provider),
    licenses: LicenseManager__factory.connect(addresses.LicenseManager, provider),
    proposals: LicenseProposals__factory.connect(addresses.LicenseProposals, provider),
    disputes: DisputeResolution__factory.connect(addresses.DisputeResolution, provider),
    history: BreachHistory__factory.connect(addresses.BreachHistory, provider),
    panel: PanelArbitrator__factory.connect(addresses.PanelArbitrator, provider),
  };

  // Every step that sends a transaction calls the SDK action its CLI command calls (`covenant …`).
  const book: AddressBook = { chainId: Number(chainId), contracts: addresses, deployedAt: "" };
  const clientOf = (runner: Signer) => createClient({ runner, book });
  /** A bootstrap step by the deployer (not counted among the demo's transactions). */
  const bootstrap = async <T>(what: string, action: Promise<T>): Promise<T> => {
    try {
      return await action;
    } catch (e) {
      throw new Error(`${what}: ${explain(e).message}`);
    }
  };

  yield DEMO_STEPS[0];

  // ------------------------------------------------------------------ 2. the cast
  n.begin(DEMO_STEPS[1].title);
  const w = demoWallets(provider);
  for (const wallet of Object.values(w)) await chain.setBalance(wallet.address, 100n * ETH);
  const { safe: cisri, tx: msigTx } = await DemoSafe.deploy(env.deployer, [
    w.cisriOwner1,
    w.cisriOwner2,
    w.cisriOwner3,
  ]);
  const msigEvidence = await chain.send("create CISRI's Safe", Promise.resolve(msigTx));
  n.tx(`${CISRI.zh} acts through a 2-of-3 Safe 1.4.1 (EIP-1271) at ${cisri.address}`, msigEvidence);
  /** CISRI's Safe as the SDK's signer: each action is a Safe transaction two officers sign. */
  const cisriClient = clientOf(cisri.signer(provider));
  const member: Record<string, string> = {
    faw: w.faw.address,
    cisri: cisri.address,
    feed: w.feed.address,
    sme: w.sme.address,
    neu: w.neu.address,
    licensee: w.licensee.address,
  };
  const mint: [string, bigint][] = [
    [member.faw, tcny(2_000_000)],
    [member.cisri, tcny(1_000_000)],
    [member.feed, tcny(100_000)],
    [member.sme, tcny(200_000)],
    [member.neu, tcny(100_000)],
    [member.licensee, tcny(1_000_000)],
    [w.funder.address, tcny(250_000)],
  ];
  const deployerClient = clientOf(env.deployer);
  for (const [to, amount] of mint) await chain.act("mint", mintTestToken(deployerClient, { to, amount }));
  const treasuryAddress = addresses.Treasury;
  const allowTreasury = { spender: treasuryAddress, amount: MaxUint256 };
  for (const k of ["faw", "feed", "sme", "neu", "licensee", "funder"] as const)
    await chain.act("approve", approveToken(clientOf(w[k]), allowTreasury));
  await chain.act("approve", approveToken(cisriClient, allowTreasury));
  n.table(
    ["who", "address", "tCNY"],
    [
      ...[FAW, CISRI, FEED, SME, NEU, LICENSEE].map((o) => [
        `${o.zh}\n${o.en}`,
        member[o.key],
        money(mint.find(([a]) => a === member[o.key])?.[1] ?? 0n),
      ]),
      [PEOPLE.secretariat, w.secretariat.address, ""],
      [PEOPLE.funder, w.funder.address, money(tcny(250_000))],
      [PEOPLE.supervisor, w.supervisor.address, ""],
    ],
  );

  yield DEMO_STEPS[1];

  // ------------------------------------------------------------------ 3. roles
  n.begin(DEMO_STEPS[2].title);
  await bootstrap(
    "grant SECRETARIAT",
    grantRoles(deployerClient, { role: "SECRETARIAT", accounts: [w.secretariat.address] }),
  );
  await bootstrap(
    "grant EXPERT",
    grantRoles(deployerClient, {
      role: "EXPERT",
      accounts: [w.expert1.address, w.expert2.address, w.expert3.address],
    }),
  );
  await bootstrap(
    "grant SUPERVISOR",
    grantRoles(deployerClient, { role: "SUPERVISOR", accounts: [w.supervisor.address] }),
  );
  for (const [role, who] of [
    ["SECRETARIAT", w.secretariat],
    ["EXPERT", w.expert1],
    ["EXPERT", w.expert2],
    ["EXPERT", w.expert3],
    ["SUPERVISOR", w.supervisor],
  ] as const) {
    const [has] = await c.manager.hasRole(ROLES[role], who.address);
    n.say(`${role.padEnd(11)} ${who.address}  ${has ? "granted" : "MISSING"}`);
  }

  yield DEMO_STEPS[2];

  // ------------------------------------------------------------------ 4. founders apply
  n.begin(DEMO_STEPS[3].title);
  const profileOf = (o: Organisation) => {
    const profile = docs.write(`members/${o.key}-profile.txt`, `${o.zh}\n${o.en}\n${o.role}\n${o.code}\n`);
    return { entityId: entityIdHash(o.code), name: o.zh, kind: o.kind, profileHash: profile.sha256 };
  };
  for (const o of [FAW, FEED, SME]) {
    const signer = w[o.key as "faw" | "feed" | "sme"];
    const t = await chain.act(`${o.en} applies`, applyForMembership(clientOf(signer), profileOf(o)));
    n.tx(`${o.zh} (${o.en}) applied; entity id = SHA-256("${o.code}")`, t);
  }
  const cisriApply = await chain.act("CISRI applies", applyForMembership(cisriClient, profileOf(CISRI)));
  n.tx(`${CISRI.zh} (${CISRI.en}) applied through its multisig`, cisriApply);
  n.say(`Bonds held by the Treasury: ${money(await c.treasury.totalBonds())}`);

  yield DEMO_STEPS[3];

  // ------------------------------------------------------------------ 5. admission + handover
  n.begin(DEMO_STEPS[4].title);
  const founderAddresses = FOUNDERS.map((o) => member[o.key]);
  await bootstrap(
    "admit the founders",
    admitFounders(deployerClient, {
      founders: founderAddresses,
      leadUnit: member.faw,
      secretariat: w.secretariat.address,
    }),
  );
  await bootstrap("hand over to the council", handover(deployerClient));
  const [deployerAdmin] = await c.manager.hasRole(ROLES.ADMIN, deployerAddress);
  const [timelockAdmin] = await c.manager.hasRole(ROLES.ADMIN, addresses.TimelockController);
  n.say(`Lead unit: ${FAW.zh} (${await c.membership.leadUnit()})`);
  n.say(`Council (timelock) is ADMIN: ${timelockAdmin}; deployer keeps no role: ${!deployerAdmin}`);
  n.table(...(await memberTable(c.membership, c.treasury, member)));

  yield DEMO_STEPS[4];

  // ------------------------------------------------------------------ 6. charter drafted
  n.begin(DEMO_STEPS[5].title);
  const founders = FOUNDERS;
  const charterDoc = docs.write("charter/charter.zh-en.txt", charterText(founders));
  const terms = charterTerms(founders);
  const charterTermsFile = docs.writeJson("charter/charter.terms.json", terms);
  const charterTermsHash = termsHash(terms);
  const params = charterParamsFromJson(terms.parameters);
  const created = await chain.act(
    "create the charter",
    createAgreement(clientOf(w.secretariat), {
      input: {
        kind: KIND_CHARTER,
        parentId: 0,
        documentHash: charterDoc.sha256,
        termsHash: charterTermsHash,
        uri: "file://charter/charter.zh-en.txt",
        parties: founderAddresses,
        clauses: clausesFromJson(CHARTER_SCHEDULE),
      },
      charterParams: params,
    }),
  );
  const charterId = created.agreementId ?? (await c.registry.agreementCount());
  n.tx(`Charter = agreement #${charterId}, 4 parties, penalty clauses 4.3 / 6.5 / 7.2`, created);
  n.say(`document ${path.relative(process.cwd(), charterDoc.path)}  sha256 ${charterDoc.sha256}`);
  n.say(
    `terms    ${path.relative(process.cwd(), charterTermsFile.path)}  RFC 8785 sha256 ${charterTermsHash}`,
  );

  yield DEMO_STEPS[5];

  // ------------------------------------------------------------------ 7. charter signed
  n.begin(DEMO_STEPS[6].title);
  const charterHashes = { documentHash: charterDoc.sha256, termsHash: charterTermsHash };
  const signFaw = await chain.act(
    "FAW signs",
    signAgreementOnChain(clientOf(w.faw), { agreementId: charterId, ...charterHashes, action: "sign" }),
  );
  n.tx(`${FAW.zh} signed directly`, signFaw);
  const registryFull = c.registry as unknown as IAgreementRegistryFull;
  const now0 = await chain.now();
  const deadline = BigInt(now0 + 7 * DAY);
  // S8: two officers each sign the Safe's SafeMessage over the charter's digest into their own file
  // (what `covenant agreement sign --offline --safe` writes), combined in owner order (`covenant
  // agreement combine`) and relayed by the secretariat (`covenant agreement submit`).
  const safeDomainOf = await agreementsDomain(registryFull);
  const cisriValue = {
    agreementId: charterId,
    documentHash: charterDoc.sha256,
    termsHash: charterTermsHash,
    version: 1n,
    signer: cisri.address,
    deadline,
  };
  const described = describeTypedData(safeDomainOf, AGREEMENT_SIGNATURE_TYPES, cisriValue, {
    safe: cisri.address,
  });
  const ownerFiles: { name: string; file: SafeOwnerSignatureFile }[] = [];
  for (const [i, officer] of [w.cisriOwner1, w.cisriOwner2].entries()) {
    const signature = await signSafeMessage(officer, chainId, cisri.address, described.digest);
    const written = docs.writeJson(
      `charter/cisri-officer${i + 1}-signature.json`,
      safeOwnerSignatureFile(
        "sign",
        safeDomainOf,
        cisriValue,
        {
          owner: officer.address,
          digest: described.digest,
          safeMessageHash: described.safe!.safeMessageHash,
        },
        signature,
      ),
    );
    const parsed = parseAnySignatureFile(fs.readFileSync(written.path, "utf8"), written.path);
    if (parsed.kind !== "safe-owner") throw new Error(`${written.path} is not a Safe owner's file`);
    ownerFiles.push({ name: written.path, file: parsed.file });
  }
  const cisriSigFile = docs.writeJson(
    "charter/cisri-safe-signature.json",
    combineSafeOwnerFiles(ownerFiles, await readSafe(provider, cisri.address)),
  );
  const signCisri = await relayOfflineSignature(env, chain, cisriSigFile.path, {
    runner: w.secretariat,
    book,
  });
  n.tx(`${CISRI.zh}: two of three officers signed; the secretariat relayed; checked by EIP-1271`, signCisri);
  const offline = await signAgreement(w.feed, registryFull, charterId, deadline);
  // the file `covenant agreement sign --offline` writes, relayed as `covenant agreement submit` does
  const sigFile = docs.writeJson(
    "charter/feed-offline-signature.json",
    signatureFile("sign", offline.domain, offline.value, offline.signature),
  );
  const signFeed = await relayOfflineSignature(env, chain, sigFile.path, { runner: w.sme, book });
  n.tx(`${FEED.zh} signed offline (EIP-712, ${path.basename(sigFile.path)}); ${SME.zh} relayed it`, signFeed);
  const signSme = await chain.act(
    "SME signs",
    signAgreementOnChain(clientOf(w.sme), { agreementId: charterId, ...charterHashes, action: "sign" }),
  );
  n.tx(`${SME.zh} signed directly: the last signature makes the charter Effective`, signSme);

  yield DEMO_STEPS[6];

  // ------------------------------------------------------------------ 8. constitution
  n.begin(DEMO_STEPS[7].title);
  const constituted = await c.membership.isConstituted();
  n.say(
    `currentCharterId = ${await c.registry.currentCharterId()}, charterEffective = ${await c.registry.charterEffective()}`,
  );
  n.say(`Membership.isConstituted() = ${constituted}`);
  if (!constituted) throw new Error("the alliance is not constituted after the charter took effect");
  for (const o of founders) n.say(`hasAcceded(${o.zh}) = ${await c.registry.hasAcceded(member[o.key])}`);

  yield DEMO_STEPS[7];

  // ------------------------------------------------------------------ 9. project proposed
  n.begin(DEMO_STEPS[8].title);
  const t0 = await chain.now();
  const proposalDoc = docs.write(
    "project/proposal.md",
    `# 第三代汽车钢热冲压联合攻关 / Third-generation automotive steel hot-stamping joint project

Lead: ${FAW.zh} (${FAW.en}).
Participants and tasks:
- ${FAW.zh}: 零件设计与整车验证 / part design and vehicle validation — cost 50%, IP 40%
- ${CISRI.zh}: 1180 MPa 钢种研发 / 1180 MPa steel grade development — cost 30%, IP 40%
- ${SME.zh}: 热冲压模具与中试 / hot-stamping dies and pilot-scale runs — cost 20%, IP 20%
Budget: 1,000,000.00 tCNY (equipment 500,000; materials 200,000; personnel 200,000; testing 100,000).
Government grant: 250,000.00 tCNY (25% of the budget; the charter's cap is 30%), for equipment and testing.
`,
  );
  const task = (s: string) => sha256Hex(s);
  const proposal: ProjectProposalInput = {
    title: "第三代汽车钢热冲压联合攻关 / 3rd-gen automotive steel hot-stamping",
    documentHash: proposalDoc.sha256,
    lead: member.faw,
    participants: [
      {
        account: member.faw,
        costShareBps: 5000,
        ipShareBps: 4000,
        taskHash: task("part design and vehicle validation"),
      },
      { account: member.cisri, costShareBps: 3000, ipShareBps: 4000, taskHash: task("1180 MPa steel grade") },
      {
        account: member.sme,
        costShareBps: 2000,
        ipShareBps: 2000,
        taskHash: task("hot-stamping dies, pilot runs"),
      },
    ],
    budgetLines: [
      { category: "Equipment", amount: tcny(500_000) },
      { category: "Materials", amount: tcny(200_000) },
      { category: "Personnel", amount: tcny(200_000) },
      { category: "Testing", amount: tcny(100_000) },
    ],
    milestones: [
      { dueDate: t0 + 90 * DAY, specHash: task("trial parts at 1180 MPa") },
      { dueDate: t0 + 240 * DAY, specHash: task("vehicle validation report") },
    ],
    installmentDueDates: [t0 + 30 * DAY, t0 + 120 * DAY],
    grantAmount: tcny(250_000),
    grantFunder: w.funder.address,
    grantLines: [0, 3],
    contributionClauseId: "5.2",
    penaltySchedule: PROJECT_SCHEDULE,
  };
  const projectTerms = buildProjectTerms(proposal);
  const projectTermsFile = docs.writeJson("project/project.terms.json", projectTerms);
  const proposed = await chain.act("propose the project", proposeProject(clientOf(w.faw), { proposal }));
  const projectId = proposed.projectId;
  n.tx(
    `Project #${projectId} proposed; terms ${path.basename(projectTermsFile.path)} hash on chain`,
    proposed,
  );
  n.table(
    ["participant", "cost share", "IP share", "dues"],
    proposal.participants.map((p) => {
      const o = [FAW, CISRI, SME].find((x) => member[x.key] === p.account)!;
      return [
        o.zh,
        `${p.costShareBps / 100}%`,
        `${p.ipShareBps / 100}%`,
        money((tcny(750_000) * BigInt(p.costShareBps)) / 10_000n),
      ];
    }),
  );

  yield DEMO_STEPS[8];

  // ------------------------------------------------------------------ 10. screening
  n.begin(DEMO_STEPS[9].title);
  for (const [expert, score, text] of [
    [w.expert1, 88, "技术路线可行 / feasible technical route"],
    [w.expert2, 81, "预算合理，建议加强中试 / budget reasonable, strengthen pilot runs"],
  ] as const) {
    const op = docs.write(`project/review-${expert.address.slice(2, 8)}.txt`, text + "\n");
    const r = await chain.act(
      "review",
      reviewProject(clientOf(expert), { projectId, score, opinionHash: op.sha256 }),
    );
    n.tx(`review by ${expert.address}: score ${score} — ${text}`, r);
  }
  const approved = await chain.act("approve", approveSmallProject(clientOf(w.secretariat), { projectId }));
  n.tx(
    `Approved by the secretariat (budget ${money(tcny(1_000_000))} < limit ${money(CHARTER_PARAMS.secretariatBudgetLimit)})`,
    approved,
  );

  yield DEMO_STEPS[9];

  // ------------------------------------------------------------------ 11. project agreement
  n.begin(DEMO_STEPS[10].title);
  const paDoc = docs.write(
    "project/project-agreement.txt",
    `项目协议 / Project agreement — ${proposal.title}\n\n` +
      "第五章 经费 / Chapter 5 Funds\n5.2 参与方按分期足额出资，逾期按联盟章程第4.3条处理 / participants pay each installment in full and on time.\n" +
      "第六章 知识产权 / Chapter 6 IP\n6.1 成果按 40/40/20 共有 / results are co-owned 40/40/20.\n" +
      "第八章 违约责任 / Chapter 8 Liability: clause 5.2 up to 100,000 tCNY; clause 6.1 up to 300,000 tCNY.\n",
  );
  const paTermsHash = termsHash(projectTerms);
  const paCreated = await chain.act(
    "create the project agreement",
    createAgreement(clientOf(w.faw), {
      input: {
        kind: KIND_PROJECT,
        parentId: 0,
        documentHash: paDoc.sha256,
        termsHash: paTermsHash,
        uri: "file://project/project-agreement.txt",
        parties: [member.faw, member.cisri, member.sme],
        clauses: clausesFromJson(PROJECT_SCHEDULE),
      },
    }),
  );
  const projectAgreementId = paCreated.agreementId ?? (await c.registry.agreementCount());
  n.tx(`Project agreement = agreement #${projectAgreementId}`, paCreated);
  const paSign = {
    agreementId: projectAgreementId,
    documentHash: paDoc.sha256,
    termsHash: paTermsHash,
    action: "sign",
  } as const;
  await chain.act("FAW signs", signAgreementOnChain(clientOf(w.faw), paSign));
  await chain.act("CISRI signs", signAgreementOnChain(cisriClient, paSign));
  await chain.act("SME signs", signAgreementOnChain(clientOf(w.sme), paSign));
  const activated = await chain.act(
    "activate",
    activateProject(clientOf(w.secretariat), { projectId, agreementId: projectAgreementId }),
  );
  n.tx(
    `Signed by all three (中国钢研 by its multisig calling sign); project #${projectId} Active`,
    activated,
  );
  chain.transactions += 1; // activateProject also opens the books (its second transaction)
  n.tx(
    "Each participant's books opened at activation: every installment, the first included, costs the same",
    activated.books,
  );

  yield DEMO_STEPS[10];

  // ------------------------------------------------------------------ 12. contributions + grant
  n.begin(DEMO_STEPS[11].title);
  for (const [o, payer] of [
    [FAW, clientOf(w.faw)],
    [CISRI, cisriClient],
    [SME, clientOf(w.sme)],
  ] as const) {
    const t = await chain.act("contribute", contribute(payer, { projectId, installment: 0 }));
    n.tx(`${o.zh} paid installment 1: ${money(await c.funding.paidOn(projectId, member[o.key], 0))}`, t);
  }
  const grant = await chain.act(
    "deposit the grant",
    depositGrant(clientOf(w.funder), { projectId, amount: tcny(250_000) }),
  );
  n.tx(`${PEOPLE.funder} deposited ${money(tcny(250_000))} into the separate grant account`, grant);
  n.say(
    `project account ${money(await c.treasury.projectBalance(projectId))}; grant account ${money(await c.treasury.grantBalance(projectId))}`,
  );

  yield DEMO_STEPS[11];

  // ------------------------------------------------------------------ 13. supervised spend
  n.begin(DEMO_STEPS[12].title);
  const invoice = docs.write(
    "project/invoice-hot-stamping-press.txt",
    "热冲压试验机 / hot-stamping test press: 200,000.00 tCNY\n",
  );
  const spendTerms = async (line: number, amount: bigint, payee: string, invoiceHash: string) => ({
    projectId,
    line,
    amount,
    payee,
    invoiceHash,
    fromGrant: true,
    expiresAt: (await chain.now()) + 30 * DAY,
  });
  const req1 = await chain.act(
    "request a spend",
    requestSpend(clientOf(w.faw), await spendTerms(0, tcny(200_000), w.vendor.address, invoice.sha256)),
  );
  const spendId = req1.spendId;
  n.tx(
    `Spend #${spendId}: ${money(tcny(200_000))} from the grant, equipment line, to ${PEOPLE.vendor}`,
    req1,
  );
  await chain.act("approve", approveSpend(clientOf(w.faw), { spendId }));
  await chain.act("approve", approveSpend(cisriClient, { spendId }));
  const [approvedPaid, neededPaid] = await c.spending.approvalsOf(spendId);
  n.say(
    `approved by 一汽 and 中国钢研 with what they paid in: ${money(approvedPaid)} of the ${money(neededPaid)} needed`,
  );
  const vetoEnds = (await c.spending.spendOf(spendId)).vetoEndsAt;
  await chain.advanceTo(vetoEnds);
  const exec = await chain.act("execute", executeSpend(clientOf(w.secretariat), { spendId }));
  n.tx(
    `veto window (7 days) passed; executed: vendor holds ${money(await c.token.balanceOf(w.vendor.address))}`,
    exec,
  );

  yield DEMO_STEPS[12];

  // ------------------------------------------------------------------ 14. vetoed spend
  n.begin(DEMO_STEPS[13].title);
  const invoice2 = docs.write("project/invoice-consulting.txt", "咨询费 / consulting fee: 40,000.00 tCNY\n");
  const vetoedId = (
    await chain.act(
      "request",
      requestSpend(
        clientOf(w.faw),
        await spendTerms(3, tcny(40_000), w.relatedParty.address, invoice2.sha256),
      ),
    )
  ).spendId;
  const vetoReason = docs.write(
    "project/veto-reason.txt",
    "关联交易，无比价 / related-party payment without competing quotes\n",
  );
  const veto = await chain.act(
    "veto",
    vetoSpend(clientOf(w.supervisor), { spendId: vetoedId, reasonHash: vetoReason.sha256 }),
  );
  n.tx(
    `Spend #${vetoedId} (${money(tcny(40_000))} to ${PEOPLE.relatedParty}): ${SpendStatus[Number((await c.spending.spendOf(vetoedId)).status)]}`,
    veto,
  );
  n.say(`grant account still holds ${money(await c.treasury.grantBalance(projectId))}`);

  yield DEMO_STEPS[13];

  // ------------------------------------------------------------------ 15. IP
  n.begin(DEMO_STEPS[14].title);
  const disclosure = docs.write(
    "ip/hot-stamping-process-disclosure.txt",
    "1180 MPa 第三代汽车钢热冲压工艺：加热 930°C，保压 8 s，模内淬火 / hot-stamping process for 1180 MPa 3rd-gen steel\n",
  );
  const reg = await chain.act(
    "register IP",
    registerIpAsset(clientOf(w.faw), {
      projectId,
      kind: 0,
      standardEssential: false,
      content: fs.readFileSync(disclosure.path),
      title: "第三代汽车钢热冲压工艺 / 3rd-gen steel hot-stamping process",
      externalId: "CN2026DEMO0001",
    }),
  );
  const assetId = await c.ip.assetCount();
  n.tx(
    `Asset #${assetId} (patent application); content SHA-256 ${disclosure.sha256} is the proof of prior creation`,
    reg,
  );
  const shareRows: [string, string][] = [];
  for (const o of [FAW, CISRI, SME])
    shareRows.push([o.zh, `${Number(await c.ip.shareOf(assetId, member[o.key])) / 100}%`]);
  n.table(["co-owner", "share (ERC-1155 balance, bps/100)"], shareRows);

  yield DEMO_STEPS[14];

  // ------------------------------------------------------------------ 16. 4:4:2
  n.begin(DEMO_STEPS[15].title);
  const staff = [w.staffResearch, w.staffPilot, w.staffIndustrial];
  const split = await chain.act(
    "set income split",
    setIncomeSplit(cisriClient, {
      assetId,
      split: { accounts: staff.map((s) => s.address), bps: [1600, 1600, 800] },
    }),
  );
  n.tx(
    "setIncomeSplit: 16% / 16% / 8% of its income (the article's 4:4:2 of 40%); 60% stays with 中国钢研",
    split,
  );

  yield DEMO_STEPS[15];

  // ------------------------------------------------------------------ 17. licence
  n.begin(DEMO_STEPS[16].title);
  const start = await chain.now();
  const offer = await chain.act(
    "propose an offer",
    proposeOffer(clientOf(w.faw), {
      assetId,
      terms: {
        kind: 2,
        priceClass: 1,
        sublicensable: false,
        royaltyBps: 300,
        fieldId: 1,
        territoryId: 86,
        periodLength: 90 * DAY,
        start,
        end: start + 3 * 365 * DAY,
        upfrontFee: tcny(20_000),
        minRoyalty: tcny(10_000),
      },
    }),
  );
  const offerId = offer.proposalId;
  n.tx(`Offer #${offerId} proposed by 一汽 (40% share counts as approval)`, offer);
  const appr = await chain.act("approve the offer", approveProposal(cisriClient, { proposalId: offerId }));
  n.tx(`中国钢研 approved (40%): 80% >= 50% needed, offer published`, appr);
  const accepted = await chain.act(
    "accept the offer",
    acceptOffer(clientOf(w.licensee), { proposalId: offerId }),
  );
  const licenseId = accepted.licenseId;
  n.tx(
    `${LICENSEE.zh} (${LICENSEE.en}, not a member) accepted: licence #${licenseId}, upfront fee ${money(tcny(20_000))}`,
    accepted,
  );

  yield DEMO_STEPS[16];

  // ------------------------------------------------------------------ 18. royalties
  n.begin(DEMO_STEPS[17].title);
  const lic = await c.licenses.licenseOf(licenseId);
  await chain.advanceTo(lic.start + lic.periodLength + 1n);
  const revenue = tcny(8_000_000);
  const due = (revenue * 300n) / 10_000n;
  const paid = await chain.act("pay royalty", payRoyalty(clientOf(w.licensee), { licenseId, revenue }));
  n.tx(`revenue ${money(revenue)} x 3% = ${money(due)} paid; 5% levy to the alliance fund`, paid);
  await chain.act("settle", settleIncome(clientOf(w.secretariat), { assetId, owner: cisri.address }));
  const claims: { who: string; address: string; amount: bigint }[] = [];
  const claimAs = async (who: string, address: string, send: () => Promise<unknown>) => {
    const before = await c.token.balanceOf(address);
    await send();
    claims.push({ who, address, amount: (await c.token.balanceOf(address)) - before });
  };
  const claimBy = (claimer: ReturnType<typeof clientOf>) => () =>
    chain.act("claim", claimIncome(claimer, { assetId }));
  await claimAs(FAW.zh, member.faw, claimBy(clientOf(w.faw)));
  await claimAs(CISRI.zh, member.cisri, claimBy(cisriClient));
  await claimAs(SME.zh, member.sme, claimBy(clientOf(w.sme)));
  for (const [s, label] of [
    [w.staffResearch, PEOPLE.staffResearch],
    [w.staffPilot, PEOPLE.staffPilot],
    [w.staffIndustrial, PEOPLE.staffIndustrial],
  ] as const)
    await claimAs(label, s.address, claimBy(clientOf(s)));
  const accumulated = await c.licenses.accumulatedOf(assetId);
  const claimedSum = claims.reduce((a, b) => a + b.amount, 0n);
  n.table(
    ["claimed by", "amount"],
    claims.map((x) => [x.who, money(x.amount)]),
  );
  n.say(
    `net income (fee + royalty − levy) ${money(accumulated)}; claimed ${money(claimedSum)}; alliance fund ${money(await c.treasury.allianceFund())}`,
  );

  yield DEMO_STEPS[17];

  // ------------------------------------------------------------------ 19. default
  n.begin(DEMO_STEPS[18].title);
  await chain.act("contribute", contribute(clientOf(w.faw), { projectId, installment: 1 }));
  await chain.act("contribute", contribute(cisriClient, { projectId, installment: 1 }));
  const dueDates = await c.projects.installmentDueDatesOf(projectId);
  await chain.advanceTo(dueDates[1] + CHARTER_PARAMS.gracePeriod + 1n);
  n.say(`SME arrears: ${money(await c.funding.arrearsOf(projectId, member.sme))}`);
  const def = await chain.act(
    "record the default",
    recordDefault(clientOf(w.secretariat), { projectId, participant: member.sme, installment: 1 }),
  );
  n.tx(
    `Default recorded by the secretariat (anyone may): missed ${money(tcny(75_000))}, late penalty 5% = ${money(tcny(3_750))}`,
    def,
  );

  yield DEMO_STEPS[18];

  // ------------------------------------------------------------------ 20. claim
  n.begin(DEMO_STEPS[19].title);
  const statement = docs.write(
    "claims/statement-5.2.txt",
    `申请人 ${FAW.zh} 诉 被申请人 ${SME.zh}：第二期出资 75,000.00 tCNY 逾期未付，违反项目协议第5.2条。\n` +
      "Claim: the second installment (75,000.00 tCNY) was not paid, in breach of clause 5.2. Damages asked: 30,000.00 tCNY (rental of replacement dies).\n",
  );
  const evidence = docs.write(
    "claims/evidence-ledger-extract.txt",
    `Project #${projectId} ledger extract: installment 2 of ${SME.en} due ${new Date(Number(dueDates[1]) * 1000).toISOString()}, paid 0.\n`,
  );
  const filed = await chain.act(
    "file the claim",
    fileClaim(clientOf(w.faw), {
      respondent: member.sme,
      agreementId: projectAgreementId,
      agreementVersion: 1,
      clauseId: encodeBytes32String("5.2"),
      statementHash: statement.sha256,
      statementURI: "file://claims/statement-5.2.txt",
      evidenceHash: evidence.sha256,
      evidenceURI: "file://claims/evidence-ledger-extract.txt",
      remedies: DAMAGES,
      damages: tcny(30_000),
      licenseId: 0,
    }),
  );
  const claimId = filed.claimId ?? (await c.disputes.claimCount());
  n.tx(
    `Claim #${claimId}: damages ${money(tcny(30_000))}; claim bond ${money(CHARTER_PARAMS.claimBond)} posted`,
    filed,
  );
  // The claim's record is its ClaimFiled event (storage keeps its hash); the dispute is in ClaimReferred.
  const facts = () => claimFacts(clientOf(w.faw), claimId);
  await chain.advanceTo((await facts()).record.answerEndsAt + 1n);
  const referred = await chain.act("refer", referClaim(clientOf(w.faw), { claimId }));
  const disputeId = (await facts()).disputeId ?? 0n;
  n.tx(`no cure, no answer in 28 days: referred to the PanelArbitrator, dispute #${disputeId}`, referred);

  yield DEMO_STEPS[19];

  // ------------------------------------------------------------------ 21. panel
  n.begin(DEMO_STEPS[20].title);
  const appointed = await chain.act(
    "appoint",
    appointPanel(clientOf(w.secretariat), {
      claimId,
      experts: [w.expert1.address, w.expert2.address, w.expert3.address],
    }),
  );
  n.tx("panel appointed by the secretariat: 王教授, 李研究员, 张高工", appointed);
  const opinion = docs.write(
    "claims/panel-opinion.txt",
    "逾期出资事实清楚，支持赔偿请求 / late contribution proven; damages upheld\n",
  );
  const dissent = docs.write("claims/panel-dissent.txt", "建议先行协商 / would have preferred negotiation\n");
  for (const [expert, choice, reasons] of [
    [w.expert1, 1, opinion],
    [w.expert2, 1, opinion],
    [w.expert3, 2, dissent],
  ] as const)
    await chain.act("vote", panelVote(clientOf(expert), { claimId, choice, reasonsHash: reasons.sha256 }));
  const pd = await c.panel.disputeOf(disputeId);
  await chain.advanceTo(pd.appealEndsAt + 1n);
  const ruled = await chain.act(
    "execute the panel ruling",
    deliverPanelRuling(clientOf(w.secretariat), { claimId }),
  );
  n.tx(
    `ruling ${(await facts()).ruled} (upheld) sent to DisputeResolution after the 7-day appeal window`,
    ruled,
  );

  yield DEMO_STEPS[20];

  // ------------------------------------------------------------------ 22. slash
  n.begin(DEMO_STEPS[21].title);
  const bondBefore = await c.treasury.bondOf(member.sme);
  const executed = await chain.act("execute the ruling", applyRuling(clientOf(w.secretariat), { claimId }));
  const bondAfter = await c.treasury.bondOf(member.sme);
  const owed = (await facts()).owed;
  n.tx(
    `bond ${money(bondBefore)} -> ${money(bondAfter)}; ${money(owed)} held for 一汽 (${money(bondBefore - bondAfter)} damages + its claim bond back)`,
    executed,
  );
  // Payouts are pulled: 一汽 takes its money with its own transaction.
  const pulled = await chain.act("claim payout", claimPayout(clientOf(w.faw), { claimId }));
  n.tx(`一汽 pulled ${money(pulled.amount)} (damages + its claim bond back)`, pulled);

  yield DEMO_STEPS[21];

  // ------------------------------------------------------------------ 23. new member by council vote
  n.begin(DEMO_STEPS[22].title);
  const neuProfile = docs.write(
    `members/${NEU.key}-profile.txt`,
    `${NEU.zh}\n${NEU.en}\n${NEU.role}\n${NEU.code}\n`,
  );
  await chain.act(
    "apply",
    applyForMembership(clientOf(w.neu), {
      entityId: entityIdHash(NEU.code),
      name: NEU.zh,
      kind: NEU.kind,
      profileHash: neuProfile.sha256,
    }),
  );
  const admitCall = {
    target: addresses.Membership,
    calldata: c.membership.interface.encodeFunctionData("admit", [member.neu]),
    description: `Admit ${NEU.zh} (${NEU.en}) as a member`,
  };
  const proposedTx = await chain.act("propose", proposeCall(clientOf(w.faw), admitCall));
  const proposalId =
    proposedTx.proposalId ??
    (await c.governor.hashProposal(
      [admitCall.target],
      [0n],
      [admitCall.calldata],
      id(admitCall.description),
    ));
  n.tx(`proposal ${proposalId.toString().slice(0, 12)}… by 一汽: Membership.admit(东北大学)`, proposedTx);
  await chain.advanceTo((await c.governor.proposalSnapshot(proposalId)) + 1n);
  for (const voter of [clientOf(w.faw), cisriClient, clientOf(w.feed), clientOf(w.sme)])
    await chain.act("vote", castVote(voter, { proposalId, support: 1 }));
  const votes = await c.governor.proposalVotes(proposalId);
  n.say(
    `votes for ${votes.forVotes}, against ${votes.againstVotes}, abstain ${votes.abstainVotes} (reserved: needs 2/3 of votes cast)`,
  );
  await chain.advanceTo((await c.governor.proposalDeadline(proposalId)) + 1n);
  const queued = await chain.act(
    "queue",
    advanceProposal(clientOf(w.secretariat), { proposalId, step: "queue" }),
  );
  n.tx("queued in the timelock (2 days)", queued);
  await chain.advanceTo(await c.governor.proposalEta(proposalId));
  const execd = await chain.act(
    "execute",
    advanceProposal(clientOf(w.secretariat), { proposalId, step: "execute" }),
  );
  n.tx(`executed: 东北大学 is ${MemberStatus[Number(await c.membership.statusOf(member.neu))]}`, execd);
  const acceded = await chain.act(
    "accede",
    signAgreementOnChain(clientOf(w.neu), { agreementId: charterId, ...charterHashes, action: "accede" }),
  );
  n.tx(
    `东北大学 acceded to charter #${charterId}: voting power ${await c.membership.getVotes(member.neu)}`,
    acceded,
  );

  yield DEMO_STEPS[22];

  // ------------------------------------------------------------------ 24. withdrawal
  n.begin(DEMO_STEPS[23].title);
  const notice = await chain.act("notice", giveWithdrawalNotice(clientOf(w.feed)));
  n.tx(`${FEED.zh} gave notice`, notice);
  await chain.advance(Number(CHARTER_PARAMS.noticePeriod) + 1);
  const wd = await chain.act("withdraw", withdrawMembership(clientOf(w.feed)));
  const feedBack = await c.treasury.withdrawableOf(member.feed);
  await chain.act("pull bond", withdrawFromTreasury(clientOf(w.feed)));
  n.tx(`withdrawn; bond ${money(feedBack)} pulled from the Treasury`, wd);

  yield DEMO_STEPS[23];

  // ------------------------------------------------------------------ 25. verify
  n.begin(DEMO_STEPS[24].title);
  const verify = await verifyAgreement(
    registryFull,
    charterId,
    fs.readFileSync(charterDoc.path),
    fs.readFileSync(charterTermsFile.path, "utf8"),
  );
  n.say(`verify charter #${charterId}: ok = ${verify.ok}, mismatches = ${verify.mismatches.length}`);
  const nameOf = (a: string) =>
    [FAW, CISRI, FEED, SME, NEU].find((o) => member[o.key].toLowerCase() === a.toLowerCase())?.zh ?? a;
  n.table(
    ["signer", "method", "block", "time (UTC)"],
    [...verify.parties, ...verify.acceders].map((p) => [
      nameOf(p.address) + (p.accession ? " (accession)" : ""),
      METHOD_NAMES[["None", "Direct", "EIP712", "EIP1271"].indexOf(p.method)] ?? p.method,
      p.block,
      new Date(p.timestamp * 1000).toISOString().replace(".000Z", "Z"),
    ]),
  );
  if (!verify.ok) throw new Error(`charter verification failed: ${JSON.stringify(verify.mismatches)}`);

  yield DEMO_STEPS[24];

  // ------------------------------------------------------------------ 26. history
  n.begin(DEMO_STEPS[25].title);
  const history = await breachHistory(c.history, member.sme);
  n.table(
    ["#", "time (UTC)", "entry", "ref", "amount", "penalty"],
    history.map((h) => [
      h.entryId,
      h.time,
      h.kind,
      h.ref,
      h.amount ? money(BigInt(h.amount)) : "",
      h.penalty ? money(BigInt(h.penalty)) : "",
    ]),
  );
  const logged = await c.history.queryFilter(c.history.filters.HistoryAppended());
  const counts = countsOf(
    logged.map((l) => toLogEntry(l.args.entry as unknown as Record<string, unknown>)),
    member.sme,
  );
  n.say(`counts: defaults ${counts.defaults}, claims against ${counts.against}, upheld ${counts.upheld}`);

  yield DEMO_STEPS[25];

  // ------------------------------------------------------------------ 27. final state
  n.begin(DEMO_STEPS[26].title);
  n.table(...(await memberTable(c.membership, c.treasury, member)));
  const balance = await c.token.balanceOf(treasuryAddress);
  const liabilities = await c.treasury.totalLiabilities();
  n.say(`Treasury balance ${money(balance)} >= liabilities ${money(liabilities)}: ${balance >= liabilities}`);

  const summary: DemoSummary = {
    chainId: chainId.toString(),
    contracts: addresses,
    outDir: env.outDir,
    charter: {
      agreementId: charterId.toString(),
      document: charterDoc.path,
      terms: charterTermsFile.path,
      documentHash: charterDoc.sha256,
      termsHash: charterTermsHash,
    },
    members: [FAW, CISRI, FEED, SME, NEU].map((o) => ({
      key: o.key,
      name: o.zh,
      nameEn: o.en,
      address: member[o.key],
    })),
    licensee: { name: LICENSEE.zh, nameEn: LICENSEE.en, address: member.licensee },
    multisig: {
      address: cisri.address,
      owners: [w.cisriOwner1.address, w.cisriOwner2.address, w.cisriOwner3.address],
      threshold: 2,
    },
    projectId: projectId.toString(),
    projectAgreementId: projectAgreementId.toString(),
    assetIds: [assetId.toString()],
    licenseIds: [licenseId.toString()],
    claimIds: [claimId.toString()],
    spends: { executed: spendId.toString(), vetoed: vetoedId.toString() },
    defaultingMember: member.sme,
    withdrawnMember: member.feed,
    royalties: {
      netIncome: accumulated.toString(),
      claimed: claims.map((x) => ({ who: x.who, address: x.address, amount: x.amount.toString() })),
      claimedTotal: claimedSum.toString(),
    },
    slashed: (bondBefore - bondAfter).toString(),
    verify: { ok: verify.ok, mismatches: verify.mismatches },
    history,
    solvency: {
      balance: balance.toString(),
      liabilities: liabilities.toString(),
      ok: balance >= liabilities,
    },
    transactions: chain.transactions,
    seconds: Math.round(n.elapsedSeconds * 10) / 10,
  };
  docs.writeJson("summary.json", summary);
  n.title("");
  n.title(
    `Done in ${summary.seconds}s: ${n.stepsDone} steps, ${chain.transactions} demo transactions (plus the deployment and bootstrap). Summary: ${path.join(env.outDir, "summary.json")}`,
  );
  return summary;
}

/**
 * Relays an offline signature file as `covenant agreement submit` does: the file is parsed by the
 * CLI's parser and sent by the SDK action `submitSignature` (or by `env.submitSignatureFile`).
 */
async function relayOfflineSignature(
  env: DemoEnv,
  chain: DevChain,
  file: string,
  relayer: Parameters<typeof createClient>[0],
): Promise<TxEvidence> {
  try {
    let hash: string;
    if (env.submitSignatureFile) {
      hash = await env.submitSignatureFile(file);
    } else {
      const sig = parseSignatureFile(fs.readFileSync(file, "utf8"), file);
      const r = await submitSignature(createClient(relayer), {
        action: sig.action,
        agreementId: BigInt(sig.agreementId),
        documentHash: sig.documentHash,
        termsHash: sig.termsHash,
        signer: sig.signer,
        deadline: BigInt(sig.deadline),
        signature: sig.signature,
      });
      hash = r.hash;
    }
    const receipt = await chain.provider.getTransactionReceipt(hash);
    if (!receipt || receipt.status !== 1) throw new Error(`transaction ${hash} failed`);
    chain.transactions += 1;
    return { hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
  } catch (e) {
    throw new Error(`relay the signature file ${path.basename(file)}: ${explain(e).message}`);
  }
}
