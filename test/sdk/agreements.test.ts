import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AgreementRegistry } from "../../typechain-types";
import { sha256Hex } from "../../src/sdk/hash";
import { sha256File } from "../../src/node/files";
import {
  CHARTER_PARAM_FIELDS,
  bitsToRemedies,
  canonicalJson,
  charterParamsFromJson,
  charterParamsToJson,
  clauseIdToText,
  clausesFromJson,
  remediesToBits,
  termsHash,
  type CharterParamsJson,
  type CharterTerms,
} from "../../src/sdk/terms";
import {
  AGREEMENT_SIGNATURE_TYPES,
  AGREEMENTS_DOMAIN_NAME,
  agreementsDomain,
  signAgreement,
} from "../../src/sdk/eip712";
import { verifyAgreement } from "../../src/sdk/verify";

const CHARTER_TERMS = JSON.parse(readFileSync("docs/examples/charter.terms.json", "utf8")) as CharterTerms;
const CHARTER_DOC = new TextEncoder().encode(
  "产业技术创新战略联盟协议\n第八章 违约责任\n第7.1条 保密义务：违反者承担违约金。\n",
);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

async function fixture() {
  const [admin, secretariat, alice, bob, carol] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const membership = await ethers.deployContract("AgreementsMembershipProbe");
  const params = charterParamsFromJson(CHARTER_TERMS.parameters);
  const registry = (await ethers.deployContract("AgreementRegistry", [
    await manager.getAddress(),
    params,
  ])) as unknown as AgreementRegistry;
  await registry.bindMembership(await membership.getAddress());
  // The charter's parties are the members (B1): alice, bob and carol are active.
  for (const m of [alice, bob, carol]) await membership.setMember(m.address, 0, 2);
  await manager.setTargetFunctionRole(
    await registry.getAddress(),
    [registry.interface.getFunction("createCharter").selector],
    2n,
  );
  await manager.grantRole(2n, secretariat.address, 0);
  await registry.connect(secretariat).createCharter(
    {
      kind: 0,
      parentId: 0n,
      documentHash: sha256Hex(CHARTER_DOC),
      termsHash: termsHash(CHARTER_TERMS),
      uri: "ipfs://charter-v1",
      parties: [alice.address, bob.address, carol.address],
      clauses: clausesFromJson(CHARTER_TERMS.liability.penaltySchedule),
    },
    params,
  );
  const deadline = BigInt((await time.latest()) + 3600);
  await registry.connect(alice).sign(1n, sha256Hex(CHARTER_DOC), termsHash(CHARTER_TERMS));
  const { signature } = await signAgreement(bob, registry, 1n, deadline);
  await registry.signWithSignature(
    1n,
    sha256Hex(CHARTER_DOC),
    termsHash(CHARTER_TERMS),
    bob.address,
    deadline,
    signature,
  );
  return { registry, alice, bob, carol, params };
}

