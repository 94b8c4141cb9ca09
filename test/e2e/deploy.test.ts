import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { Contract, encryptKeystoreJsonSync, getAddress, JsonRpcProvider, sha256, toUtf8Bytes } from "ethers";
import { findArtifact } from "../../src/node/artifacts";
import { expectRefused } from "../cli/businessHelpers";
import {
  advance,
  BIN,
  chainState,
  runCli,
  startHardhatNode,
  stopNode,
  tempDir,
  type CliResult,
} from "../cli/helpers";

/** Hardhat's (public, test-only) key of its first node account: the deployer's keystore. */
const HARDHAT_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const DAY = 24 * 60 * 60;
/** Node accounts: the secretariat, an expert, founders A, B, C, and an account that never applied. */
const SECRETARIAT = 1;
const EXPERT = 2;
const FOUNDERS = [7, 8, 9];
const NOT_APPLIED = 10;
const NAMES = ["中国第一汽车集团", "清华大学", "通威股份"];
const KINDS = ["Enterprise", "University", "Enterprise"];

/**
 * `covenant deploy` and the council's proposals: one node, one suite
 * deployed by the CLI itself (killed half-way and resumed from the Ignition journal), founders
 * bootstrapped from a founders file, the handover, then a suspension through the whole council
 * procedure, and refused inputs that send nothing.
 */
