import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  acceptMilestone,
  approveSpend,
  claimRefund,
  completeProject,
  contribute,
  depositGrant,
  executeSpend,
  reportMilestone,
  requestSpend,
  vetoSpend,
} from "../../src/sdk/actions/projects";
import { treasuryReport, treasuryBalance } from "../../src/sdk/actions/treasury";
import type { CovenantClient } from "../../src/sdk/client";
import {
  ACC,
  activeProjectFixture,
  advance,
  DAY,
  expectNothingSent,
  mint,
  okJson,
  sha,
  u,
  writeFile,
  type BusinessNode,
} from "./businessHelpers";

/**
 * Fixture: on {@link activeProjectFixture}, the grant of 3 000 deposited by its funder (the
 * supervisor's account in these tests), the lead's first installment paid, and two grant spends
 * (A: 500 on Equipment, B: 200 on Personnel) requested and approved by the lead, awaiting the veto.
 */
async function treasuryFixture() {
  const { n, projectId } = await loadFixture(activeProjectFixture);
  const [lead] = ACC.founders;
  const now = (await n.provider.getBlock("latest"))!.timestamp;
  await mint(n, ACC.supervisor, u(3_000));
  const funder = await n.client(ACC.supervisor);
  await depositGrant(funder, { projectId, amount: u(3_000) });
  funder.provider.destroy();
  await mint(n, lead, u(10_000));
  const leadClient = await n.client(lead);
  await contribute(leadClient, { projectId, installment: 0 });
  const base = { projectId, payee: n.accounts[ACC.stranger], fromGrant: true, expiresAt: now + 60 * DAY };
  const spendA = (
    await requestSpend(leadClient, { ...base, line: 0, amount: u(500), invoiceHash: sha("inv A") })
  ).spendId;
  const spendB = (
    await requestSpend(leadClient, { ...base, line: 1, amount: u(200), invoiceHash: sha("inv B") })
  ).spendId;
  await approveSpend(leadClient, { spendId: spendA });
  await approveSpend(leadClient, { spendId: spendB });
  return { n, leadClient, projectId, spendA, spendB };
}

/** Fixture: on {@link treasuryFixture}, the supervisor has vetoed spend B inside its window (Macro 2). */
async function vetoedFixture() {
  const f = await loadFixture(treasuryFixture);
  const supervisor = await f.n.client(ACC.supervisor);
  await vetoSpend(supervisor, { spendId: f.spendB, reasonHash: sha("travel is not a grant line") });
  supervisor.provider.destroy();
  return f;
}

/**
 * Fixture: on {@link vetoedFixture}, spend A executed after its veto window (8 days), then 30 more
 * days: installment 0 (+30d) is due and the second founder has not paid it (P2).
 */
async function spentFixture() {
  const f = await loadFixture(vetoedFixture);
  await advance(f.n, 8 * DAY);
  await executeSpend(f.leadClient, { spendId: f.spendA });
  await advance(f.n, 30 * DAY);
  return f;
}

/** Every `it` starts from one of the fixtures above (`loadFixture`): each passes alone and in any order. */
describe("covenant treasury (the supervisors' report, balance, withdraw)", function () {
  let n: BusinessNode;
  let leadClient: CovenantClient;
  let projectId: bigint;
  let spendA: bigint;
  let spendB: bigint;
  const [lead, second] = ACC.founders;

  before(async function () {
    this.timeout(300_000);
    ({ n, leadClient, projectId, spendA, spendB } = await loadFixture(treasuryFixture));
  });

  it("SDK: ledger totals, I2 solvency and the grant spends awaiting a veto", async function () {
    await loadFixture(treasuryFixture);
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
    await loadFixture(treasuryFixture);
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
    await loadFixture(vetoedFixture);
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
    await loadFixture(vetoedFixture);
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
    await loadFixture(spentFixture); // spend A executed, spend B vetoed, installment 0 (+30d) due
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
    await loadFixture(spentFixture);
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
      await loadFixture(spentFixture);
      await expectNothingSent(
        n,
        ["--from", String(ACC.stranger), "treasury", "withdraw"],
        2,
        /has nothing to withdraw/,
      );
    });

    it("refuses a report of an unknown project", async function () {
      await loadFixture(spentFixture);
      await expectNothingSent(n, ["treasury", "report", "--project", "42"], 2, /no project 42/);
    });

    it("refuses a malformed account", async function () {
      await loadFixture(spentFixture);
      await expectNothingSent(n, ["treasury", "balance", "0x1234"], 2, /must be an address/);
    });
  });
});