describe("sdk/agreements", function () {
  describe("sha256Hex / sha256File", function () {
    it("hashes UTF-8 Chinese text exactly as sha256sum does", async function () {
      const text =
        "中国钢研科技集团有限公司与汽车企业共建联合实验室，技术人员按研发、中试、产业化 4:4:2 分配收益。\n";
      const file = path.join(mkdtempSync(path.join(tmpdir(), "covenant-")), "协议.txt");
      writeFileSync(file, text, "utf8");
      const expected = "0x" + execFileSync("sha256sum", [file], { encoding: "utf8" }).split(" ")[0];
      expect(sha256Hex(text)).to.equal(expected);
      expect(sha256Hex(new TextEncoder().encode(text))).to.equal(expected);
      expect(await sha256File(file)).to.equal(expected);
    });

    it("hashes the empty input to the well-known SHA-256 value", function () {
      expect(sha256Hex("")).to.equal("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    });
  });

  describe("canonicalJson / termsHash", function () {
    it("follows RFC 8785: sorted keys, no whitespace, shortest numbers, literal UTF-8", function () {
      const json = { b: [1.0, 1e21, "中文"], a: { z: true, y: null }, "\u20ac": 0.5 };
      expect(canonicalJson(json)).to.equal('{"a":{"y":null,"z":true},"b":[1,1e+21,"中文"],"€":0.5}');
    });

    it("gives the same hash for the same terms however the JSON text is formatted", function () {
      const compact = JSON.stringify(CHARTER_TERMS);
      const pretty = JSON.stringify(CHARTER_TERMS, null, 4);
      expect(termsHash(compact)).to.equal(termsHash(pretty));
      expect(termsHash(pretty)).to.equal(termsHash(CHARTER_TERMS));
      expect(termsHash(CHARTER_TERMS)).to.equal(sha256Hex(canonicalJson(CHARTER_TERMS)));
    });

    it("rejects values JSON cannot carry", function () {
      expect(() => canonicalJson(Number.NaN)).to.throw();
      expect(() => canonicalJson(undefined)).to.throw("cannot be canonicalised");
    });
  });

  describe("charter parameters", function () {
    it("carries every CharterParams field of the contract by the same name", async function () {
      const { registry } = await loadFixture(fixture);
      const onChain = await registry.charterParams();
      const names = CHARTER_PARAM_FIELDS.map(([n]) => n);
      expect(names).to.deep.equal(Object.keys((onChain as unknown as { toObject(): object }).toObject()));
      expect(Object.keys(CHARTER_TERMS.parameters).sort()).to.deep.equal([...names].sort());
    });

    it("round-trips between JSON and the struct, amounts as decimal strings", function () {
      const struct = charterParamsFromJson(CHARTER_TERMS.parameters);
      expect(struct.bondAmount).to.equal(10_000_000_000n);
      expect(charterParamsToJson(struct)).to.deep.equal(CHARTER_TERMS.parameters);
    });

    it("rejects a missing or malformed field", function () {
      const p = clone(CHARTER_TERMS.parameters) as unknown as Record<string, unknown>;
      for (const [field, value, message] of [
        ["bondAmount", 10, "decimal string"],
        ["maxMembers", "100", "non-negative integer"],
        ["maxMembers", -1, "non-negative integer"],
        ["transfersToNonMembers", 0, "boolean"],
        ["amendmentRule", 1, "one of MemberSignatures, CouncilVote"],
        ["amendmentRule", "Unanimity", "one of MemberSignatures, CouncilVote"],
      ] as const) {
        expect(() =>
          charterParamsFromJson({ ...p, [field]: value } as unknown as CharterParamsJson),
        ).to.throw(`parameters.${field}: expected ${message.startsWith("one of") ? "" : "a "}${message}`);
      }
    });
  });

  describe("penalty schedule", function () {
    it("maps remedy names to the contract's bit flags and back", function () {
      expect(remediesToBits(["DAMAGES", "EXPULSION_PROPOSAL"])).to.equal(17n);
      expect(bitsToRemedies(31)).to.deep.equal([
        "DAMAGES",
        "LICENSE_SUSPENSION",
        "LICENSE_REVOCATION",
        "MEMBERSHIP_SUSPENSION",
        "EXPULSION_PROPOSAL",
      ]);
      expect(bitsToRemedies(32)).to.deep.equal(["BIT5"]);
      expect(() => remediesToBits(["FINE" as never])).to.throw("unknown remedy FINE");
      const [c] = clausesFromJson([{ id: "7.1", damagesCap: "5", remedies: ["DAMAGES"] }]);
      expect(clauseIdToText(c.clauseId)).to.equal("7.1");
      expect(clauseIdToText(ethers.keccak256("0x01"))).to.equal(ethers.keccak256("0x01"));
    });
  });

  describe("eip712", function () {
    it("reads the domain from eip712Domain() and signs what ethers verifies", async function () {
      const { registry, carol } = await loadFixture(fixture);
      const domain = await agreementsDomain(registry);
      expect(domain.name).to.equal(AGREEMENTS_DOMAIN_NAME);
      const { signature, value } = await signAgreement(carol, registry, 1n, 123n);
      expect(value.version).to.equal(1n);
      expect(ethers.verifyTypedData(domain, AGREEMENT_SIGNATURE_TYPES, value, signature)).to.equal(
        carol.address,
      );
    });
  });

  describe("verifyAgreement", function () {
    it("reports no mismatch for the signed document and terms, with every signature record and the versions", async function () {
      const { registry, alice, bob, carol } = await loadFixture(fixture);
      const r = await verifyAgreement(registry, 1n, CHARTER_DOC, CHARTER_TERMS);
      expect(r.ok).to.equal(true);
      expect(r.mismatches).to.deep.equal([]);
      expect(r.agreement.kind).to.equal("Charter");
      expect(r.agreement.status).to.equal("Pending");
      expect(r.parties.map((p) => [p.address, p.signed, p.method])).to.deep.equal([
        [alice.address, true, "Direct"],
        [bob.address, true, "EIP712"],
        [carol.address, false, "None"],
      ]);
      expect(r.parties[0].block).to.be.greaterThan(0);
      expect(r.parties[0].timestamp).to.be.greaterThan(0);
      expect(r.versions.map((v) => v.id)).to.deep.equal([1n]);
      expect(
        (await verifyAgreement(registry, 1n, CHARTER_DOC, JSON.stringify(CHARTER_TERMS, null, 2))).ok,
      ).to.equal(true);
    });

    it("names exactly the document hash when one byte of the document changes", async function () {
      const { registry } = await loadFixture(fixture);
      const doc = Uint8Array.from(CHARTER_DOC);
      doc[10] ^= 0x01;
      const r = await verifyAgreement(registry, 1n, doc, CHARTER_TERMS);
      expect(r.ok).to.equal(false);
      expect(r.mismatches).to.deep.equal([
        { field: "documentHash", onChain: sha256Hex(CHARTER_DOC), local: sha256Hex(doc) },
      ]);
    });

    it("names exactly the terms hash and the parameter when one charter term changes", async function () {
      const { registry } = await loadFixture(fixture);
      const terms = clone(CHARTER_TERMS);
      terms.parameters.levyBps = 600;
      const r = await verifyAgreement(registry, 1n, CHARTER_DOC, terms);
      expect(r.mismatches).to.deep.equal([
        { field: "termsHash", onChain: termsHash(CHARTER_TERMS), local: termsHash(terms) },
        { field: "parameters.levyBps", onChain: "500", local: "600" },
      ]);
    });

    it("names exactly the terms hash when a prose term changes", async function () {
      const { registry } = await loadFixture(fixture);
      const terms = clone(CHARTER_TERMS);
      terms.confidentiality.years = 3;
      const r = await verifyAgreement(registry, 1n, CHARTER_DOC, terms);
      expect(r.mismatches.map((m) => m.field)).to.deep.equal(["termsHash"]);
    });

    it("names a clause whose damages cap or remedies differ, and clauses missing on either side", async function () {
      const { registry } = await loadFixture(fixture);
      const terms = clone(CHARTER_TERMS);
      const schedule = terms.liability.penaltySchedule;
      schedule[2].damagesCap = "1";
      schedule[1].remedies = ["DAMAGES", "LICENSE_SUSPENSION"];
      schedule.splice(0, 1);
      schedule.push({ id: "9.1", damagesCap: "0", remedies: ["EXPULSION_PROPOSAL"] });
      const r = await verifyAgreement(registry, 1n, CHARTER_DOC, terms);
      expect(r.mismatches.map((m) => m.field)).to.deep.equal([
        "termsHash",
        "clauses[4.2]",
        "clauses[5.3].remedies",
        "clauses[7.1].damagesCap",
        "clauses[9.1]",
      ]);
      const missing = r.mismatches.find((m) => m.field === "clauses[4.2]")!;
      expect(missing.local).to.equal("(missing)");
      expect(missing.onChain).to.equal("damagesCap=5000000000 remedies=DAMAGES|MEMBERSHIP_SUSPENSION");
    });

    it("names every parameter missing from the JSON", async function () {
      const { registry } = await loadFixture(fixture);
      const terms = clone(CHARTER_TERMS) as Partial<CharterTerms>;
      delete terms.parameters;
      const r = await verifyAgreement(registry, 1n, CHARTER_DOC, terms as CharterTerms);
      expect(r.mismatches.length).to.equal(1 + CHARTER_PARAM_FIELDS.length);
      expect(r.mismatches[1]).to.deep.equal({
        field: "parameters.bondAmount",
        onChain: "10000000000",
        local: "(missing)",
      });
    });
  });
});