describe("covenant deploy and council powers (deployment, council decisions)", function () {
  let node: ChildProcess | undefined;
  let url: string;
  let provider: JsonRpcProvider;
  let accounts: string[];
  let env: Record<string, string>;
  let deployDir: string;
  let journalRoot: string;
  let work: string;
  let book: { chainId: number; contracts: Record<string, string>; deployedBlock?: number; deployer?: string };

  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runCli(["--rpc", url, ...args], { ...env, ...extra });
  const state = () => chainState(provider, accounts.slice(0, 11));
  /** A refused command: one `error:` line, the exit code, and neither block nor nonce moved. */
  const refused = async (args: string[], code: number, pattern: RegExp): Promise<CliResult> => {
    const before = await state();
    const r = await cli(args);
    expectRefused(r, code, pattern);
    expect(await state()).to.equal(before);
    return r;
  };
  const json = <T = Record<string, unknown>>(r: CliResult): T => {
    expect(r.code, `stderr: ${r.stderr}`).to.equal(0);
    return JSON.parse(r.stdout) as T;
  };
  const at = async (name: string, from = 0) =>
    new Contract(
      book.contracts[name],
      findArtifact(name === "SettlementToken" ? "TestToken" : name)!.abi,
      await provider.getSigner(from),
    );
  const file = (name: string, body: string) => {
    const p = path.join(work, name);
    fs.writeFileSync(p, body);
    return p;
  };
  const foundersFile = (name: string, indexes: number[], over: Record<string, unknown> = {}) =>
    file(
      name,
      JSON.stringify({
        founders: indexes.map((i, k) => ({
          name: NAMES[k] ?? `Founder ${i}`,
          kind: KINDS[k] ?? "Other",
          address: accounts[i],
          entityId: `91110000MA0000000${k}`,
        })),
        leadUnit: NAMES[0],
        secretariat: accounts[SECRETARIAT],
        roles: { EXPERT: [accounts[EXPERT]] },
        ...over,
      }),
    );

  before(async function () {
    this.timeout(120_000);
    const started = await startHardhatNode();
    node = started.proc;
    url = started.url;
    provider = new JsonRpcProvider(url, 31337, { staticNetwork: true, cacheTimeout: -1 });
    accounts = ((await provider.send("eth_accounts", [])) as string[]).map((a) => getAddress(a));
    deployDir = tempDir("deploy-book");
    journalRoot = tempDir("deploy-ignition");
    work = tempDir("deploy-files");
    env = { COVENANT_DEPLOYMENTS_DIR: deployDir, COVENANT_IGNITION_DIR: journalRoot };
  });

  after(async function () {
    provider?.destroy();
    await stopNode(node);
  });

  describe("deploy suite", function () {
    it("refuses a parameters file naming an unknown parameter before connecting (nothing sent)", async function () {
      const bad = file("params.json", JSON.stringify({ Covenant: { grantCapBp: 2500 } }));
      await refused(["deploy", "suite", "--parameters", bad], 2, /Covenant has no parameter "grantCapBp"/);
    });

    it("deploys through the Ignition module with a keystore key, is killed half-way, and resumes from its journal", async function () {
      this.timeout(240_000);
      const keystore = file(
        "deployer.json",
        encryptKeystoreJsonSync({ address: accounts[0], privateKey: HARDHAT_KEY_0 }, "pw", {
          scrypt: { N: 1 << 10 },
        }),
      );
      const args = ["--rpc", url, "--keystore", keystore, "deploy", "suite"];
      const keyEnv = { COVENANT_KEYSTORE_PASSWORD: "pw" };
      const journal = path.join(journalRoot, "chain-31337", "journal.jsonl");
      // the first run: killed once its journal holds 40 entries (a fraction of the whole deployment)
      const first = spawn(process.execPath, [BIN, ...args], {
        env: { ...process.env, ...env, ...keyEnv, NO_COLOR: "1" },
        stdio: "ignore",
      });
      const exited = new Promise<number | null>((resolve) => first.once("exit", (code) => resolve(code)));
      for (;;) {
        const lines = fs.existsSync(journal) ? fs.readFileSync(journal, "utf8").split("\n").length : 0;
        if (lines >= 40 || first.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      first.kill("SIGKILL");
      expect(await exited, "the first run was interrupted, not finished").to.equal(null);
      expect(fs.existsSync(path.join(deployDir, "31337.json")), "no address book yet").to.equal(false);
      const partial = JSON.parse(
        fs.readFileSync(path.join(journalRoot, "chain-31337", "deployed_addresses.json"), "utf8"),
      ) as Record<string, string>;
      expect(Object.keys(partial).length).to.be.greaterThan(0).and.lessThan(17);

      const r = json<{
        resumed: boolean;
        deployer: string;
        contracts: Record<string, string>;
        addressBook: string;
      }>(await cli(["--keystore", keystore, "--json", "deploy", "suite"], keyEnv));
      expect(r.resumed).to.equal(true);
      expect(r.deployer).to.equal(accounts[0]);
      for (const [future, address] of Object.entries(partial)) {
        const name = future.split("#")[1] === "TestToken" ? "SettlementToken" : future.split("#")[1];
        if (r.contracts[name]) expect(r.contracts[name], `${future} kept`).to.equal(address);
      }
      book = JSON.parse(fs.readFileSync(path.join(deployDir, "31337.json"), "utf8")) as typeof book;
      expect(Object.keys(book.contracts)).to.have.length(17);
      expect(book.deployedBlock).to.equal(1);
      for (const a of Object.values(book.contracts)) expect(await provider.getCode(a)).not.to.equal("0x");
    });
  });

  describe("deploy founders, handover, show", function () {
    before(async function () {
      // each founder applies itself, with its bond
      const token = await at("SettlementToken");
      const bond = ((await (await at("AgreementRegistry")).charterParams()) as { bondAmount: bigint })
        .bondAmount;
      for (const [k, i] of FOUNDERS.entries()) {
        await (await token.getFunction("mint")(accounts[i], bond)).wait();
        await (
          await (await at("SettlementToken", i)).getFunction("approve")(book.contracts.Treasury, bond)
        ).wait();
        await (
          await (await at("Membership", i)).getFunction("applyForMembership")(
            sha256(toUtf8Bytes(`91110000MA0000000${k}`)),
            NAMES[k],
            KINDS[k] === "University" ? 1 : 0,
            sha256(toUtf8Bytes(`profile ${k}`)),
          )
        ).wait();
      }
    });

    it("refuses the handover while no member is active (nothing sent)", async function () {
      await refused(["deploy", "handover"], 2, /no active member yet/);
    });

    it("refuses a founders file whose lead unit is not a founder (checked before connecting)", async function () {
      const f = foundersFile("bad-lead.json", FOUNDERS, { leadUnit: accounts[NOT_APPLIED] });
      await refused(["deploy", "founders", f], 2, /leadUnit "0x[0-9a-fA-F]{40}" is not one of the founders/);
    });

    it("refuses a founder that has not applied, before sending anything", async function () {
      const f = foundersFile("not-applied.json", [...FOUNDERS, NOT_APPLIED]);
      await refused(["deploy", "founders", f], 2, /founder Founder 10 \(0x[0-9a-fA-F]{40}\) has not applied/);
    });

    it("admits the founders from the file, grants the roles, hands over; member list shows them", async function () {
      this.timeout(60_000);
      const f = foundersFile("founders.json", FOUNDERS);
      const r = json<{
        admitted: string[];
        granted: { role: string }[];
        handover: { deployerRoles: string[] };
      }>(await cli(["--json", "deploy", "founders", f, "--handover"]));
      expect(r.admitted).to.have.length(3);
      expect(r.granted.map((g) => g.role)).to.have.members(["SECRETARIAT", "EXPERT"]);
      expect(r.handover.deployerRoles).to.deep.equal([]);

      const show = json<{ activeMembers: number; handover: { done: boolean; timelockRoles: string[] } }>(
        await cli(["--json", "deploy", "show"]),
      );
      expect(show.activeMembers).to.equal(3);
      expect(show.handover.done).to.equal(true);
      expect(show.handover.timelockRoles).to.include.members(["ADMIN", "COUNCIL", "DISCIPLINE"]);

      const members = json<{ name: string; status: string }[]>(await cli(["--json", "member", "list"]));
      expect(members.map((m) => m.name)).to.have.members(NAMES);
      expect(members.every((m) => m.status === "Active")).to.equal(true);
      const membership = await at("Membership");
      expect(await membership.getFunction("leadUnit")()).to.equal(accounts[FOUNDERS[0]]);
    });

    it("a second handover finds it done, says so, sends nothing and exits 0", async function () {
      const before = await state();
      const r = await cli(["deploy", "handover"]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^handover was already complete: the timelock 0x[0-9a-fA-F]{40} holds /);
      expect(await state()).to.equal(before);
    });
  });

  describe("council powers (F3)", function () {
    const A = String(FOUNDERS[0]);

    it("refuses bad proposals with one line, sending nothing", async function () {
      this.timeout(60_000);
      await refused(
        ["--from", A, "council", "propose-suspension", NAMES[2]],
        2,
        /required option '--reason <file>'/,
      );
      await refused(
        ["--from", A, "council", "propose-reinstatement", NAMES[2]],
        2,
        /通威股份 \(0x[0-9a-fA-F]{40}\) is Active; only a Suspended member can be reinstated/,
      );
      await refused(
        ["--from", A, "council", "propose", "Membership.applyForMembership"],
        2,
        /Membership\.applyForMembership is not a council power/,
      );
      await refused(
        ["--from", A, "council", "propose", "Membership.suspend", NAMES[2]],
        2,
        /Membership\.suspend takes 2 arguments \(<member:address> <reasonHash:bytes32>\), got 1/,
      );
    });

    it("suspends a member through propose -> vote -> queue -> execute, the reason file hashed", async function () {
      this.timeout(120_000);
      const reason = file("reason.md", "通威股份 missed two contributions (clause 5.2)\n");
      const p = json<{ proposalId: string; reasonHash: string; member: string }>(
        await cli(["--from", A, "--json", "council", "propose-suspension", NAMES[2], "--reason", reason]),
      );
      expect(p.reasonHash).to.equal(sha256(fs.readFileSync(reason)));
      expect(p.member).to.equal(accounts[FOUNDERS[2]]);
      await advance(provider, DAY + 1);
      json(await cli(["--from", A, "--json", "council", "vote", p.proposalId, "for"]));
      const governor = await at("AllianceGovernor", FOUNDERS[1]);
      await (await governor.getFunction("castVote")(p.proposalId, 1)).wait();
      await advance(provider, 7 * DAY + 1);
      expect(json<{ state: string }>(await cli(["--json", "council", "queue", p.proposalId])).state).to.equal(
        "Queued",
      );
      await advance(provider, 2 * DAY + 1);
      expect(
        json<{ state: string }>(await cli(["--json", "council", "execute", p.proposalId])).state,
      ).to.equal("Executed");
      const membership = await at("Membership");
      expect(await membership.getFunction("statusOf")(accounts[FOUNDERS[2]])).to.equal(3n); // Suspended

      const list = json<{ proposalId: string; state: string; description: string }[]>(
        await cli(["--json", "council", "list"]),
      );
      expect(list).to.have.length(1);
      expect(list[0]).to.include({ proposalId: p.proposalId, state: "Executed" });
      expect(list[0].description).to.match(/^Suspend 通威股份/);
    });
  });
});
