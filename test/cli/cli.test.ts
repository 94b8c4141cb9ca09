import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import type { Command } from "commander";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  AbiCoder,
  encryptKeystoreJsonSync,
  getAddress,
  id,
  Interface,
  type Eip1193Provider,
  type JsonRpcApiProvider,
  sha256,
  toUtf8Bytes,
  Wallet,
  type Contract,
} from "ethers";
import stringWidth from "string-width";
import { writeAddressBook, readAddressBook } from "../../src/node/addressBook";
import { connect } from "../../src/node/connect";
import { CovenantError, decodeRevert } from "../../src/sdk/errors";
import { ExitCode } from "../../src/cli/exitCodes";
import { entityIdHash } from "../../src/sdk/members";
import { buildProgram, nounOf } from "../../src/cli/main";
import { Output } from "../../src/cli/output";
import {
  advance,
  chainState,
  deployArtifact,
  deployMemberSuite,
  runCli,
  startFakeRpc,
  startInProcessChain,
  SUITE_TIMES,
  tempDir,
  type CliResult,
} from "./helpers";

/** Every refusal: the given exit code, exactly one `error: ...` line on stderr, no stack, nothing on stdout. */
function expectRefused(r: CliResult, code: ExitCode, pattern: RegExp): void {
  const lines = r.stderr.split("\n").filter((l) => l.length > 0);
  expect(lines, `stderr: ${r.stderr}`).to.have.length(1);
  expect(lines[0]).to.match(/^error: /);
  expect(lines[0]).to.match(pattern);
  expect(r.stderr).not.to.match(/\n\s+at /);
  expect(r.stdout).to.equal("");
  expect(r.code, `stderr: ${r.stderr}`).to.equal(code);
}

const work = tempDir("files");
const APPLICANT = 10;
const FOUNDERS = [8, 9];
const NAME = "中国钢研科技集团";
const CODE = "91110000100000000X";

/** Fixture: the in-process chain with a TestToken (AYN) as the whole address book. */
async function tokenFixture() {
  const { url, provider, eip1193 } = await startInProcessChain();
  const accounts = (await provider.send("eth_accounts", [])) as string[];
  const deployer = await provider.getSigner(0);
  const token = (await deployArtifact("TestToken", deployer, "Alliance Yuan", "AYN", 6)) as Contract;
  const dir = tempDir("deployments");
  writeAddressBook(
    {
      chainId: 31337,
      contracts: { SettlementToken: await token.getAddress() },
      deployedAt: "2026-01-01T00:00:00Z",
    },
    dir,
  );
  return { url, provider, eip1193, accounts, token, dir, env: { COVENANT_DEPLOYMENTS_DIR: dir } };
}

