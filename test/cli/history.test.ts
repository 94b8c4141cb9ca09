import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  Contract,
  encodeBytes32String,
  formatUnits,
  getAddress,
  id as topicOf,
  sha256,
  toUtf8Bytes,
  zeroPadValue,
  type Eip1193Provider,
  type JsonRpcApiProvider,
} from "ethers";
import { findArtifact } from "../../src/node/artifacts";
import { connect } from "../../src/node/connect";
import { escapeHtml, renderDossier } from "../../src/present/dossier";
import { ExitCode } from "../../src/cli/exitCodes";
import {
  buildMemberHistory,
  HISTORY_CATEGORIES,
  readMemberHistory,
  type MemberHistory,
  type PartialHistory,
} from "../../src/sdk/history";

/** A log as a node answers `eth_getLogs`. */
interface RpcLog {
  topics: string[];
  data: string;
}
import { claimView } from "../../src/sdk/claims";
import { DisputeResolution__factory } from "../../typechain-types";
import { owedOf, recordOf } from "../contracts/disputes/helpers";
import { termsHash } from "../../src/sdk/terms";
import {
  advance,
  chainState,
  FOUNDER_NAMES,
  FULL_SUITE_ACCOUNTS as A,
  FULL_SUITE_TIMES,
  runCli,
  tempDir,
  type CliResult,
} from "./helpers";
import { fullSuiteFixture } from "./businessHelpers";

/** A refusal: the exit code, exactly one `error:` line, no stack trace, nothing on stdout. */
function expectRefused(r: CliResult, code: ExitCode, pattern: RegExp): void {
  const lines = r.stderr.split("\n").filter((l) => l.length > 0);
  expect(lines, `stderr: ${r.stderr}`).to.have.length(1);
  expect(lines[0]).to.match(/^error: /);
  expect(lines[0]).to.match(pattern);
  expect(r.stderr).not.to.match(/\n\s+at /);
  expect(r.stdout).to.equal("");
  expect(r.code, `stderr: ${r.stderr}`).to.equal(code);
}

function ok(r: CliResult): CliResult {
  expect(r.code, `stderr: ${r.stderr}\nstdout: ${r.stdout}`).to.equal(0);
  return r;
}

function sampleHistory(name: string): MemberHistory {
  const t = 1_790_000_000;
  return {
    member: {
      address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      name,
      kind: "ResearchInstitute",
      status: "Suspended",
      entityId: "0x" + "ab".repeat(32),
      profileHash: "0x" + "cd".repeat(32),
      appliedAt: null,
      admittedAt: "2026-01-01T00:00:00Z",
      noticeAt: null,
      seatId: "2",
    },
    chainId: "31337",
    generatedAt: "2026-06-01T00:00:00Z",
    token: { symbol: "tCNY", decimals: 6 },
    counts: { against: "1", penaltiesPaid: "300000000" },
    items: HISTORY_CATEGORIES.map((category, i) => ({
      time: t + i * 86_400,
      iso: new Date((t + i * 86_400) * 1000).toISOString(),
      category,
      event: `Event${i}`,
      role: "respondent",
      detail: i === 3 ? `claim <b>"1"</b> & more` : `detail ${i}`,
      uri: i === 4 ? "javascript:alert(1)<x>" : undefined,
    })),
  };
}

