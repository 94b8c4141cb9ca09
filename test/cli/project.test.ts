import fs from "node:fs";
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { CovenantError } from "../../src/sdk/errors";
import { BrowserProvider, toBeHex, zeroPadValue, type Eip1193Provider } from "ethers";
import { createClient } from "../../src/sdk/client";
import {
  activateProject,
  contribute,
  listProjects,
  projectView,
  proposeProject,
} from "../../src/sdk/actions/projects";
import { parseProposal } from "../../src/sdk/projectProposal";
import { fileReader, readProposalFile } from "../../src/node/files";
import { projectTermsHash } from "../../src/sdk/projectTerms";
import {
  ACC,
  activeProjectFixture,
  approveAndSign,
  businessFixture,
  expectNothingSent,
  mint,
  okJson,
  u,
  writeFile,
  writeProposal,
  type BusinessNode,
} from "./businessHelpers";

/** Fixture: on {@link businessFixture}, the lead founder's proposal of {@link writeProposal} (through the SDK), not yet reviewed. */
async function proposedFixture() {
  const n = await loadFixture(businessFixture);
  const lead = await n.client(ACC.founders[0]);
  const now = (await n.provider.getBlock("latest"))!.timestamp;
  const proposal = readProposalFile(writeProposal(n), { decimals: 6, now });
  const r = await proposeProject(lead, { proposal });
  lead.provider.destroy();
  return { n, projectId: r.projectId.toString(), termsHash: r.termsHash };
}

/** Fixture: on {@link proposedFixture}, reviewed, approved, its agreement signed and the project active. */
async function activatedFixture() {
  const f = await loadFixture(proposedFixture);
  const agreementId = await approveAndSign(f.n, BigInt(f.projectId), { termsHash: f.termsHash });
  const lead = await f.n.client(ACC.founders[0]);
  await activateProject(lead, { projectId: BigInt(f.projectId), agreementId });
  lead.provider.destroy();
  return f;
}

/** Fixture: on {@link activatedFixture}, the lead has paid installment 0 (1 750: 50% of 7 000 over two). */
async function contributedFixture() {
  const f = await loadFixture(activatedFixture);
  await mint(f.n, ACC.founders[0], u(20_000));
  const lead = await f.n.client(ACC.founders[0]);
  await contribute(lead, { projectId: BigInt(f.projectId), installment: 0 });
  lead.provider.destroy();
  return f;
}

