import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import {
  AddressBookSchema,
  CharterTermsSchema,
  checkWith,
  FoundersFileSchema,
  SignatureFileSchema,
} from "../../src/sdk/schemas";
import { CovenantError } from "../../src/sdk/errors";
import { parseAddressBook } from "../../src/sdk/addressBook";
import { parseSignatureFile } from "../../src/present/signatureFile";
import { parseFoundersFile } from "../../src/sdk/founders";
import { charterParamsFromJson, type CharterParamsJson } from "../../src/sdk/terms";
import { parseSuiteParameters } from "../../src/node/ignition";
import { parseProposal } from "../../src/sdk/projectProposal";

const EXAMPLE = path.join(__dirname, "..", "..", "docs", "examples", "charter.terms.json");

/** The one line of the input error `fn` throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(CovenantError);
    expect((e as CovenantError).kind).to.equal("input");
    const m = (e as Error).message;
    expect(m.split("\n")).to.have.length(1);
    return m;
  }
  throw new Error("not refused");
}

describe("sdk: one zod schema per input file", function () {
  it("the example charter terms fit CharterTermsSchema", function () {
    const terms = JSON.parse(fs.readFileSync(EXAMPLE, "utf8")) as unknown;
    expect(CharterTermsSchema.safeParse(terms).success).to.equal(true);
  });

  it("a bad terms file gets one line naming the field path and what was expected", function () {
    const terms = JSON.parse(fs.readFileSync(EXAMPLE, "utf8")) as {
      liability: { penaltySchedule: { remedies: string[] }[] };
    };
    terms.liability.penaltySchedule[1].remedies = [];
    expect(refusal(() => checkWith(CharterTermsSchema, terms, "charter.terms.json"))).to.equal(
      "charter.terms.json: liability.penaltySchedule[1].remedies must list at least one remedy",
    );
  });

  it("charter parameters keep their words: parameters.<name>: expected ...", function () {
    const terms = JSON.parse(fs.readFileSync(EXAMPLE, "utf8")) as { parameters: Record<string, unknown> };
    terms.parameters.quorumBps = -1;
    expect(() => charterParamsFromJson(terms.parameters as unknown as CharterParamsJson)).to.throw(
      "parameters.quorumBps: expected a non-negative integer",
    );
  });

  it("an address book: chainId, each contract address, deployedBlock are checked by AddressBookSchema", function () {
    expect(AddressBookSchema.safeParse({ chainId: 31337, contracts: {}, deployedAt: "" }).success).to.equal(
      true,
    );
    expect(
      refusal(() => parseAddressBook({ chainId: 31337, contracts: { Membership: "0x12" } }, "b.json")),
    ).to.equal("malformed address book b.json: contracts.Membership must be an address");
    expect(refusal(() => parseAddressBook({ chainId: 0, contracts: {} }, "b.json"))).to.equal(
      "malformed address book b.json: chainId must be a positive integer",
    );
  });

  it("a signature file: a bad field is named with what was expected", function () {
    const ok = {
      type: "covenant/agreement-signature/v1",
      action: "sign",
      chainId: "31337",
      registry: "0x00000000000000000000000000000000000000aa",
      agreementId: "1",
      documentHash: "0x" + "11".repeat(32),
      termsHash: "0x" + "22".repeat(32),
      version: 1,
      signer: "0x00000000000000000000000000000000000000bb",
      deadline: "1800000000",
      signature: "0x1234",
    };
    expect(SignatureFileSchema.safeParse(ok).success).to.equal(true);
    expect(
      refusal(() => parseSignatureFile(JSON.stringify({ ...ok, termsHash: "0x12" }), "s.json")),
    ).to.equal("malformed signature file s.json: termsHash must be a 0x-prefixed 32-byte hex");
  });

  it("a founders file: unknown fields, kinds and role names are refused with their path", function () {
    const base = {
      founders: [
        { name: "清华大学", kind: "university", address: "0x00000000000000000000000000000000000000aa" },
      ],
      leadUnit: "清华大学",
      secretariat: "0x00000000000000000000000000000000000000bb",
    };
    expect(FoundersFileSchema.safeParse(base).success).to.equal(true);
    expect(parseFoundersFile(JSON.stringify(base), "f.json").founders[0].kind).to.equal("University");
    expect(
      refusal(() =>
        parseFoundersFile(
          JSON.stringify({ ...base, founders: [{ ...base.founders[0], kind: "Club" }] }),
          "f.json",
        ),
      ),
    ).to.match(/^founders file f\.json: founders\[0\]\.kind must be one of Enterprise, .*, got "Club"$/);
    expect(refusal(() => parseFoundersFile(JSON.stringify({ ...base, extra: 1 }), "f.json"))).to.match(
      /^founders file f\.json: unknown field "extra"/,
    );
    expect(
      refusal(() => parseFoundersFile(JSON.stringify({ ...base, roles: { COUNCIL: [] } }), "f.json")),
    ).to.match(
      /^founders file f\.json: roles(\.COUNCIL)? may grant only SECRETARIAT, EXPERT, SUPERVISOR, ARBITRATOR$/,
    );
  });

  it("a suite parameters file: SuiteParametersSchema names the module, the parameter and what was expected", function () {
    const ok = parseSuiteParameters(
      JSON.stringify({ Covenant: { bondAmount: "5000000000n", grantCapBps: 2500 } }),
      "p.json",
    );
    expect(ok).to.deep.equal({ Covenant: { bondAmount: 5_000_000_000n, grantCapBps: 2500 } });
    expect(
      refusal(() => parseSuiteParameters(JSON.stringify({ Covenant: { grantCapBp: 2500 } }), "p.json")),
    ).to.equal('the parameters file p.json: Covenant has no parameter "grantCapBp"');
    expect(
      refusal(() => parseSuiteParameters(JSON.stringify({ Covenant: { bondAmount: "5x" } }), "p.json")),
    ).to.equal(
      'the parameters file p.json: Covenant.bondAmount must be a whole number or a bigint string like "5000000000n"',
    );
    expect(refusal(() => parseSuiteParameters(JSON.stringify({ Covenat: {} }), "p.json"))).to.match(
      /^the parameters file p\.json: names module "Covenat": use /,
    );
  });

  it("a project proposal: ProjectProposalFileSchema names the field path and what was expected", function () {
    const a = "0x" + "11".repeat(20);
    const b = "0x" + "22".repeat(20);
    const proposal = {
      title: "t",
      documentHash: "0x" + "ab".repeat(32),
      lead: a,
      participants: [
        { account: a, costShareBps: 5000, ipShareBps: 5000, taskHash: "0x" + "01".repeat(32) },
        { account: b, costShareBps: "5000", ipShareBps: 5000, taskHash: "0x" + "02".repeat(32) },
      ],
      budgetLines: [{ category: "Equipment", amount: "10" }],
      milestones: [{ due: "+10d", specHash: "0x" + "03".repeat(32) }],
      installments: ["+5d"],
    };
    const read = () => new Uint8Array();
    expect(refusal(() => parseProposal(JSON.stringify(proposal), { decimals: 6, now: 0 }, read))).to.match(
      /^the proposal: participants\[1\]\.costShareBps /,
    );
  });
});