describe("dossier rendering (in-process)", function () {
  it("writes one UTF-8 document with inline CSS and an inline SVG timeline, nothing external", function () {
    const html = renderDossier(sampleHistory("中国钢研科技集团"));
    expect(html.startsWith("<!DOCTYPE html>")).to.equal(true);
    expect(html).to.include('<meta charset="utf-8">');
    expect(html).to.include("<h1>中国钢研科技集团</h1>");
    expect(html).to.match(/<style>[\s\S]+<\/style>/);
    expect(html).to.match(/<svg [^>]*viewBox[\s\S]+<\/svg>/);
    expect(html).not.to.match(/<script|<link|<img|src=|url\(|@import|href=/i);
    // one numbered marker per event
    expect(html.match(/<g><title>/g)).to.have.length(HISTORY_CATEGORIES.length);
  });

  it("escapes every text from the chain", function () {
    const html = renderDossier(sampleHistory(`<script>alert("x")</script>`));
    expect(html).not.to.include("<script>");
    expect(html).to.include("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).to.include("claim &lt;b&gt;&quot;1&quot;&lt;/b&gt; &amp; more");
    expect(html).to.include("javascript:alert(1)&lt;x&gt;");
    expect(escapeHtml(`'&`)).to.equal("&#39;&amp;");
  });
});

const work = tempDir("claims");
const file = (name: string) => path.join(work, name);

/** The arguments of `claim file` by founder 0 against founder 1 under agreement 1. */
function fileArgs(clause: string, remedy: string, damages?: string): string[] {
  return [
    "claim",
    "file",
    "--respondent",
    FOUNDER_NAMES[1],
    "--agreement",
    "1",
    "--clause",
    clause,
    "--statement",
    file("statement.md"),
    "--evidence",
    file("evidence1.txt"),
    "--remedy",
    remedy,
    ...(damages ? ["--damages", damages] : []),
  ];
}

/** The claimant's `claim evidence` on claim 1: the e-mail, with its URI. */
function evidenceArgs(): string[] {
  return ["claim", "evidence", "1", "--file", file("evidence2.eml"), "--uri", "ipfs://bafy/evidence2.eml"];
}

/**
 * Fixture: on {@link fullSuiteFixture}, the claim's files written, a project agreement (1) between
 * founders 0 and 1 signed by both (set up with ethers), and an objective default of founder 1
 * recorded by the projects module's stand-in.
 */
async function claimSetupFixture() {
  const f = await loadFixture(fullSuiteFixture);
  const files: Record<string, string> = {
    "statement.md": "Statement of claim: 中国钢研科技集团 missed its second contribution.\n",
    "evidence1.txt": "Bank record: no transfer received by 2026-03-31.\n",
    "answer.md": "Response: the delay was caused by a supplier strike (force majeure).\n",
    "evidence2.eml": "Email of 2026-04-02 admitting the delay.\n",
    "reasons.md": "Panel opinion: the contribution was due and unpaid; the claim is upheld.\n",
  };
  for (const [n, text] of Object.entries(files)) fs.writeFileSync(file(n), text);
  const registryAbi = findArtifact("AgreementRegistry")!.abi;
  const f0 = await f.provider.getSigner(A.founders[0]);
  const f1 = await f.provider.getSigner(A.founders[1]);
  const terms = {
    schema: "covenant/project-terms/v1",
    kind: "Project",
    liability: {
      penaltySchedule: [
        { id: "4.2", damagesCap: "500000000", remedies: ["DAMAGES", "MEMBERSHIP_SUSPENSION"] },
      ],
    },
  };
  const doc = sha256(toUtf8Bytes("联合研发项目协议"));
  const registry = new Contract(f.addresses.AgreementRegistry, registryAbi, f0);
  await (
    await registry.createAgreement({
      kind: 1,
      parentId: 0,
      documentHash: doc,
      termsHash: termsHash(terms),
      uri: "ipfs://project-agreement",
      parties: [f0.address, f1.address],
      clauses: [{ clauseId: encodeBytes32String("4.2"), damagesCap: 500_000_000n, remedies: 9 }],
    })
  ).wait();
  await (await registry.sign(1, doc, termsHash(terms))).wait();
  await (await (registry.connect(f1) as Contract).sign(1, doc, termsHash(terms))).wait();
  const recorder = await f.provider.getSigner(A.defaultRecorder);
  const bh = new Contract(f.addresses.BreachHistory, findArtifact("BreachHistory")!.abi, recorder);
  await (
    await bh.recordDefault(0, f1.address, 1, encodeBytes32String("4.2"), 7, 2, 200_000_000n, 10_000_000n)
  ).wait();
  return f;
}

/** Fixture: on {@link claimSetupFixture}, founder 0 has filed claim 1 (damages 300 and suspension). */
async function claimFiledFixture() {
  const f = await loadFixture(claimSetupFixture);
  await f.ok(A.founders[0], "--json", ...fileArgs("4.2", "damages,membership-suspension", "300"));
  return f;
}

/** Fixture: on {@link claimFiledFixture}, the respondent has answered and the claimant added evidence. */
async function claimAnsweredFixture() {
  const f = await loadFixture(claimFiledFixture);
  await f.ok(A.founders[1], "claim", "answer", "1", "--evidence", file("answer.md"));
  await f.ok(A.founders[0], ...evidenceArgs());
  return f;
}

/** Fixture: on {@link claimAnsweredFixture}, after the cure period: referred, the expert appointed, voting upheld. */
async function claimVotedFixture() {
  const f = await loadFixture(claimAnsweredFixture);
  await advance(f.provider, FULL_SUITE_TIMES.curePeriod + 1);
  await f.ok(A.founders[0], "claim", "refer", "1");
  await f.ok(A.secretariat, "claim", "appoint", "1", "--expert", getAddress(f.accounts[A.expert]));
  await f.ok(A.expert, "claim", "vote", "1", "upheld", "--reasons", file("reasons.md"));
  return f;
}

/** Fixture: on {@link claimVotedFixture} (the vote ended with its one vote), after the appeal window, the ruling given and applied. */
async function claimExecutedFixture() {
  const f = await loadFixture(claimVotedFixture);
  await advance(f.provider, FULL_SUITE_TIMES.panelAppealWindow + 1);
  await f.ok(A.stranger, "--json", "claim", "execute", "1");
  return f;
}

/**
 * Every `it` starts from a fixture (`loadFixture`): {@link claimSetupFixture} or a later step of
 * the claim (filed, answered, voted, executed); each passes alone and in any order.
 */
describe("covenant claim and history (members and arbitrators)", function () {
  let url: string;
  let eip1193: Eip1193Provider;
  let provider: JsonRpcApiProvider;
  let accounts: string[];
  let env: Record<string, string>;
  let deployDir: string;
  let addresses: Record<string, string>;
  const founder = (i: number) => getAddress(accounts[A.founders[i]]);
  const cli = (from: number, ...args: string[]) =>
    runCli(["--rpc", url, "--from", String(from), ...args], env);
  async function refused(
    args: string[],
    code: ExitCode,
    pattern: RegExp,
    from = A.founders[0],
  ): Promise<void> {
    const before = await chainState(provider, accounts.slice(0, 12));
    expectRefused(await cli(from, ...args), code, pattern);
    expect(await chainState(provider, accounts.slice(0, 12))).to.equal(before);
  }

  before(async function () {
    this.timeout(300_000);
    ({
      url,
      eip1193,
      provider,
      accounts,
      env,
      dir: deployDir,
      addresses,
    } = await loadFixture(claimSetupFixture));
  });

  describe("claim file: checked against the penalty schedule before anything is sent", function () {
    it("refuses a clause the agreement's schedule does not have", async function () {
      await loadFixture(claimSetupFixture);
      await refused(
        fileArgs("9.9", "damages", "100"),
        ExitCode.INPUT,
        /agreement 1 has no clause "9\.9" in its penalty schedule \(it has: 4\.2\)/,
      );
    });

    it("refuses a remedy the clause does not allow", async function () {
      await loadFixture(claimSetupFixture);
      await refused(
        fileArgs("4.2", "damages,expulsion-proposal", "100"),
        ExitCode.INPUT,
        /clause 4\.2 of agreement 1 does not allow EXPULSION_PROPOSAL \(it allows DAMAGES, MEMBERSHIP_SUSPENSION\)/,
      );
    });

    it("refuses damages above the clause's cap", async function () {
      await loadFixture(claimSetupFixture);
      await refused(
        fileArgs("4.2", "damages", "500.000001"),
        ExitCode.INPUT,
        /damages 500\.000001 tCNY exceed the cap of clause 4\.2: 500\.0 tCNY/,
      );
    });

    it("files the claim, approving exactly the claim bond", async function () {
      await loadFixture(claimSetupFixture);
      const r = ok(
        await cli(A.founders[0], "--json", ...fileArgs("4.2", "damages,membership-suspension", "300")),
      );
      const out = JSON.parse(r.stdout) as { claimId: string; bond: string; remedies: string[] };
      expect(out).to.include({ claimId: "1", bond: "50000000" });
      expect(out.remedies).to.deep.equal(["DAMAGES", "MEMBERSHIP_SUSPENSION"]);
      const token = new Contract(addresses.SettlementToken, findArtifact("TestToken")!.abi, provider);
      expect(await token.allowance(founder(0), addresses.Treasury)).to.equal(0n);
    });
  });

  describe("answer, evidence, refer, panel, execute", function () {
    it("the respondent answers and the claimant adds evidence", async function () {
      await loadFixture(claimFiledFixture);
      ok(await cli(A.founders[1], "claim", "answer", "1", "--evidence", file("answer.md")));
      const r = ok(await cli(A.founders[0], ...evidenceArgs()));
      expect(r.stdout).to.match(/^evidence 0x[0-9a-f]{64} added to claim 1/);
    });

    it("refuses to refer before the cure period ends (decoded custom error, nothing sent)", async function () {
      await loadFixture(claimAnsweredFixture);
      await refused(
        ["claim", "refer", "1"],
        ExitCode.REFUSED,
        /the contract refused: this step opens only after \d{4}-\d\d-\d\dT[\d:]+Z \(claimId 1\)/,
      );
    });

    it("refers, has the secretariat appoint the expert, and the expert votes", async function () {
      await loadFixture(claimAnsweredFixture);
      await advance(provider, FULL_SUITE_TIMES.curePeriod + 1);
      ok(await cli(A.founders[0], "claim", "refer", "1"));
      ok(await cli(A.secretariat, "claim", "appoint", "1", "--expert", getAddress(accounts[A.expert])));
      ok(await cli(A.expert, "claim", "vote", "1", "upheld", "--reasons", file("reasons.md")));
    });

    it("refuses a vote by someone not on the panel", async function () {
      await loadFixture(claimVotedFixture);
      await refused(
        ["claim", "vote", "1", "rejected", "--reasons", file("reasons.md")],
        ExitCode.REFUSED,
        /the contract refused: (0x[0-9a-fA-F]{40} does not sit on the dispute's current panel|the dispute is in \d+ phase where \d+ is needed)/,
        A.stranger,
      );
    });

    it("execute waits for the appeal window that follows the panel's vote, then gives and applies the ruling", async function () {
      await loadFixture(claimVotedFixture);
      // The one panellist voted: the vote ended with it, and nobody closes it.
      await refused(
        ["claim", "execute", "1"],
        ExitCode.INPUT,
        /claim 1: the panel ruled upheld; its appeal window is open until \d{4}-\d\d-\d\dT[\d:]+Z/,
        A.stranger,
      );
      await advance(provider, FULL_SUITE_TIMES.panelAppealWindow + 1);
      const second = ok(await cli(A.stranger, "--json", "claim", "execute", "1"));
      const out = JSON.parse(second.stdout) as { status: string; ruling: string; steps: { step: string }[] };
      expect(out.steps.map((s) => s.step)).to.deep.equal([
        "panel ruling given to the claim",
        "ruling applied",
      ]);
      expect(out).to.include({ status: "Executed", ruling: "upheld (1)" });
    });

    it("claim payout pays the claimant what its executed claim owes, once; a second pull is refused", async function () {
      await loadFixture(claimExecutedFixture);
      const dr = DisputeResolution__factory.connect(addresses.DisputeResolution, provider);
      const owed = await owedOf(dr, 1n);
      expect(owed).to.be.greaterThan(0n);
      const r = ok(await cli(A.stranger, "--json", "claim", "payout", "1"));
      const out = JSON.parse(r.stdout) as { claimId: string; payee: string; amount: string };
      expect(out).to.include({ claimId: "1", payee: founder(0), amount: owed.toString() });
      expect(await owedOf(dr, 1n)).to.equal(0n);
      expect((await dr.claimStateOf(await recordOf(dr, 1n), 0n)).payoutOwed).to.equal(false);
      await refused(["claim", "payout", "1"], ExitCode.REFUSED, /owes nothing/, A.stranger);
    });

    it("claim show lists every evidence hash and URI, the parties, the ruling and the remedies", async function () {
      await loadFixture(claimExecutedFixture);
      const r = ok(await cli(0, "--json", "claim", "show", "1"));
      const c = JSON.parse(r.stdout) as {
        status: string;
        claimant: string;
        respondent: string;
        ruling: string;
        remedies: string[];
        statementURI: string;
        evidence: { hash: string; uri: string; party: string }[];
        panel: { phase: string; panel: string[] };
      };
      expect(c).to.include({
        status: "Executed",
        claimant: founder(0),
        respondent: founder(1),
        ruling: "upheld (1)",
        statementURI: "statement.md",
      });
      expect(c.remedies).to.deep.equal(["DAMAGES", "MEMBERSHIP_SUSPENSION"]);
      expect(c.evidence.map((e) => [e.hash, e.uri])).to.deep.equal([
        [sha256(fs.readFileSync(file("evidence1.txt"))), "evidence1.txt"],
        [sha256(fs.readFileSync(file("answer.md"))), "answer.md"],
        [sha256(fs.readFileSync(file("evidence2.eml"))), "ipfs://bafy/evidence2.eml"],
      ]);
      expect(c.panel.phase).to.equal("Solved");
      // The panel's list is read from its PanelAppointed event, checked against the hash on chain.
      expect(c.panel.panel).to.deep.equal([getAddress(accounts[A.expert])]);
    });

    it("claim show labels the bond word by what it holds: the claim bond, then what an executed claim owes", async function () {
      const dr = DisputeResolution__factory.connect(addresses.DisputeResolution, provider);
      const row = (out: string, label: string) => out.split("\n").find((l) => l.includes(label));
      await loadFixture(claimFiledFixture);
      const filed = ok(await cli(0, "claim", "show", "1")).stdout;
      expect(row(filed, "claim bond")).to.match(/50\.0 tCNY/);
      expect(filed).not.to.match(/owed to claimant/);
      await loadFixture(claimExecutedFixture);
      const owed = await owedOf(dr, 1n);
      expect(owed).to.be.greaterThan(50_000_000n); // the bond back plus the slash
      const executed = ok(await cli(0, "claim", "show", "1")).stdout;
      expect(row(executed, "owed to claimant (unpaid)")).to.include(formatUnits(owed, 6));
      expect(executed).not.to.match(/claim bond/);
      ok(await cli(A.stranger, "claim", "payout", "1"));
      expect(row(ok(await cli(0, "claim", "show", "1")).stdout, "owed to claimant (unpaid)")).to.match(
        / 0\.0 tCNY/,
      );
    });

    it("claim list shows the claim as a table", async function () {
      await loadFixture(claimExecutedFixture);
      const r = ok(await cli(0, "claim", "list"));
      expect(r.stdout).to.match(/│ 1\s+│ Executed\s+│/);
      expect(r.stdout).to.match(/300\.0 tCNY/);
    });

    it("refuses an unknown claim id", async function () {
      await loadFixture(claimExecutedFixture);
      await refused(["claim", "show", "7"], ExitCode.INPUT, /no claim 7 \(there are 1\)/);
    });
  });

  describe("history", function () {
    it("buildMemberHistory (SDK) gives the record in time order with every kind of event", async function () {
      await loadFixture(claimExecutedFixture);
      const client = await connect({ rpc: url, deploymentsDir: deployDir, provider: eip1193 });
      try {
        const h = await buildMemberHistory(client, FOUNDER_NAMES[1]);
        expect(h.member.address).to.equal(founder(1));
        const times = h.items.map((i) => i.time);
        expect(times).to.deep.equal([...times].sort((a, b) => a - b));
        expect(new Set(h.items.map((i) => i.category))).to.deep.equal(new Set(HISTORY_CATEGORIES));
        expect(h.items.map((i) => i.event)).to.include.members([
          "MemberApplied",
          "MemberAdmitted",
          "AgreementSigned",
          "DefaultRecorded",
          "Filed",
          "Answered",
          "Evidence",
          "Referred",
          "Ruled",
          "Executed",
          "PenaltyApplied",
          "MemberSuspended",
        ]);
        const penalty = h.items.find((i) => i.event === "PenaltyApplied" && i.amount !== "0");
        expect(penalty?.detail).to.match(/liquidated damages from the performance bond: 300\.0 tCNY/);
        expect(h.counts).to.include({ against: "1", upheld: "1", defaults: "1" });
      } finally {
        client.provider.destroy();
      }
    });

    /** A client on a node whose `eth_getLogs` answers pass through `tamper`. */
    async function clientThrough(tamper: (logs: RpcLog[]) => RpcLog[]) {
      const node: Eip1193Provider = {
        request: async (args) => {
          const r = await eip1193.request(args);
          return args.method === "eth_getLogs" ? tamper(r as RpcLog[]) : r;
        },
      };
      return connect({ rpc: url, deploymentsDir: deployDir, provider: node });
    }

    /** The member's history read through a node whose `eth_getLogs` answers pass through `tamper`. */
    async function historyThrough(tamper: (logs: RpcLog[]) => RpcLog[]): Promise<MemberHistory> {
      const client = await clientThrough(tamper);
      try {
        return await buildMemberHistory(client, FOUNDER_NAMES[1]);
      } finally {
        client.provider.destroy();
      }
    }
    const appended = topicOf(
      "HistoryAppended(uint256,uint8,uint256,address,(uint8,uint8,uint48,address,address,address,uint256,uint256,bytes32,bytes32,uint128,uint128))",
    );
    const isMine = (l: RpcLog) =>
      l.topics[0] === appended && l.topics[3] === zeroPadValue(founder(1), 32).toLowerCase();

    it("I8 verifies the member's breach history, read from the events, against the chain's head", async function () {
      await loadFixture(claimExecutedFixture);
      const h = await historyThrough((logs) => logs);
      expect(h.verification?.verified).to.equal(true);
      expect(h.verification?.block).to.equal(await provider.getBlockNumber());
      const mine = h.verification!.checks.find((c) => c.member === founder(1))!;
      expect(mine.length).to.equal(mine.computedLength);
      expect(mine.length).to.be.greaterThan(3);
    });

    it("I8 reports a node that drops an entry of the member's history", async function () {
      await loadFixture(claimExecutedFixture);
      let dropped = 0;
      const h = await historyThrough((logs) => logs.filter((l) => !(isMine(l) && dropped++ === 0)));
      expect(dropped).to.be.greaterThan(0);
      expect(h.verification?.verified).to.equal(false);
      const mine = h.verification!.checks.find((c) => c.member === founder(1))!;
      expect(mine.computedLength).to.equal(mine.length - 1);
    });

    it("I8 reports a node that alters an entry of the member's history", async function () {
      await loadFixture(claimExecutedFixture);
      let altered = 0;
      const h = await historyThrough((logs) =>
        logs.map((l) => {
          if (!isMine(l) || altered++ > 0) return l;
          // The last byte of the entry's penalty (a uint128 word of the event's data) changes.
          const last = l.data.slice(-2) === "00" ? "01" : "00";
          return { ...l, data: l.data.slice(0, -2) + last };
        }),
      );
      expect(altered).to.be.greaterThan(0);
      expect(h.verification?.verified).to.equal(false);
      const mine = h.verification!.checks.find((c) => c.member === founder(1))!;
      expect(mine.computedLength).to.equal(mine.length);
      expect(mine.computedHead).not.to.equal(mine.head);
    });

    it("claim show checks the panel and the parties read from PanelAppointed and DisputeParties against the record: a node that alters or drops an event is caught", async function () {
      await loadFixture(claimExecutedFixture);
      const appointed = topicOf("PanelAppointed(uint256,uint8,address[],uint256)");
      const parties = topicOf("DisputeParties(uint256,address,address,uint32,uint16)");
      const mismatch =
        /the node's DisputeParties and PanelAppointed logs of dispute 1 do not match its record 0x[0-9a-f]{64} on chain/;
      const tampers: [string, (logs: RpcLog[]) => RpcLog[], RegExp?][] = [
        ["none", (logs) => logs],
        [
          "panel altered",
          // The last word of the event's data is the panel's one address: its last byte changes.
          (logs) =>
            logs.map((l) =>
              l.topics[0] !== appointed
                ? l
                : { ...l, data: l.data.slice(0, -2) + (l.data.slice(-2) === "00" ? "01" : "00") },
            ),
          mismatch,
        ],
        ["panel dropped", (logs) => logs.filter((l) => l.topics[0] !== appointed), mismatch],
        [
          "parties altered",
          // The last word of the event's data is the panel's size: 1 becomes 3.
          (logs) =>
            logs.map((l) => (l.topics[0] !== parties ? l : { ...l, data: l.data.slice(0, -2) + "03" })),
          mismatch,
        ],
        [
          "parties dropped",
          (logs) => logs.filter((l) => l.topics[0] !== parties),
          /the node has 0 DisputeParties logs of dispute 1, not one/,
        ],
      ];
      for (const [name, tamper, expected] of tampers) {
        const client = await clientThrough(tamper);
        try {
          const read = claimView(client, 1n, { evidence: false });
          if (name === "none")
            expect((await read).panel?.panel).to.deep.equal([getAddress(accounts[A.expert])]);
          else
            expect(
              await read.then(
                () => "read",
                (e: Error) => e.message,
              ),
            ).to.match(expected!);
        } finally {
          client.provider.destroy();
        }
      }
    });

    /** The member's history read streamed (`onPartial`) through a node whose logs pass through `tamper`. */
    async function streamedThrough(tamper: (logs: RpcLog[]) => RpcLog[]) {
      const client = await clientThrough(tamper);
      try {
        const partials: PartialHistory[] = [];
        const { history, verify } = await readMemberHistory(client, FOUNDER_NAMES[1], {
          onPartial: (p) => partials.push(p),
        });
        return { partials, history, verification: await verify!() };
      } finally {
        client.provider.destroy();
      }
    }

    it("streamed newest first: each partial record holds exactly the final entries of the blocks read; the result is the same", async function () {
      await loadFixture(claimExecutedFixture);
      const whole = await historyThrough((logs) => logs);
      const { partials, history, verification } = await streamedThrough((logs) => logs);
      expect(partials.length).to.be.greaterThan(1);
      // the ranges go back from the head block the entries are read up to
      const froms = partials.map((p) => p.from);
      expect(froms).to.deep.equal([...froms].sort((a, b) => b - a));
      expect(new Set(partials.map((p) => p.toBlock))).to.deep.equal(new Set([whole.verification!.block]));
      const key = (i: MemberHistory["items"][number]) => JSON.stringify(i);
      for (const p of partials) {
        const read = p.history.items.filter((i) => i.block !== undefined && i.block >= p.from).map(key);
        const final = whole.items.filter((i) => i.block !== undefined && i.block >= p.from).map(key);
        expect(read).to.deep.equal(final);
        expect(p.history.counts).to.deep.equal({});
      }
      expect(partials.at(-1)!.history.items.map(key)).to.deep.equal(whole.items.map(key));
      expect(history.items.map(key)).to.deep.equal(whole.items.map(key));
      expect(history.counts).to.deep.equal(whole.counts);
      expect(verification.verified).to.equal(true);
    });

    it("streamed: a node that drops an entry of the member's history is still reported (I8)", async function () {
      await loadFixture(claimExecutedFixture);
      let dropped = 0;
      const { partials, verification } = await streamedThrough((logs) =>
        logs.filter((l) => !(isMine(l) && dropped++ === 0)),
      );
      expect(dropped).to.be.greaterThan(0);
      expect(partials.length).to.be.greaterThan(0);
      expect(verification.verified).to.equal(false);
      const mine = verification.checks.find((c) => c.member === founder(1))!;
      expect(mine.computedLength).to.equal(mine.length - 1);
    });

    it("prints that the history was verified against the chain's head, and says so in --json", async function () {
      await loadFixture(claimExecutedFixture);
      const table = ok(await cli(0, "history", FOUNDER_NAMES[1]));
      expect(table.stdout).to.match(/verified against the chain's head at block \d+/);
      const json = JSON.parse(ok(await cli(0, "--json", "history", FOUNDER_NAMES[1])).stdout);
      expect(json.verification.verified).to.equal(true);
      expect(json.verification.block).to.be.a("number");
    });

    it("prints the record as a table and as CSV, finding the member by name", async function () {
      await loadFixture(claimExecutedFixture);
      const table = ok(await cli(0, "history", FOUNDER_NAMES[1]));
      expect(table.stdout).to.match(/MemberAdmitted/);
      expect(table.stdout).to.match(/default recorded: late contribution to project 7/);
      expect(table.stdout).to.include(`claim 1 filed against it by ${FOUNDER_NAMES[0]}`);
      const csv = ok(await cli(0, "--csv", "history", founder(1)));
      const lines = csv.stdout.trim().split("\n");
      expect(lines[0]).to.equal("time,category,event,role,claim,agreement,detail,hash,uri");
      expect(lines.length).to.be.greaterThan(12);
    });

    it("writes one self-contained HTML dossier", async function () {
      await loadFixture(claimExecutedFixture);
      const out = file("dossier.html");
      const r = ok(await cli(0, "--json", "history", FOUNDER_NAMES[1], "--html", out));
      expect(JSON.parse(r.stdout)).to.include({ name: FOUNDER_NAMES[1] });
      const html = fs.readFileSync(out, "utf8");
      expect(html).to.include('<meta charset="utf-8">');
      expect(html).to.include(`<h1>${FOUNDER_NAMES[1]}</h1>`);
      expect(html).to.include("<svg");
      expect(html).not.to.match(/<script|<link|src=|href=/i);
    });

    it("refuses an unknown member", async function () {
      await loadFixture(claimExecutedFixture);
      await refused(
        ["history", "无此成员"],
        ExitCode.INPUT,
        /no member with address, entity id or name "无此成员"/,
      );
    });

    it("refuses an --html file in a folder that does not exist", async function () {
      await loadFixture(claimExecutedFixture);
      await refused(
        ["history", FOUNDER_NAMES[1], "--html", file("no/such/dir/x.html")],
        ExitCode.INPUT,
        /the folder .* does not exist/,
      );
    });
  });

  describe("claim lift-suspension, claim close-unresolved (ruling deadline)", function () {
    it("lift-suspension refuses a claim whose ruling suspended no licence (decoded, nothing sent)", async function () {
      await loadFixture(claimExecutedFixture);
      await refused(
        ["claim", "lift-suspension", "1"],
        ExitCode.REFUSED,
        /the contract refused: claim 1 has no licence suspension in force to lift/,
      );
    });

    it("close-unresolved closes a referred claim left without a ruling past its deadline", async function () {
      await loadFixture(claimExecutedFixture);
      ok(await cli(A.founders[0], ...fileArgs("4.2", "damages", "100")));
      await advance(provider, FULL_SUITE_TIMES.curePeriod + FULL_SUITE_TIMES.answerPeriod + 1);
      ok(await cli(A.founders[0], "claim", "refer", "2"));
      await advance(provider, 180 * 86_400 + 1);
      const r = ok(await cli(A.founders[0], "--json", "claim", "close-unresolved", "2"));
      expect(JSON.parse(r.stdout)).to.include({ claimId: "2", status: "Unresolved" });
      const dr = DisputeResolution__factory.connect(addresses.DisputeResolution, provider);
      expect((await dr.claimStateOf(await recordOf(dr, 2n), 0n)).status).to.equal(10n);
    });
  });
});