/** Every `it` starts from a fixture (`loadFixture`); each passes alone and in any order. */
describe("covenant project (proposals, contributions, spends, milestones)", function () {
  let n: BusinessNode;
  const [lead, second, third] = ACC.founders;

  before(async function () {
    this.timeout(300_000);
    n = await loadFixture(businessFixture);
  });

  describe("proposal files (SDK, no chain)", function () {
    const ctx = { decimals: 6, now: 1_800_000_000 };

    it("reads amounts in token units, relative dates and hashes the named documents", function () {
      const file = writeProposal(n, "local.json");
      const p = readProposalFile(file, ctx);
      expect(p.budgetLines.map((l) => l.amount)).to.deep.equal([u(6000), u(3000), u(1000)]);
      expect(p.installmentDueDates).to.deep.equal([ctx.now + 30 * 86_400, ctx.now + 90 * 86_400]);
      expect(p.grantAmount).to.equal(u(3000));
      expect(p.participants[0].taskHash).to.match(/^0x[0-9a-f]{64}$/);
      expect(p.penaltySchedule?.[0].damagesCap).to.equal(u(1000).toString());
    });

    for (const [what, body, pattern] of [
      ["malformed JSON", "{ not json", /not valid JSON/],
      ["cost shares that do not sum to 10000", { costShare: 4000 }, /costShareBps sum to 9000/],
      [
        "a lead that is not a participant",
        { lead: "0x000000000000000000000000000000000000dEaD" },
        /is not one of the participants/,
      ],
      ["an unknown budget category", { category: "Snacks" }, /category must be one of/],
      ["a missing task document", { task: "missing.md" }, /does not exist/],
      ["too many decimals", { amount: "1.0000001" }, /has 7 decimals/],
    ] as const) {
      it(`refuses ${what} with one plain sentence`, function () {
        const base = JSON.parse(fs.readFileSync(writeProposal(n, "bad.json"), "utf8")) as {
          lead: string;
          participants: { costShareBps: number; task: string }[];
          budgetLines: { category: string; amount: string }[];
        };
        let text: string;
        if (typeof body === "string") text = body;
        else {
          if ("costShare" in body) base.participants[0].costShareBps = body.costShare;
          if ("lead" in body) base.lead = body.lead;
          if ("category" in body) base.budgetLines[0].category = body.category;
          if ("task" in body) base.participants[1].task = body.task;
          if ("amount" in body) base.budgetLines[2].amount = body.amount;
          text = JSON.stringify(base);
        }
        let err: unknown;
        try {
          parseProposal(text, ctx, fileReader(n.work));
        } catch (e) {
          err = e;
        }
        expect(err).to.be.instanceOf(CovenantError);
        expect((err as CovenantError).kind).to.equal("input");
        expect((err as Error).message).to.match(pattern);
      });
    }
  });

  describe("SDK against the node", function () {
    it("proposes, and a participant's contribute approves exactly the installment (R2, P2)", async function () {
      await loadFixture(businessFixture);
      const leadClient = await n.client(lead);
      const proposal = readProposalFile(writeProposal(n, "sdk.json"), {
        decimals: 6,
        now: (await n.provider.getBlock("latest"))!.timestamp,
      });
      const r = await proposeProject(leadClient, { proposal });
      expect(r.termsHash).to.equal(projectTermsHash(proposal));
      const agreement = await approveAndSign(n, r.projectId, proposal);
      const reg = await n.contract("ProjectRegistry");
      await (await reg.getFunction("activate")(r.projectId, agreement)).wait();
      await mint(n, second, u(10_000));
      const c = await contribute(await n.client(second), { projectId: r.projectId });
      // net cost 7000, 30% = 2100 over two installments
      expect(c.amount).to.equal(u(1050));
      expect(c.installment).to.equal(0);
      const token = await n.contract("SettlementToken");
      expect(await token.getFunction("allowance")(n.accounts[second], n.addresses.Treasury)).to.equal(0n);
      const v = await projectView(leadClient, { projectId: r.projectId });
      expect(v.status).to.equal("Active");
      expect(v.participants[1].contributed).to.equal(u(1050));
      expect(v.participants[1].installments[0].open).to.equal(0n);
      expect(v.budgetLines.map((l) => l.remaining)).to.deep.equal([u(6000), u(3000), u(1000)]);
      leadClient.provider.destroy();
    });
  });

  describe("CLI", function () {
    it("project propose --file prints the id and terms hash and writes the terms (R1)", async function () {
      await loadFixture(businessFixture);
      const terms = `${n.work}/terms.json`;
      const r = await n.cli([
        "--from",
        String(lead),
        "--json",
        "project",
        "propose",
        "--file",
        writeProposal(n),
        "--terms-out",
        terms,
      ]);
      const out = okJson<{ projectId: string; termsHash: string }>(r);
      expect(out.projectId).to.match(/^\d+$/);
      expect(out.termsHash).to.match(/^0x[0-9a-f]{64}$/);
      expect(fs.readFileSync(terms, "utf8")).to.match(/"schema":"covenant\/project-terms\/v1"/);
    });

    it("project review (expert) and project activate under the signed agreement", async function () {
      const { projectId, termsHash } = await loadFixture(proposedFixture);
      const opinion = writeFile(n, "opinion.md", "sound plan\n");
      const r1 = await n.cli([
        "--from",
        String(ACC.expert),
        "project",
        "review",
        projectId,
        "--score",
        "85",
        "--opinion",
        opinion,
      ]);
      expect(r1.code, r1.stderr).to.equal(0);
      expect(r1.stdout).to.match(/review of project \d+ filed \(score 85/);
      // the parties sign a project agreement carrying the terms hash the CLI printed
      const agreementId = await approveAndSign(n, BigInt(projectId), { termsHash }, { screen: false });
      const r2 = await n.cli(["project", "activate", projectId, "--agreement", String(agreementId)]);
      expect(r2.code, r2.stderr).to.equal(0);
      expect(r2.stdout).to.match(/is active under agreement/);
    });

    it("project contribute pays the earliest open installment, approving exactly what is due", async function () {
      const { projectId } = await loadFixture(activatedFixture);
      await mint(n, lead, u(20_000));
      const r = await n.cli(["--from", String(lead), "--json", "project", "contribute", projectId]);
      const out = okJson<{ installment: number; amount: string; approvalTx: string | null }>(r);
      // lead: 50% of 7000 = 3500 over two installments
      expect(out).to.include({ installment: 0, amount: "1750" });
      expect(out.approvalTx).to.match(/^0x/);
      const token = await n.contract("SettlementToken");
      expect(await token.getFunction("allowance")(n.accounts[lead], n.addresses.Treasury)).to.equal(0n);
    });

    it("project show: participants, shares, lines with spent, milestones, installments and arrears", async function () {
      const { projectId } = await loadFixture(contributedFixture);
      const r = await n.cli(["project", "show", projectId]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout)
        .to.match(/High-strength automotive steel/)
        .and.match(/50%/)
        .and.match(/Equipment/)
        .and.match(/6000\.0 TCNY/)
        .and.match(/1750\.0 TCNY/)
        .and.match(/not due/);
    });

    it("project list shows every project", async function () {
      await loadFixture(contributedFixture);
      const r = await n.cli(["--json", "project", "list"]);
      const list = okJson<{ id: string; status: string }[]>(r);
      expect(list.map((p) => p.status)).to.include("Active");
    });

    it("project list reads every title from one scan of the proposals and reports a node that drops one", async function () {
      const { n: node } = await loadFixture(proposedFixture);
      const lead0 = await node.client(ACC.founders[0]);
      const now = (await node.provider.getBlock("latest"))!.timestamp;
      const proposal = readProposalFile(writeProposal(node, "second.json"), { decimals: 6, now });
      await proposeProject(lead0, { proposal: { ...proposal, title: "A second project" } });
      // a node that counts its log queries and may drop project 2's proposal event
      const proposed = lead0.projects().interface.getEvent("ProjectProposed")!.topicHash;
      const second = zeroPadValue(toBeHex(2), 32);
      let drop = false;
      let logQueries = 0;
      const eip1193: Eip1193Provider = {
        request: async ({ method, params }) => {
          const r: unknown = await node.provider.send(method, (params ?? []) as unknown[]);
          if (method !== "eth_getLogs") return r;
          logQueries += 1;
          const logs = r as { topics: string[] }[];
          return drop ? logs.filter((l) => !(l.topics[0] === proposed && l.topics[1] === second)) : logs;
        },
      };
      const client = createClient({ runner: new BrowserProvider(eip1193), book: lead0.book });
      try {
        const list = await listProjects(client);
        expect(list.map((p) => [p.id, p.title, p.status])).to.deep.equal([
          [1n, "高强度汽车钢联合实验室 / High-strength automotive steel joint lab", "Proposed"],
          [2n, "A second project", "Proposed"],
        ]);
        expect(logQueries).to.equal(1);
        drop = true;
        await expect(listProjects(client)).to.be.rejectedWith(
          /the node returned 0 ProjectProposed events of project 2 at block \d+, where the registry records one/,
        );
      } finally {
        lead0.provider.destroy();
      }
    });

    it("project spend request / approve / execute and milestone report / accept, complete, refund", async function () {
      const { projectId } = await loadFixture(contributedFixture);
      const invoice = writeFile(n, "invoice.pdf", "invoice 1\n");
      const req = okJson<{ spendId: string }>(
        await n.cli([
          "--from",
          String(lead),
          "--json",
          "project",
          "spend",
          "request",
          projectId,
          "--line",
          "2",
          "--amount",
          "250.50",
          "--payee",
          n.accounts[ACC.stranger],
          "--invoice",
          invoice,
        ]),
      );
      const ap = await n.cli(["--from", String(lead), "project", "spend", "approve", req.spendId]);
      expect(ap.stdout, ap.stderr).to.match(
        /the approvals hold 1750\.0 TCNY of the [\d.]+ TCNY paid in needed/,
      );
      const ex = okJson<{ amount: string }>(
        await n.cli(["--json", "project", "spend", "execute", req.spendId]),
      );
      expect(ex.amount).to.equal("250.5");
      const deliverable = writeFile(n, "report.pdf", "final report\n");
      const rep = await n.cli([
        "--from",
        String(lead),
        "project",
        "milestone",
        "report",
        projectId,
        "--index",
        "0",
        "--deliverable",
        deliverable,
      ]);
      expect(rep.code, rep.stderr).to.equal(0);
      const acc = await n.cli([
        "--from",
        String(second),
        "project",
        "milestone",
        "accept",
        projectId,
        "--index",
        "0",
      ]);
      expect(acc.code, acc.stderr).to.equal(0);
      const done = await n.cli(["--from", String(lead), "project", "complete", projectId]);
      expect(done.stdout, done.stderr).to.match(/completed/);
      const refund = okJson<{ amount: string }>(
        await n.cli(["--from", String(lead), "--json", "project", "refund", projectId]),
      );
      // the only payer gets the whole pool: 1750 - 250.5
      expect(refund.amount).to.equal("1499.5");
    });
  });

  describe("CLI bad input: one error line, nothing sent", function () {
    let active: string;

    beforeEach(async function () {
      active = (await loadFixture(activeProjectFixture)).projectId.toString();
    });

    it("refuses a malformed proposal file", async function () {
      const bad = writeFile(n, "malformed.json", '{ "title": "x", ');
      await expectNothingSent(
        n,
        ["--from", String(lead), "project", "propose", "--file", bad],
        2,
        /not valid JSON/,
      );
    });

    it("refuses an unknown project id", async function () {
      await expectNothingSent(n, ["project", "show", "999"], 2, /no project 999/);
    });

    it("refuses a non-participant contributing", async function () {
      await mint(n, ACC.stranger, u(10_000));
      await expectNothingSent(
        n,
        ["--from", String(ACC.stranger), "project", "contribute", active],
        2,
        /is not a participant of project/,
      );
    });

    it("refuses a contribution when the balance is too low (no approval sent either)", async function () {
      await expectNothingSent(
        n,
        ["--from", String(third), "project", "contribute", active],
        2,
        /balance too low: installment 0 .* needs 700\.0 TCNY/,
      );
    });

    it("refuses a default before the grace period ends, decoding the contract's error", async function () {
      await expectNothingSent(
        n,
        ["project", "record-default", active, "--participant", n.accounts[third], "--installment", "0"],
        4,
        /the contract refused: a default can be recorded only after the due date plus the grace period \(\d{4}-/,
      );
    });
  });
});
