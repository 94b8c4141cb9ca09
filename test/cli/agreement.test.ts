import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress, type JsonRpcApiProvider } from "ethers";
import {
  clausesOfTerms,
  parseAgreementKind,
  parseRemedyList,
  parseTerms,
} from "../../src/sdk/agreementInput";
import { parseSignatureFile, SIGNATURE_FILE_TYPE } from "../../src/present/signatureFile";
import { ExitCode } from "../../src/cli/exitCodes";
import { termsHash } from "../../src/sdk/terms";
import {
  chainState,
  FOUNDER_NAMES,
  FULL_SUITE_ACCOUNTS as A,
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

const CHARTER_TERMS = fs.readFileSync(
  path.join(__dirname, "..", "..", "docs", "examples", "charter.terms.json"),
  "utf8",
);

describe("agreement SDK helpers (in-process)", function () {
  it("parses kinds case-insensitively and refuses unknown ones", function () {
    expect(parseAgreementKind("charter")).to.equal(0);
    expect(parseAgreementKind("LICENSE")).to.equal(2);
    expect(() => parseAgreementKind("lease")).to.throw(/unknown agreement kind "lease"/);
  });

  it("hashes a terms file as SHA-256 of its RFC 8785 form, whatever its formatting", function () {
    const pretty = parseTerms(CHARTER_TERMS, "a.json");
    const compact = parseTerms(JSON.stringify(JSON.parse(CHARTER_TERMS)), "b.json");
    expect(pretty.hash)
      .to.equal(compact.hash)
      .and.to.equal(termsHash(JSON.parse(CHARTER_TERMS)));
    expect(() => parseTerms("{", "c.json")).to.throw(/not valid JSON/);
    expect(() => parseTerms("[1]", "d.json")).to.throw(/JSON object/);
  });

  it("takes the clauses from the penalty schedule and names a malformed clause", function () {
    const { terms } = parseTerms(CHARTER_TERMS, "t.json");
    expect(clausesOfTerms(terms, "t.json").map((c) => c.remedies)).to.deep.equal([9n, 1n, 25n]);
    const bad = (schedule: unknown) =>
      clausesOfTerms(
        { schema: "x", kind: "Project", liability: { penaltySchedule: schedule as never } },
        "t.json",
      );
    expect(() => bad([{ id: "1", damagesCap: "5", remedies: ["FINE"] }])).to.throw(/unknown remedy "FINE"/);
    expect(() => bad([{ id: "1", damagesCap: 5, remedies: ["DAMAGES"] }])).to.throw(
      /damagesCap must be a decimal string/,
    );
    expect(() =>
      bad([
        { id: "1", damagesCap: "5", remedies: ["DAMAGES"] },
        { id: "1", damagesCap: "5", remedies: ["DAMAGES"] },
      ]),
    ).to.throw(/appears twice/);
  });

  it("reads remedy lists typed by people", function () {
    expect(parseRemedyList("damages,membership-suspension")).to.equal(9n);
    expect(parseRemedyList("EXPULSION_PROPOSAL")).to.equal(16n);
    expect(() => parseRemedyList("prison")).to.throw(/unknown remedy "prison"/);
  });

  it("checks the shape of a signature file field by field", function () {
    const good = {
      type: SIGNATURE_FILE_TYPE,
      action: "sign",
      chainId: "31337",
      registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      agreementId: "1",
      documentHash: "0x" + "11".repeat(32),
      termsHash: "0x" + "22".repeat(32),
      version: 1,
      signer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      deadline: "1800000000",
      signature: "0x" + "ab".repeat(65),
    };
    expect(parseSignatureFile(JSON.stringify(good), "s.json").agreementId).to.equal("1");
    expect(() => parseSignatureFile("nope", "s.json")).to.throw(
      /malformed signature file s.json: not valid JSON/,
    );
    expect(() => parseSignatureFile(JSON.stringify({ ...good, signer: "bob" }), "s.json")).to.throw(
      /signer must be an address/,
    );
    expect(() => parseSignatureFile(JSON.stringify({ ...good, documentHash: "0x12" }), "s.json")).to.throw(
      /documentHash/,
    );
    expect(() => parseSignatureFile(JSON.stringify({ ...good, action: "steal" }), "s.json")).to.throw(
      /action/,
    );
  });
});

const work = tempDir("agreements");
const file = (name: string) => path.join(work, name);

/** Fixture: on {@link fullSuiteFixture}, the charter's files written and charter 1 created by the secretariat (Pending). */
async function charterDraftedFixture() {
  const f = await loadFixture(fullSuiteFixture);
  await f.ok(A.secretariat, ...createCharterArgs(f.accounts));
  return f;
}

/** Writes the charter's files (the true ones, a tampered document, changed terms) once. */
function writeCharterFiles(): void {
  fs.writeFileSync(
    file("charter.md"),
    "钢铁材料与汽车轻量化产业技术创新战略联盟 协议书\nAlliance charter, Chinese text prevails.\n",
  );
  fs.writeFileSync(file("charter.terms.json"), CHARTER_TERMS);
  const tampered = Buffer.from(fs.readFileSync(file("charter.md")));
  tampered[tampered.length - 2] ^= 1;
  fs.writeFileSync(file("charter-tampered.md"), tampered);
  const changed = JSON.parse(CHARTER_TERMS) as { parameters: Record<string, unknown> };
  changed.parameters.quorumBps = 5100;
  fs.writeFileSync(file("charter-changed.terms.json"), JSON.stringify(changed, null, 2));
}
writeCharterFiles();

/** `agreement create` of the first charter, listing the four founders. */
function createCharterArgs(accounts: string[]): string[] {
  const founder = (i: number) => getAddress(accounts[A.founders[i]]);
  return [
    "--json",
    "agreement",
    "create",
    "--kind",
    "charter",
    "--document",
    file("charter.md"),
    "--terms",
    file("charter.terms.json"),
    "--party",
    FOUNDER_NAMES[0],
    "--party",
    founder(1),
    "--party",
    FOUNDER_NAMES[2],
    // B1: a first charter lists exactly the members (the four founders).
    "--party",
    founder(3),
  ];
}

/** Fixture: on {@link charterDraftedFixture}, founder 0 has signed directly. */
async function signedOnceFixture() {
  const f = await loadFixture(charterDraftedFixture);
  await f.ok(
    A.founders[0],
    "agreement",
    "sign",
    "1",
    "--document",
    file("charter.md"),
    "--terms",
    file("charter.terms.json"),
  );
  return f;
}

/** The signature file of founder 1 that {@link relayedFixture} writes and relays. */
const RELAYED_SIGNATURE = file("relayed-sig-f1.json");

/** Fixture: on {@link signedOnceFixture}, founder 1's offline signature ({@link RELAYED_SIGNATURE}) relayed by a stranger. */
async function relayedFixture() {
  const f = await loadFixture(signedOnceFixture);
  const sig = RELAYED_SIGNATURE;
  await f.ok(
    A.founders[1],
    "agreement",
    "sign",
    "1",
    "--document",
    file("charter.md"),
    "--offline",
    "--out",
    sig,
  );
  await f.ok(A.stranger, "agreement", "submit", sig);
  return f;
}

/** Fixture: on {@link relayedFixture}, founders 2 and 3 have signed: charter 1 is in force. */
async function charterInForceFixture() {
  const f = await loadFixture(relayedFixture);
  await f.ok(A.founders[2], "agreement", "sign", "1", "--document", file("charter.md"));
  await f.ok(A.founders[3], "agreement", "sign", "1", "--document", file("charter.md"));
  return f;
}

/** Fixture: on {@link charterInForceFixture}, founder 0 has created project agreement 2 with founder 1. */
async function projectAgreementFixture() {
  const f = await loadFixture(charterInForceFixture);
  await f.ok(A.founders[0], ...createProjectArgs(f.accounts));
  return f;
}

/** Writes the project agreement's files and returns `agreement create` of it by founders 0 and 1. */
function createProjectArgs(accounts: string[]): string[] {
  fs.writeFileSync(file("project.md"), "联合研发项目协议 — joint R&D project agreement\n");
  fs.writeFileSync(
    file("project.terms.json"),
    JSON.stringify({
      schema: "covenant/project-terms/v1",
      kind: "Project",
      liability: { penaltySchedule: [{ id: "4.2", damagesCap: "500000000", remedies: ["DAMAGES"] }] },
    }),
  );
  return [
    "agreement",
    "create",
    "--kind",
    "Project",
    "--document",
    file("project.md"),
    "--terms",
    file("project.terms.json"),
    "--party",
    getAddress(accounts[A.founders[0]]),
    "--party",
    getAddress(accounts[A.founders[1]]),
  ];
}

/**
 * Every `it` starts from a fixture (`loadFixture`): the deployed suite or a later step of the
 * charter (drafted, signed once, relayed, in force, a project agreement added); each passes alone
 * and in any order.
 */
describe("covenant agreement (members and legal teams)", function () {
  let provider: JsonRpcApiProvider;
  let accounts: string[];
  let env: Record<string, string>;
  let rpc: string[];
  const founder = (i: number) => getAddress(accounts[A.founders[i]]);
  const cli = (from: number, ...args: string[]) => runCli([...rpc, "--from", String(from), ...args], env);
  /** Runs a command that must be refused and checks that no block was mined and no nonce moved. */
  async function refused(args: string[], code: ExitCode, pattern: RegExp, from = A.stranger): Promise<void> {
    const before = await chainState(provider, accounts.slice(0, 12));
    expectRefused(await cli(from, ...args), code, pattern);
    expect(await chainState(provider, accounts.slice(0, 12))).to.equal(before);
  }

  before(async function () {
    this.timeout(300_000);
    const f = await loadFixture(charterDraftedFixture);
    ({ provider, accounts, env } = f);
    rpc = ["--rpc", f.url];
  });

  describe("create, sign, submit, accede", function () {
    it("creates the charter by the secretariat with the terms' parameters and penalty schedule", async function () {
      await loadFixture(fullSuiteFixture); // the charter's files stay; charter 1 is not created yet
      const r = ok(await cli(A.secretariat, ...createCharterArgs(accounts)));
      const out = JSON.parse(r.stdout) as {
        agreementId: string;
        clauses: number;
        parties: string[];
        termsHash: string;
      };
      expect(out.agreementId).to.equal("1");
      expect(out.clauses).to.equal(3);
      expect(out.parties).to.deep.equal([founder(0), founder(1), founder(2), founder(3)]);
      expect(out.termsHash).to.equal(termsHash(JSON.parse(CHARTER_TERMS)));
    });

    it("refuses (exit 1, nothing sent) to sign when one byte of the document differs from the chain", async function () {
      await loadFixture(charterDraftedFixture);
      await refused(
        ["agreement", "sign", "1", "--document", file("charter-tampered.md")],
        ExitCode.CHECK,
        /refusing to sign agreement 1: the document .* has SHA-256 0x[0-9a-f]{64}, the chain binds 0x[0-9a-f]{64}; nothing was sent/,
        A.founders[0],
      );
    });

    it("signs directly after checking the document and the terms", async function () {
      await loadFixture(charterDraftedFixture);
      const r = ok(
        await cli(
          A.founders[0],
          "agreement",
          "sign",
          "1",
          "--document",
          file("charter.md"),
          "--terms",
          file("charter.terms.json"),
        ),
      );
      expect(r.stdout).to.match(/signed agreement 1; 1\/4 signed, Pending/);
    });

    it("writes an offline EIP-712 signature that a stranger relays", async function () {
      await loadFixture(signedOnceFixture);
      const out = file("sig-f1.json");
      ok(
        await cli(
          A.founders[1],
          "agreement",
          "sign",
          "1",
          "--document",
          file("charter.md"),
          "--offline",
          "--out",
          out,
        ),
      );
      const sig = JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, unknown>;
      expect(sig).to.include({
        type: SIGNATURE_FILE_TYPE,
        action: "sign",
        chainId: "31337",
        agreementId: "1",
        version: 1,
        signer: founder(1),
      });
      expect(sig.signature).to.match(/^0x[0-9a-f]{130}$/);
      const r = ok(await cli(A.stranger, "agreement", "submit", out));
      expect(r.stdout).to.match(/submitted \(EIP712\)/);
    });

    it("refuses to relay the same signature twice (decoded custom error, nothing sent)", async function () {
      await loadFixture(relayedFixture);
      await refused(
        ["agreement", "submit", RELAYED_SIGNATURE],
        ExitCode.REFUSED,
        /the contract refused: 0x[0-9a-fA-F]{40} already signed \d+ \(a signature counts once, S3\)/,
      );
    });

    it("the last signature makes the charter Effective", async function () {
      await loadFixture(relayedFixture);
      ok(await cli(A.founders[2], "agreement", "sign", "1", "--document", file("charter.md")));
      const r = ok(
        await cli(A.founders[3], "--json", "agreement", "sign", "1", "--document", file("charter.md")),
      );
      expect(JSON.parse(r.stdout)).to.include({ status: "Effective", signedCount: 4, partyCount: 4 });
    });

    it("refuses the accession of a member already bound by the charter in force (decoded custom error, nothing sent)", async function () {
      await loadFixture(charterInForceFixture);
      await refused(
        ["agreement", "accede", "--document", file("charter.md")],
        ExitCode.REFUSED,
        /0x[0-9a-fA-F]{4}.* already signed 1 .*already bound by its line/,
        A.founders[3],
      );
    });
  });

  describe("project agreements", function () {
    it("a party creates a project agreement with the clauses of its terms' penalty schedule", async function () {
      await loadFixture(charterInForceFixture);
      const r = ok(await cli(A.founders[0], ...createProjectArgs(accounts)));
      expect(r.stdout).to.match(/^agreement 2 created \(Project, 2 parties, 1 clauses\)/);
    });
  });

  describe("show, list", function () {
    it("shows the agreement with parties, methods and the penalty schedule", async function () {
      await loadFixture(projectAgreementFixture);
      const r = ok(await cli(0, "agreement", "show", "1"));
      expect(r.stdout).to.match(/Effective \(charter in force\)/);
      expect(r.stdout).to.include(FOUNDER_NAMES[1]);
      expect(r.stdout).to.match(/EIP712/);
      expect(r.stdout).to.match(
        /7\.1\s+│ 10000000000\s+│ DAMAGES, MEMBERSHIP_SUSPENSION, EXPULSION_PROPOSAL/,
      );
    });

    it("lists the agreements of one party as JSON", async function () {
      await loadFixture(projectAgreementFixture);
      const r = ok(await cli(0, "--json", "agreement", "list", "--party", FOUNDER_NAMES[0]));
      const list = JSON.parse(r.stdout) as { id: string; kind: string; inForce: boolean }[];
      expect(list.map((a) => a.id)).to.deep.equal(["2", "1"]);
      expect(list[1]).to.include({ id: "1", kind: "Charter", inForce: true });
    });
  });

  describe("verify (legal teams)", function () {
    it("exits 0 on the true files and lists parties, acceders and the version chain", async function () {
      await loadFixture(projectAgreementFixture);
      const r = ok(
        await cli(
          0,
          "--json",
          "agreement",
          "verify",
          "1",
          "--document",
          file("charter.md"),
          "--terms",
          file("charter.terms.json"),
        ),
      );
      const v = JSON.parse(r.stdout) as {
        ok: boolean;
        mismatches: unknown[];
        parties: { name: string; method: string; block: number; timestamp: number }[];
        acceders: { name: string }[];
        versions: { id: string; version: number }[];
      };
      expect(v.ok).to.equal(true);
      expect(v.mismatches).to.deep.equal([]);
      expect(v.parties.map((p) => p.name)).to.deep.equal(FOUNDER_NAMES.slice(0, 4));
      expect(v.parties.map((p) => p.method)).to.deep.equal(["Direct", "EIP712", "Direct", "Direct"]);
      expect(v.parties.every((p) => p.block > 0 && p.timestamp > 0)).to.equal(true);
      expect(v.acceders.map((p) => p.name)).to.deep.equal([]);
      expect(v.versions.map((x) => [x.id, x.version])).to.deep.equal([["1", 1]]);
    });

    it("exits 1 naming exactly documentHash after one byte of the document changes", async function () {
      await loadFixture(projectAgreementFixture);
      const r = await cli(
        0,
        "--json",
        "agreement",
        "verify",
        "1",
        "--document",
        file("charter-tampered.md"),
        "--terms",
        file("charter.terms.json"),
      );
      expect(r.code).to.equal(1);
      const v = JSON.parse(r.stdout) as { ok: boolean; mismatches: { field: string }[] };
      expect(v.ok).to.equal(false);
      expect(v.mismatches.map((m) => m.field)).to.deep.equal(["documentHash"]);
      expect(r.stderr.trim()).to.equal("error: agreement 1 does not match: documentHash");
    });

    it("exits 1 naming termsHash and parameters.quorumBps after one term changes (human table)", async function () {
      await loadFixture(projectAgreementFixture);
      const r = await cli(
        0,
        "agreement",
        "verify",
        "1",
        "--document",
        file("charter.md"),
        "--terms",
        file("charter-changed.terms.json"),
      );
      expect(r.code).to.equal(1);
      expect(r.stdout).to.match(/2 difference\(s\)/);
      expect(r.stdout).to.match(/parameters\.quorumBps\s+│ 5000\s+│ 5100/);
      expect(r.stderr.trim()).to.equal("error: agreement 1 does not match: termsHash, parameters.quorumBps");
    });
  });

  describe("bad input: one error line, non-zero exit, nothing sent", function () {
    it("a missing document file", async function () {
      await loadFixture(projectAgreementFixture);
      await refused(
        [
          "agreement",
          "create",
          "--kind",
          "project",
          "--document",
          file("nope.md"),
          "--terms",
          file("charter.terms.json"),
          "--party",
          founder(0),
        ],
        ExitCode.INPUT,
        /the document .*nope\.md does not exist/,
      );
    });

    it("an unknown agreement kind", async function () {
      await loadFixture(projectAgreementFixture);
      await refused(
        [
          "agreement",
          "create",
          "--kind",
          "lease",
          "--document",
          file("charter.md"),
          "--terms",
          file("charter.terms.json"),
          "--party",
          founder(0),
        ],
        ExitCode.INPUT,
        /unknown agreement kind "lease"/,
      );
    });

    it("a charter drafted by someone without the SECRETARIAT role (refused in simulation)", async function () {
      await loadFixture(projectAgreementFixture);
      await refused(
        [
          "agreement",
          "create",
          "--kind",
          "charter",
          "--document",
          file("charter.md"),
          "--terms",
          file("charter.terms.json"),
          "--party",
          founder(0),
        ],
        ExitCode.REFUSED,
        /the contract refused: account 0x[0-9a-fA-F]{40} is not allowed to do this/,
        A.founders[0],
      );
    });

    it("an unknown agreement id", async function () {
      await loadFixture(projectAgreementFixture);
      await refused(
        ["agreement", "verify", "99", "--document", file("charter.md")],
        ExitCode.INPUT,
        /no agreement 99 \(there are 2\)/,
      );
    });

    it("--offline without --out", async function () {
      await loadFixture(projectAgreementFixture);
      await refused(
        ["agreement", "sign", "1", "--document", file("charter.md"), "--offline"],
        ExitCode.INPUT,
        /--offline needs --out/,
      );
    });

    it("a malformed signature file", async function () {
      await loadFixture(projectAgreementFixture);
      fs.writeFileSync(file("broken.json"), '{"type": "covenant/agreement-signature/v1", "action": "sign"');
      await refused(
        ["agreement", "submit", file("broken.json")],
        ExitCode.INPUT,
        /malformed signature file .*broken\.json: not valid JSON/,
      );
    });

    it("a signature file for another chain", async function () {
      await loadFixture(projectAgreementFixture);
      const sig = JSON.parse(fs.readFileSync(RELAYED_SIGNATURE, "utf8")) as Record<string, unknown>;
      fs.writeFileSync(file("sig-chain.json"), JSON.stringify({ ...sig, chainId: "1" }));
      await refused(
        ["agreement", "submit", file("sig-chain.json")],
        ExitCode.INPUT,
        /is for chain 1, but this node is chain 31337/,
      );
    });

    it("a signature file past its deadline", async function () {
      await loadFixture(projectAgreementFixture);
      const sig = JSON.parse(fs.readFileSync(RELAYED_SIGNATURE, "utf8")) as Record<string, unknown>;
      fs.writeFileSync(file("sig-expired.json"), JSON.stringify({ ...sig, deadline: "1000000000" }));
      await refused(
        ["agreement", "submit", file("sig-expired.json")],
        ExitCode.INPUT,
        /expired at 2001-09-09T01:46:40Z/,
      );
    });

    it("a signer that is not a party", async function () {
      await loadFixture(projectAgreementFixture);
      await refused(
        ["agreement", "sign", "2", "--document", file("project.md")],
        ExitCode.REFUSED,
        /the contract refused: 0x[0-9a-fA-F]{40} is not a party to 2$/,
      );
    });
  });
});