/** Fixture: Membership + AllianceGovernor with two founders (deployMemberSuite), its own address book. */
async function memberSuiteFixture() {
  const t = await loadFixture(tokenFixture);
  const suite = await deployMemberSuite(t.provider, FOUNDERS);
  const d = tempDir("suite");
  const addr = async (c: Contract) => c.getAddress();
  writeAddressBook(
    {
      chainId: 31337,
      contracts: {
        AccessManager: await addr(suite.manager),
        SettlementToken: await addr(suite.token),
        Treasury: await addr(suite.treasury),
        Membership: await addr(suite.membership),
        TimelockController: await addr(suite.timelock),
        AllianceGovernor: await addr(suite.governor),
      },
      deployedAt: "2026-01-01T00:00:00Z",
    },
    d,
  );
  const profile = path.join(work, "csteel-profile.txt");
  fs.writeFileSync(profile, "中国钢研科技集团有限公司 — registration certificate\n");
  const suiteEnv = { COVENANT_DEPLOYMENTS_DIR: d };
  /** `covenant --rpc <chain> ...args` against the member suite, whose JSON output is returned (exit 0 expected). */
  const ok = async <T = unknown>(args: string[]): Promise<T> => {
    const r = await runCli(["--rpc", t.url, ...args], suiteEnv);
    if (r.code !== 0 || r.stderr !== "") throw new Error(`covenant ${args.join(" ")}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  return { ...t, suite, suiteEnv, profile, ok };
}

/** The arguments of the applicant's `member apply` (account APPLICANT, 中国钢研科技集团). */
function applyArgs(profile: string, extra: string[] = []): string[] {
  return [
    "member",
    "apply",
    "--from",
    String(APPLICANT),
    "--entity-id",
    CODE,
    "--name",
    NAME,
    "--kind",
    "researchinstitute",
    "--profile",
    profile,
    ...extra,
  ];
}

/** Fixture: on {@link memberSuiteFixture}, the applicant holds the bond and has applied with --approve. */
async function applicantFixture() {
  const f = await loadFixture(memberSuiteFixture);
  await (await f.suite.token.getFunction("mint").send(f.accounts[APPLICANT], 1_000_000_000n)).wait();
  await f.ok(applyArgs(f.profile, ["--approve", "--json"]));
  return f;
}

/** Fixture: on {@link applicantFixture}, the first founder proposes the applicant's admission. */
async function admissionProposedFixture() {
  const f = await loadFixture(applicantFixture);
  const { proposalId } = await f.ok<{ proposalId: string }>([
    "council",
    "propose-admission",
    NAME,
    "--from",
    String(FOUNDERS[0]),
    "--json",
  ]);
  return { ...f, proposalId };
}

/** Fixture: on {@link admissionProposedFixture}, after the voting delay both founders have voted for. */
async function admissionVotedFixture() {
  const f = await loadFixture(admissionProposedFixture);
  await advance(f.provider, SUITE_TIMES.votingDelay + 1);
  for (const founder of FOUNDERS)
    await f.ok(["council", "vote", f.proposalId, "for", "--from", String(founder), "--json"]);
  return f;
}

/** Fixture: on {@link admissionVotedFixture}, the admission queued and executed: the applicant is an active member. */
async function admittedFixture() {
  const f = await loadFixture(admissionVotedFixture);
  await advance(f.provider, SUITE_TIMES.votingPeriod + 1);
  await f.ok(["council", "queue", f.proposalId, "--json"]);
  await advance(f.provider, SUITE_TIMES.timelockDelay + 1);
  await f.ok(["council", "execute", f.proposalId, "--json"]);
  return f;
}

/**
 * Every `it` starts from a fixture (`loadFixture`): {@link tokenFixture}, or for member and council
 * {@link memberSuiteFixture} and the fixtures built on it; each passes alone and in any order.
 */
describe("covenant CLI (global options, errors, member and council)", function () {
  let url: string;
  let eip1193: Eip1193Provider;
  let provider: JsonRpcApiProvider;
  let accounts: string[];
  let dir: string;
  let env: Record<string, string>;

  /** Reverts to {@link tokenFixture} and takes its values. */
  async function fromTokenFixture(): Promise<void> {
    ({ url, provider, eip1193, accounts, dir, env } = await loadFixture(tokenFixture));
  }

  before(async function () {
    this.timeout(300_000);
    await fromTokenFixture();
  });

  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runCli(["--rpc", url, ...args], { ...env, ...extra });

  describe("help", function () {
    it("answers --help at the top level with exit 0 and lists the nouns", async function () {
      await loadFixture(tokenFixture);
      const r = await runCli(["--help"]);
      expect(r.code).to.equal(0);
      expect(r.stdout)
        .to.match(/member/)
        .and.match(/council/)
        .and.match(/Exit codes/);
      expect(r.stderr).to.equal("");
    });

    it("shows the same top-level help with only the noun that runs loaded as with every noun loaded", async function () {
      const quiet = { write: () => true };
      const io = { stdout: quiet, stderr: quiet, env: {} };
      const full = (await buildProgram(io)).helpInformation();
      expect((await buildProgram(io, [])).helpInformation()).to.equal(full);
      expect((await buildProgram(io, ["member"])).helpInformation()).to.equal(full);
      expect(
        (await buildProgram(io, [])).commands.find((c) => c.name() === "member")!.commands,
      ).to.deep.equal([]);
    });

    it("finds the noun a command line runs past the global options and their values", function () {
      expect(nounOf(["--rpc", "http://x", "--from", "3", "--json", "member", "list"])).to.equal("member");
      expect(nounOf(["--rpc=http://x", "agreement", "show", "1"])).to.equal("agreement");
      expect(nounOf(["help", "council"])).to.equal("council");
      expect(nounOf(["--help"])).to.equal(undefined);
      expect(nounOf(["--network", "member", "list"])).to.equal("list");
    });

    it("gives every command at every level a help text naming the global options", async function () {
      const walk = (c: Command, trail: string[]): string[] => {
        const here = [trail.join(" ") || "covenant"];
        const text = c.helpInformation();
        expect(text, here[0])
          .to.match(/--network <name>/)
          .and.match(/--json/)
          .and.match(/--from <account>/);
        return here.concat(...c.commands.map((s) => walk(s, [...trail, s.name()])));
      };
      const all = walk(await buildProgram(), []);
      expect(all).to.include.members([
        "member list",
        "member apply",
        "council vote",
        "council show",
        "status",
      ]);
    });
  });

  describe("status", function () {
    it("reports the chain, the signer and the suite as one JSON document with --json", async function () {
      await loadFixture(tokenFixture);
      const r = await cli(["status", "--json"]);
      expect(r.stderr).to.equal("");
      expect(r.code).to.equal(0);
      const s = JSON.parse(r.stdout) as {
        chainId: string;
        devChain: boolean;
        signer: string;
        settlementToken: { symbol: string; decimals: number };
        contracts: { name: string; code: boolean }[];
      };
      expect(s.chainId).to.equal("31337");
      expect(s.devChain).to.equal(true);
      expect(s.signer.toLowerCase()).to.equal(accounts[0].toLowerCase());
      expect(s.settlementToken).to.include({ symbol: "AYN", decimals: 6 });
      expect(s.contracts.find((c) => c.name === "SettlementToken")?.code).to.equal(true);
    });

    it("picks the signer by --from index on a dev chain", async function () {
      await loadFixture(tokenFixture);
      const r = await cli(["status", "--json", "--from", "3"]);
      expect(r.code).to.equal(0);
      expect((JSON.parse(r.stdout) as { signer: string }).signer.toLowerCase()).to.equal(
        accounts[3].toLowerCase(),
      );
    });

    it("signs with COVENANT_PRIVATE_KEY on a dev chain too, never an unlocked account instead", async function () {
      await loadFixture(tokenFixture);
      const wallet = Wallet.createRandom();
      const r = await cli(["status", "--json"], { COVENANT_PRIVATE_KEY: wallet.privateKey });
      expect(r.stderr).to.equal("");
      expect(r.code).to.equal(0);
      expect((JSON.parse(r.stdout) as { signer: string }).signer).to.equal(wallet.address);
      expect(r.stdout).not.to.include(wallet.privateKey.slice(2));
      const other = await cli(["status", "--json", "--from", "3"], {
        COVENANT_PRIVATE_KEY: wallet.privateKey,
      });
      expectRefused(other, ExitCode.INPUT, /with a key it may only name the address the key must belong to/);
    });

    it("prints a human table by default", async function () {
      await loadFixture(tokenFixture);
      const r = await cli(["status"]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.match(/chain id\s+│ 31337 \(dev chain\)/);
      expect(r.stdout).to.match(/SettlementToken/);
    });

    it("signs with an encrypted keystore on a non-dev chain and never prints the key", async function () {
      await loadFixture(tokenFixture);
      const rpc = await startFakeRpc(1337);
      try {
        const wallet = Wallet.createRandom();
        const file = path.join(work, "key.json");
        fs.writeFileSync(
          file,
          encryptKeystoreJsonSync({ address: wallet.address, privateKey: wallet.privateKey }, "pw", {
            scrypt: { N: 1024 },
          }),
        );
        writeAddressBook({ chainId: 1337, contracts: {}, deployedAt: "" }, dir);
        const r = await runCli(["--rpc", rpc.url, "status", "--json", "--keystore", file], {
          ...env,
          COVENANT_KEYSTORE_PASSWORD: "pw",
        });
        expect(r.stderr).to.equal("");
        expect(r.code).to.equal(0);
        expect((JSON.parse(r.stdout) as { signer: string }).signer).to.equal(wallet.address);
        expect(r.stdout + r.stderr).not.to.include(wallet.privateKey.slice(2));
      } finally {
        await rpc.close();
      }
    });
  });

  describe("bad input (I7: one clear line, non-zero exit, nothing sent)", function () {
    let stateBefore: string;
    const profile = path.join(work, "profile.txt");
    const empty = path.join(work, "empty.txt");
    const apply = (extra: string[]) => [
      "member",
      "apply",
      "--entity-id",
      "91110000100000000X",
      "--name",
      "中国钢研科技集团",
      "--kind",
      "ResearchInstitute",
      "--profile",
      profile,
      ...extra,
    ];

    const cases: [string, () => Promise<CliResult>, ExitCode, RegExp][] = [
      [
        "a private key passed to --from",
        () => cli(["status", "--from", `0x${"ab".repeat(32)}`]),
        ExitCode.INPUT,
        /never a private key/,
      ],
      [
        "an unknown network name",
        () => runCli(["status", "--network", "mainnet-ish"], env),
        ExitCode.INPUT,
        /unknown network/,
      ],
      [
        "the in-process hardhat network",
        () => runCli(["status", "--network", "hardhat"], env),
        ExitCode.INPUT,
        /in-process/,
      ],
      [
        "a non-http RPC URL",
        () => runCli(["status", "--rpc", "ftp://x"], env),
        ExitCode.INPUT,
        /http\(s\) URL/,
      ],
      [
        "both --network and --rpc",
        () => cli(["status", "--network", "localhost"]),
        ExitCode.INPUT,
        /network|rpc/,
      ],
      [
        "an unreachable RPC",
        () => runCli(["status", "--rpc", "http://127.0.0.1:9"], env),
        ExitCode.CHAIN,
        /cannot reach the RPC/,
      ],
      [
        "a chain with no address book (wrong network)",
        () => cli(["status"], { COVENANT_DEPLOYMENTS_DIR: tempDir("nothing") }),
        ExitCode.CHAIN,
        /no Covenant suite is known on chain 31337/,
      ],
      [
        "a malformed address book",
        () => {
          const d = tempDir("bad");
          fs.writeFileSync(path.join(d, "31337.json"), "{ not json");
          return cli(["status"], { COVENANT_DEPLOYMENTS_DIR: d });
        },
        ExitCode.INPUT,
        /malformed address book .*not valid JSON/,
      ],
      [
        "an address book with a bad address",
        () => {
          const d = tempDir("bad");
          fs.writeFileSync(
            path.join(d, "31337.json"),
            JSON.stringify({ chainId: 31337, contracts: { Membership: "0x12" } }),
          );
          return cli(["status"], { COVENANT_DEPLOYMENTS_DIR: d });
        },
        ExitCode.INPUT,
        /malformed address book .*: contracts\.Membership must be an address/,
      ],
      ["an unknown command", () => cli(["membr", "list"]), ExitCode.INPUT, /unknown command/],
      ["an unknown option", () => cli(["status", "--colour"]), ExitCode.INPUT, /unknown option/],
      [
        "--json with --csv",
        () => cli(["status", "--json", "--csv"]),
        ExitCode.INPUT,
        /either --json or --csv/,
      ],
      ["--csv where not offered", () => cli(["status", "--csv"]), ExitCode.INPUT, /--csv is not offered/],
      [
        "an account index beyond the node's",
        () => cli(["status", "--from", "99"]),
        ExitCode.INPUT,
        /only 20 unlocked/,
      ],
      [
        "a --from that is neither index nor address",
        () => cli(["status", "--from", "alice"]),
        ExitCode.INPUT,
        /index or an address/,
      ],
      [
        "the consortium network without its URL",
        () => runCli(["status", "--network", "consortium"], env),
        ExitCode.INPUT,
        /COVENANT_RPC_URL/,
      ],
      [
        "a node whose chain id differs from COVENANT_CHAIN_ID",
        () =>
          runCli(["status", "--network", "consortium"], {
            ...env,
            COVENANT_RPC_URL: url,
            COVENANT_CHAIN_ID: "1",
          }),
        ExitCode.CHAIN,
        /wrong chain: .* reports chain id 31337, expected 1/,
      ],
      [
        "a missing keystore file",
        () =>
          cli(["status", "--keystore", path.join(work, "nope.json")], { COVENANT_KEYSTORE_PASSWORD: "x" }),
        ExitCode.INPUT,
        /cannot read the keystore/,
      ],
      [
        "a keystore without its password",
        () => cli(["status", "--keystore", profile]),
        ExitCode.INPUT,
        /COVENANT_KEYSTORE_PASSWORD/,
      ],
      [
        "a file that is not a keystore",
        () => cli(["status", "--keystore", profile], { COVENANT_KEYSTORE_PASSWORD: "x" }),
        ExitCode.INPUT,
        /cannot decrypt the keystore/,
      ],
      [
        "a suite without Membership in its address book",
        () => cli(["member", "list"]),
        ExitCode.CHAIN,
        /has no Membership in its address book/,
      ],
      [
        "a missing profile file",
        () => cli(apply([]).map((a) => (a === profile ? path.join(work, "missing.txt") : a))),
        ExitCode.INPUT,
        /does not exist/,
      ],
      [
        "an empty profile file",
        () => cli(apply([]).map((a) => (a === profile ? empty : a))),
        ExitCode.INPUT,
        /is empty/,
      ],
      [
        "an unknown member kind",
        () => cli(apply(["--kind", "Alien"])),
        ExitCode.INPUT,
        /unknown kind "Alien"/,
      ],
      [
        "an entity id with spaces",
        () => cli(apply(["--entity-id", "9111 0000"])),
        ExitCode.INPUT,
        /printable ASCII/,
      ],
      [
        "an application without --name",
        () => cli(["member", "apply", "--entity-id", "X1", "--kind", "Other", "--profile", profile]),
        ExitCode.INPUT,
        /--name/,
      ],
      [
        "a profile update from a missing file",
        () => cli(["member", "profile", "--profile", path.join(work, "missing.txt")]),
        ExitCode.INPUT,
        /does not exist/,
      ],
      [
        "an unknown status filter",
        () => cli(["member", "list", "--status", "Sleeping"]),
        ExitCode.INPUT,
        /unknown status/,
      ],
      [
        "a vote that is not for/against/abstain",
        () => cli(["council", "vote", "1", "maybe"]),
        ExitCode.INPUT,
        /for, against or abstain/,
      ],
      [
        "a proposal id that is not a number",
        () => cli(["council", "show", "first"]),
        ExitCode.INPUT,
        /proposal id must be a number/,
      ],
    ];

    // The cases are independent: run them three at a time up front (each is its own process), then
    // check each in its own it().
    const results = new Map<string, CliResult>();
    let stateAfter: string;
    before(async function () {
      this.timeout(600_000);
      await fromTokenFixture();
      fs.writeFileSync(profile, "Profile of 中国钢研科技集团\n");
      fs.writeFileSync(empty, "");
      stateBefore = await chainState(provider, accounts.slice(0, 4));
      const queue = [...cases];
      const worker = async () => {
        for (let c = queue.shift(); c; c = queue.shift()) results.set(c[0], await c[1]());
      };
      await Promise.all([worker(), worker(), worker()]);
      stateAfter = await chainState(provider, accounts.slice(0, 4));
    });

    for (const [what, , code, pattern] of cases) {
      it(`refuses ${what}`, function () {
        expectRefused(results.get(what)!, code, pattern);
      });
    }

    it("refuses a non-dev chain without a key, and a malformed key without echoing it", async function () {
      await loadFixture(tokenFixture);
      const rpc = await startFakeRpc(1337);
      try {
        writeAddressBook({ chainId: 1337, contracts: {}, deployedAt: "" }, dir);
        expectRefused(await runCli(["--rpc", rpc.url, "status"], env), ExitCode.INPUT, /not a dev chain/);
        const r = await runCli(["--rpc", rpc.url, "status"], {
          ...env,
          COVENANT_PRIVATE_KEY: "0xdeadbeefcafe",
        });
        expectRefused(r, ExitCode.INPUT, /COVENANT_PRIVATE_KEY is not a valid private key/);
        expect(r.stderr).not.to.include("deadbeefcafe");
      } finally {
        await rpc.close();
      }
    });

    it("refuses an RPC that does not speak JSON-RPC", async function () {
      await loadFixture(tokenFixture);
      const rpc = await startFakeRpc(1, { html: true });
      try {
        expectRefused(
          await runCli(["--rpc", rpc.url, "status"], env),
          ExitCode.CHAIN,
          /did not answer JSON-RPC/,
        );
      } finally {
        await rpc.close();
      }
    });

    it("prints the stack only with COVENANT_DEBUG=1", async function () {
      await loadFixture(tokenFixture);
      const r = await runCli(["status", "--rpc", "http://127.0.0.1:9"], { ...env, COVENANT_DEBUG: "1" });
      expect(r.code).to.equal(ExitCode.CHAIN);
      expect(r.stderr.split("\n")[0]).to.match(/^error: cannot reach the RPC/);
      expect(r.stderr).to.match(/\n\s+at /);
    });

    it("changed nothing on chain while the refused cases above ran", function () {
      expect(stateAfter).to.equal(stateBefore);
    });
  });

  describe("member and council against Membership + AllianceGovernor (F1, F3, F6)", function () {
    let suite: Record<string, Contract>;
    let suiteEnv: Record<string, string>;
    let profile: string;
    const run = (args: string[], extra: Record<string, string> = {}) =>
      runCli(["--rpc", url, ...args], { ...suiteEnv, ...extra });
    const json = <T>(r: CliResult): T => {
      expect(r.stderr, r.stderr).to.equal("");
      expect(r.code).to.equal(0);
      return JSON.parse(r.stdout) as T;
    };

    before(async function () {
      this.timeout(300_000);
      ({ suite, suiteEnv, profile } = await loadFixture(memberSuiteFixture));
    });

    describe("member list / show", function () {
      it("lists the founders as active members", async function () {
        await loadFixture(memberSuiteFixture);
        const list = json<{ name: string; status: string; kind: string }[]>(
          await run(["member", "list", "--json"]),
        );
        expect(list.map((m) => [m.name, m.status, m.kind])).to.deep.equal([
          ["Founder 0", "Active", "Enterprise"],
          ["Founder 1", "Active", "University"],
        ]);
      });

      it("refuses an unknown member with one line", async function () {
        await loadFixture(memberSuiteFixture);
        expectRefused(
          await run(["member", "show", "Nobody Ltd"]),
          ExitCode.INPUT,
          /no member with address, entity id or name/,
        );
      });
    });

    describe("member apply", function () {
      it("refuses when the signer cannot pay the bond, and sends nothing", async function () {
        await loadFixture(memberSuiteFixture);
        const state = await chainState(provider, [accounts[APPLICANT]]);
        expectRefused(
          await run(applyArgs(profile)),
          ExitCode.INPUT,
          /bond due is 1000\.0 TCNY but .* holds only 0\.0 TCNY/,
        );
        expect(await chainState(provider, [accounts[APPLICANT]])).to.equal(state);
      });

      it("refuses a short allowance without --approve (no allowance), and sends nothing", async function () {
        await loadFixture(memberSuiteFixture);
        await (await suite.token.getFunction("mint").send(accounts[APPLICANT], 1_000_000_000n)).wait();
        const state = await chainState(provider, [accounts[APPLICANT]]);
        expectRefused(
          await run(applyArgs(profile)),
          ExitCode.INPUT,
          /insufficient allowance: .*rerun with --approve/,
        );
        expect(await chainState(provider, [accounts[APPLICANT]])).to.equal(state);
      });

      it("approves the bond and applies with --approve; entity id and profile are SHA-256", async function () {
        await loadFixture(memberSuiteFixture);
        await (await suite.token.getFunction("mint").send(accounts[APPLICANT], 1_000_000_000n)).wait();
        const r = json<{ account: string; entityId: string; profileHash: string; kind: string }>(
          await run(applyArgs(profile, ["--approve", "--json"])),
        );
        expect(r.account).to.equal(getAddress(accounts[APPLICANT]));
        expect(r.entityId).to.equal(sha256(toUtf8Bytes(CODE)));
        expect(r.profileHash).to.equal(sha256(fs.readFileSync(profile)));
        expect(r.kind).to.equal("ResearchInstitute");
      });

      it("refuses a second application with the contract's error in words", async function () {
        await loadFixture(applicantFixture);
        const state = await chainState(provider, [accounts[APPLICANT]]);
        expectRefused(
          await run(applyArgs(profile, ["--approve"])),
          ExitCode.REFUSED,
          /the contract refused: 0x[0-9a-fA-F]{40} is in Applicant standing where one of None or Withdrawn or Expelled is needed/,
        );
        expect(await chainState(provider, [accounts[APPLICANT]])).to.equal(state);
      });

      it("finds the applicant by name, entity id and address, and aligns its Chinese name", async function () {
        await loadFixture(applicantFixture);
        for (const q of [NAME, CODE.toLowerCase(), accounts[APPLICANT]]) {
          const m = json<{ name: string; status: string }>(await run(["member", "show", q, "--json"]));
          expect(m).to.include({ name: NAME, status: "Applicant" });
        }
        const table = await run(["member", "list", "--status", "applicant"]);
        expect(table.code).to.equal(0);
        const lines = table.stdout.trimEnd().split("\n");
        expect(lines.some((l) => l.includes(NAME))).to.equal(true);
        expect(new Set(lines.map((l) => stringWidth(l))).size).to.equal(1);
      });
    });

    describe("council", function () {
      it("refuses a proposal from an account without a seat", async function () {
        await loadFixture(applicantFixture);
        expectRefused(
          await run(["council", "propose-admission", NAME, "--from", "3"]),
          ExitCode.REFUSED,
          /the contract refused: .*has 0 votes; proposing needs at least 1/,
        );
      });

      it("proposes the admission of the applicant", async function () {
        await loadFixture(applicantFixture);
        const r = json<{ proposalId: string; applicant: string }>(
          await run(["council", "propose-admission", NAME, "--from", String(FOUNDERS[0]), "--json"]),
        );
        expect(r.applicant).to.equal(getAddress(accounts[APPLICANT]));
        expect(r.proposalId).to.match(/^\d+$/);
      });

      it("refuses to queue a proposal that is still pending or active", async function () {
        const { proposalId } = await loadFixture(admissionProposedFixture);
        expectRefused(
          await run(["council", "queue", proposalId]),
          ExitCode.REFUSED,
          /is (Pending|Active); this needs it to be Succeeded/,
        );
      });

      it("counts one vote per seat and refuses a second vote", async function () {
        const { proposalId } = await loadFixture(admissionProposedFixture);
        await advance(provider, SUITE_TIMES.votingDelay + 1);
        for (const f of FOUNDERS) {
          const v = json<{ weight: string }>(
            await run(["council", "vote", proposalId, "for", "--from", String(f), "--json"]),
          );
          expect(v.weight).to.equal("1");
        }
        expectRefused(
          await run(["council", "vote", proposalId, "against", "--from", String(FOUNDERS[0])]),
          ExitCode.REFUSED,
          /has already voted on this proposal/,
        );
      });

      it("queues after the deadline, refuses to execute early, then executes", async function () {
        const { proposalId } = await loadFixture(admissionVotedFixture);
        await advance(provider, SUITE_TIMES.votingPeriod + 1);
        const q = json<{ state: string }>(await run(["council", "queue", proposalId, "--json"]));
        expect(q.state).to.equal("Queued");
        expectRefused(
          await run(["council", "execute", proposalId]),
          ExitCode.REFUSED,
          /the contract refused: timelock operation .* is not Ready/,
        );
        await advance(provider, SUITE_TIMES.timelockDelay + 1);
        const e = json<{ state: string }>(await run(["council", "execute", proposalId, "--json"]));
        expect(e.state).to.equal("Executed");
        const m = json<{ status: string }>(await run(["member", "show", NAME, "--json"]));
        expect(m.status).to.equal("Active");
      });

      it("shows the proposal with its decoded action and votes", async function () {
        const { proposalId } = await loadFixture(admittedFixture);
        const p = json<{ state: string; votes: { for: string }; actions: string[] }>(
          await run(["council", "show", proposalId, "--json"]),
        );
        expect(p.state).to.equal("Executed");
        expect(p.votes.for).to.equal("2");
        expect(p.actions).to.deep.equal([`Membership.admit(applicant=${getAddress(accounts[APPLICANT])})`]);
      });

      it("refuses an unknown proposal id", async function () {
        await loadFixture(admittedFixture);
        expectRefused(await run(["council", "show", "12345"]), ExitCode.INPUT, /no proposal with id 12345/);
      });
    });

    describe("member profile / cancel", function () {
      it("replaces the signer's profile hash", async function () {
        await loadFixture(admittedFixture);
        const next = path.join(work, "csteel-profile-2.txt");
        fs.writeFileSync(next, "中国钢研科技集团有限公司 — 2027 profile\n");
        json(await run(["member", "profile", "--profile", next, "--from", String(APPLICANT), "--json"]));
        const m = json<{ profileHash: string }>(await run(["member", "show", NAME, "--json"]));
        expect(m.profileHash).to.equal(sha256(fs.readFileSync(next)));
      });

      it("refuses to cancel an application that is not pending", async function () {
        await loadFixture(admittedFixture);
        expectRefused(
          await run(["member", "cancel", "--from", String(APPLICANT)]),
          ExitCode.REFUSED,
          /is in Active standing where one of Applicant is needed/,
        );
      });
    });

    describe("member notice / withdraw", function () {
      it("refuses notice from a non-member", async function () {
        await loadFixture(admittedFixture);
        expectRefused(
          await run(["member", "notice", "--from", "4"]),
          ExitCode.REFUSED,
          /is in None standing where one of Active is needed/,
        );
      });

      it("gives notice, refuses withdrawal inside the notice period, then withdraws", async function () {
        await loadFixture(admittedFixture);
        const n = json<{ earliestWithdrawal: string }>(
          await run(["member", "notice", "--from", String(APPLICANT), "--json"]),
        );
        expect(n.earliestWithdrawal).to.match(/^\d{4}-\d\d-\d\dT/);
        expectRefused(
          await run(["member", "withdraw", "--from", String(APPLICANT)]),
          ExitCode.REFUSED,
          /the withdrawal notice period has not run out yet \(member 0x[0-9a-fA-F]{40}, earliest \d{4}-/,
        );
        await advance(provider, SUITE_TIMES.noticePeriod + 1);
        json(await run(["member", "withdraw", "--from", String(APPLICANT), "--json"]));
        const m = json<{ status: string }>(await run(["member", "show", accounts[APPLICANT], "--json"]));
        expect(m.status).to.equal("Withdrawn");
      });
    });

    it("refuses a stale address book (no code at Membership's address) as a chain problem", async function () {
      await loadFixture(admittedFixture);
      const d = tempDir("stale");
      writeAddressBook({ chainId: 31337, contracts: { Membership: accounts[5] }, deployedAt: "" }, d);
      expectRefused(
        await runCli(["--rpc", url, "member", "list"], { COVENANT_DEPLOYMENTS_DIR: d }),
        ExitCode.CHAIN,
        /no contract code for Membership .*stale address book/,
      );
    });
  });

  describe("sdk: CovenantClient.send", function () {
    it("simulates first: a revert is decoded into words and nothing is sent", async function () {
      await loadFixture(tokenFixture);
      const client = await connect({ rpc: url, deploymentsDir: dir, from: "1", provider: eip1193 });
      try {
        const t = await client.writable(client.token());
        const nonce = await provider.getTransactionCount(accounts[1]);
        let err: unknown;
        try {
          await client.send(t.transferFrom, [accounts[0], accounts[1], 5n]);
        } catch (e) {
          err = e;
        }
        expect(err).to.be.instanceOf(CovenantError);
        expect((err as CovenantError).message).to.match(
          /insufficient allowance: .* may spend 0 of your tokens but needs 5/,
        );
        expect((err as CovenantError).kind).to.equal("refused");
        expect(await provider.getTransactionCount(accounts[1])).to.equal(nonce);
      } finally {
        client.provider.destroy();
      }
    });

    it("sends after a passing simulation and decodes the events", async function () {
      await loadFixture(tokenFixture);
      const client = await connect({ rpc: url, deploymentsDir: dir, provider: eip1193 });
      try {
        const t = await client.writable(client.testToken());
        const r = await client.send(t.mint, [accounts[2], 7n]);
        expect(r.events.map((e) => e.name)).to.deep.equal(["Transfer"]);
        expect(r.events[0].args.value).to.equal(7n);
      } finally {
        client.provider.destroy();
      }
    });
  });

  describe("errors: custom error decoding", function () {
    const coder = AbiCoder.defaultAbiCoder();
    const sel = (sig: string) => id(sig).slice(0, 10);

    it("words the common OpenZeppelin and Membership errors", function () {
      const data =
        sel("GovernorUnexpectedProposalState(uint256,uint8,bytes32)") +
        coder.encode(["uint256", "uint8", "bytes32"], [7, 1, `0x${"0".repeat(62)}10`]).slice(2);
      expect(decodeRevert(data)).to.equal("proposal 7 is Active; this needs it to be Succeeded");
      const m =
        sel("MembershipUnexpectedStatus(address,uint8,uint256)") +
        coder.encode(["address", "uint8", "uint256"], [`0x${"11".repeat(20)}`, 1, 4]).slice(2);
      expect(decodeRevert(m)).to.match(/is in Applicant standing where one of Active is needed$/);
    });

    it("renders an error without a message of its own as Name(arg=value)", function () {
      const data = new Interface(["error GovernorInvalidVoteParams()"]).encodeErrorResult(
        "GovernorInvalidVoteParams",
        [],
      );
      expect(decodeRevert(data)).to.equal("GovernorInvalidVoteParams()");
      const t = new Interface(["error TreasuryNoSuchThing(uint256 amount)"]).encodeErrorResult(
        "TreasuryNoSuchThing",
        [3],
      );
      expect(decodeRevert(t)).to.match(/^unknown custom error 0x/);
    });
  });

  describe("output and address book", function () {
    it("aligns Chinese names in tables by display width", function () {
      let text = "";
      const out = new Output("table", { write: (s: string) => ((text += s), true) } as never);
      out.rows(
        ["name", "kind"],
        [
          ["中国钢研科技集团", "ResearchInstitute"],
          ["BAIC 北汽", "Enterprise"],
        ],
      );
      const widths = new Set(
        text
          .trimEnd()
          .split("\n")
          .map((l) => stringWidth(l)),
      );
      expect(widths.size).to.equal(1);
    });

    it("writes CSV with a header line", function () {
      let text = "";
      const out = new Output("csv", { write: (s: string) => ((text += s), true) } as never);
      out.rows(["name", "n"], [["中国钢研科技集团, 北京", 1n]]);
      expect(text).to.equal('name,n\n"中国钢研科技集团, 北京",1\n');
    });

    it("reads back the address book it wrote", function () {
      const d = tempDir("book");
      writeAddressBook({ chainId: 5, contracts: { Treasury: `0x${"ab".repeat(20)}` }, deployedAt: "t" }, d);
      expect(readAddressBook(5, d).contracts.Treasury).to.equal("0xABaBaBaBABabABabAbAbABAbABabababaBaBABaB");
    });

    it("hashes the entity id with SHA-256 of the trimmed upper-case code", function () {
      expect(entityIdHash(" 91110000100000000x ")).to.equal(entityIdHash("91110000100000000X"));
      expect(entityIdHash("ABC")).to.equal(
        "0xb5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78",
      );
    });
  });
});
