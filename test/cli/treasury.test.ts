import { expect } from "chai";
import {
  acceptMilestone,
  approveSpend,
  claimRefund,
  completeProject,
  contribute,
  executeSpend,
  proposeProject,
  reportMilestone,
  requestSpend,
} from "../../src/sdk/actions/projects";
import { readProposalFile } from "../../src/node/files";
import { treasuryReport, treasuryBalance } from "../../src/sdk/actions/treasury";
import type { CovenantClient } from "../../src/sdk/client";
import {
  ACC,
  advance,
  approveAndSign,
  DAY,
  expectNothingSent,
  mint,
  okJson,
  sha,
  startBusinessNode,
  u,
  writeFile,
  writeProposal,
  type BusinessNode,
} from "./businessHelpers";

describe("covenant treasury (the supervisors' report, balance, withdraw)", function () {
  let n: BusinessNode;
  let leadClient: CovenantClient;
  let projectId: bigint;
  let spendA: bigint;
  let spendB: bigint;
  const [lead, second] = ACC.founders;

  before(async function () {
    this.timeout(240_000);
    n = await startBusinessNode();
    leadClient = await n.client(lead);
    const now = (await n.provider.getBlock("latest"))!.timestamp;
    const proposal = readProposalFile(writeProposal(n), { decimals: 6, now });
    projectId = (await proposeProject(leadClient, { proposal })).projectId;
    const agreement = await approveAndSign(n, projectId, proposal);
    await (await (await n.contract("ProjectRegistry")).getFunction("activate")(projectId, agreement)).wait();
    // the government funder (the supervisor's account in these tests) deposits the grant
    await mint(n, ACC.supervisor, u(3_000));
    const token = await n.contract("SettlementToken", ACC.supervisor);
    await (await token.getFunction("approve")(n.addresses.Treasury, u(3_000))).wait();
    await (
      await (await n.contract("ProjectFunding", ACC.supervisor)).getFunction("depositGrant")(
        projectId,
        u(3_000),
      )
    ).wait();
    await mint(n, lead, u(10_000));
    await contribute(leadClient, { projectId, installment: 0 });
    const base = { projectId, payee: n.accounts[ACC.stranger], fromGrant: true, expiresAt: now + 60 * DAY };
    spendA = (await requestSpend(leadClient, { ...base, line: 0, amount: u(500), invoiceHash: sha("inv A") }))
      .spendId;
    spendB = (await requestSpend(leadClient, { ...base, line: 1, amount: u(200), invoiceHash: sha("inv B") }))
      .spendId;
    await approveSpend(leadClient, { spendId: spendA });
    await approveSpend(leadClient, { spendId: spendB });
  });

  after(async function () {
    leadClient?.provider.destroy();
    await n?.stop();
  });

  it("SDK: ledger totals, I2 solvency and the grant spends awaiting a veto", async function () {
    const r = await treasuryReport(leadClient);
    expect(r.solvent).to.equal(true);
    expect(r.tokenBalance).to.be.gte(r.totalLiabilities);
    expect(r.ledgers.grantAccounts).to.equal(u(3_000));
    expect(r.ledgers.projectAccounts).to.equal(u(1_750));
    expect(r.ledgers.bonds).to.equal(u(3_000));
    const p = r.projects.find((x) => x.id === projectId)!;
    expect(p.i3Holds).to.equal(true);
    expect(p.pendingSpends.map((s) => [s.id, s.vetoOpen])).to.deep.equal([
      [spendA, true],
      [spendB, true],
    ]);
  });

  it("project spend veto: the supervisor vetoes a grant spend inside the window (Macro 2)", async function () {
    const reason = writeFile(n, "veto.md", "travel is not a grant line\n");
    const r = await n.cli([
      "--from",
      String(ACC.supervisor),
      "project",
      "spend",
      "veto",
      spendB.toString(),
      "--reason",
      reason,
    ]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/spend \d+ vetoed/);
  });

  it("treasury report --project: lines, arrears and the pending spend with its veto deadline", async function () {
    const r = await n.cli(["treasury", "report", "--project", projectId.toString()]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout)
      .to.match(/I2 solvency .*holds/)
      .and.match(/grant accounts .*3000\.0 TCNY/)
      .and.match(/Equipment .*6000\.0 TCNY .*0\.0 TCNY .*6000\.0 TCNY/)
      .and.match(/pending spend/)
      .and.match(/\(open\)/);
    expect(r.stdout).not.to.match(/200\.0 TCNY .*grant/); // the vetoed spend is no longer pending
  });

  it("treasury report --csv: one row per ledger, line, arrears and pending spend", async function () {
    const r = await n.cli(["--csv", "treasury", "report", "--project", projectId.toString()]);
    expect(r.code, r.stderr).to.equal(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).to.equal("section,project,item,budgeted,spent,remaining,amount,detail");
    expect(lines).to.include("ledger,,grantAccounts,,,,3000,");
    expect(
      lines.some((l) => l.startsWith(`pending-spend,${projectId},spend ${spendA},,,,500,"grant money`)),
    ).to.equal(true);
  });

  it("treasury report --json after a grant spend and a missed installment: spending by category, arrears (P2)", async function () {
    await advance(n, 8 * DAY);
    await executeSpend(leadClient, { spendId: spendA });
    await advance(n, 30 * DAY); // installment 0 (+30d) is now due
    const r = okJson<{
      solvent: boolean;
      ledgers: { grantAccounts: string };
      projects: {
        grantSpendingByCategory: { category: string; amount: string }[];
        arrears: { participant: string; arrears: string }[];
        lines: { category: string; spent: string; remaining: string }[];
        pendingSpends: unknown[];
      }[];
    }>(await n.cli(["--json", "treasury", "report"]));
    expect(r.solvent).to.equal(true);
    expect(r.ledgers.grantAccounts).to.equal("2500");
    const p = r.projects[0];
    expect(p.grantSpendingByCategory).to.deep.equal([{ category: "Equipment", amount: "500" }]);
    expect(p.lines[0]).to.include({ spent: "500", remaining: "5500" });
    expect(p.arrears.find((a) => a.participant === n.accounts[second])?.arrears).to.equal("1050");
    expect(p.arrears.find((a) => a.participant === n.accounts[lead])?.arrears).to.equal("0");
    expect(p.pendingSpends).to.deep.equal([]);
  });

  it("treasury balance and treasury withdraw pull a refund after close", async function () {
    await reportMilestone(leadClient, { projectId, index: 0, deliverableHash: sha("deliverable") });
    const secondClient = await n.client(second);
    await acceptMilestone(secondClient, { projectId, index: 0 });
    secondClient.provider.destroy();
    await completeProject(leadClient, { projectId });
    const refund = await claimRefund(leadClient, { projectId });
    expect(refund.amount).to.equal(u(1_750));
    const bal = okJson<{ withdrawable: string; bond: string }>(
      await n.cli(["--json", "treasury", "balance", n.accounts[lead]]),
    );
    expect(bal).to.include({ withdrawable: "1750", bond: "1000" });
    const w = okJson<{ amount: string }>(
      await n.cli(["--from", String(lead), "--json", "treasury", "withdraw"]),
    );
    expect(w.amount).to.equal("1750");
    expect((await treasuryBalance(leadClient)).withdrawable).to.equal(0n);
  });

  describe("bad input: one error line, nothing sent", function () {
    it("refuses a withdrawal when nothing is withdrawable", async function () {
      await expectNothingSent(
        n,
        ["--from", String(ACC.stranger), "treasury", "withdraw"],
        2,
        /has nothing to withdraw/,
      );
    });

    it("refuses a report of an unknown project", async function () {
      await expectNothingSent(n, ["treasury", "report", "--project", "42"], 2, /no project 42/);
    });

    it("refuses a malformed account", async function () {
      await expectNothingSent(n, ["treasury", "balance", "0x1234"], 2, /must be an address/);
    });
  });
});
