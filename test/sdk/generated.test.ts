import { expect } from "chai";
import hre from "hardhat";
import { Interface } from "ethers";
import { staleGenerated } from "../../scripts/gen-sdk";
import { ENUMS } from "../../src/sdk/generated/enums";
import { OPENZEPPELIN_ERRORS, PROJECT_ERRORS } from "../../src/sdk/generated/errors";
import { decodeRevert, describeError, explain, errorInterface, wordError } from "../../src/sdk/errors";
import { ExitCode, exitCodeOf } from "../../src/cli/exitCodes";

/**
 * Custom errors declared without a NatSpec line when the generated tables were introduced. The
 * contracts' rule is that every custom error has one; this list may only shrink: the test below
 * fails when an error outside it has no message, and when an error in it has gained one (remove it).
 */
const WITHOUT_NATSPEC = new Set<string>([]);

describe("sdk: tables generated from the compiler output", function () {
  it("the committed src/sdk/generated files and the JSON Schema in docs/terms-schema.md equal a fresh generation", async function () {
    // `hardhat test` compiled the contracts before the tests: compare with that build (not the
    // instrumented one of `hardhat coverage`)
    if ((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING)
      this.skip();
    expect(await staleGenerated(hre)).to.deep.equal([]);
  });

  it("every custom error of contracts/ has a message from its NatSpec (the known gaps only shrink)", function () {
    const missing = Object.entries(PROJECT_ERRORS)
      .filter(([, e]) => e.message === "")
      .map(([name]) => name)
      .sort();
    expect(
      missing.filter((n) => !WITHOUT_NATSPEC.has(n)),
      "errors without a NatSpec line",
    ).to.deep.equal([]);
    expect(
      [...WITHOUT_NATSPEC].filter((n) => !missing.includes(n)),
      "errors that gained a NatSpec line: remove them from WITHOUT_NATSPEC",
    ).to.deep.equal([]);
  });

  it("the enums hold every Solidity enum of contracts/ and OpenZeppelin's ProposalState and OperationState", function () {
    expect(ENUMS.MemberStatus).to.deep.equal([
      "None",
      "Applicant",
      "Active",
      "Suspended",
      "Withdrawn",
      "Expelled",
    ]);
    expect(ENUMS.ProposalState[7]).to.equal("Executed");
    expect(ENUMS.OperationState).to.deep.equal(["Unset", "Waiting", "Ready", "Done"]);
    expect(Object.keys(ENUMS)).to.include.members([
      "AgreementStatus",
      "ClaimStatus",
      "EntryKind",
      "SpendStatus",
    ]);
  });

  it("every generated error signature parses and decodes by its selector", function () {
    const iface = errorInterface();
    for (const spec of [...Object.values(PROJECT_ERRORS), ...Object.values(OPENZEPPELIN_ERRORS)]) {
      const f = new Interface([spec.signature]).getError(
        spec.signature.slice(6, spec.signature.indexOf("(")),
      )!;
      expect(iface.getError(f.selector), spec.signature).to.not.equal(null);
    }
  });

  it("a refusal is worded from the NatSpec with its arguments: times as ISO 8601, others after the sentence", function () {
    const spec = PROJECT_ERRORS.MembershipNoticePending;
    const member = "0x00000000000000000000000000000000000000aa";
    expect(wordError(spec, [member, 1798848000n])).to.equal(
      "the withdrawal notice period has not run out yet (member 0x00000000000000000000000000000000000000AA, earliest 2027-01-02T00:00:00Z)",
    );
  });

  it("a refusal names enum values and the bits of a mask by their enum's member names", function () {
    const iface = errorInterface();
    const data = iface.encodeErrorResult("MembershipUnexpectedStatus", [
      "0x00000000000000000000000000000000000000aa",
      1,
      (1n << 0n) | (1n << 4n),
    ]);
    expect(decodeRevert(data)).to.equal(
      "0x00000000000000000000000000000000000000AA is in Applicant standing where one of None or Withdrawn is needed",
    );
    expect(describeError(iface.parseError(data)!)).to.equal(decodeRevert(data));
  });

  it("maps each kind of failure to its exit code: refused 4, chain 3, input 2, internal 70", function () {
    const iface = errorInterface();
    const data = iface.encodeErrorResult("TreasuryNothingToWithdraw", [
      "0x00000000000000000000000000000000000000aa",
    ]);
    const refused = explain({ code: "CALL_EXCEPTION", data });
    expect(refused.kind).to.equal("refused");
    expect(refused.errorName).to.equal("TreasuryNothingToWithdraw");
    expect(refused.shortMessage).to.match(/^the contract refused: /);
    expect(exitCodeOf(refused)).to.equal(ExitCode.REFUSED);
    expect(exitCodeOf(explain({ code: "NETWORK_ERROR", shortMessage: "down" }))).to.equal(ExitCode.CHAIN);
    expect(exitCodeOf(explain({ code: "TRANSACTION_REPLACED" }))).to.equal(ExitCode.CHAIN);
    expect(exitCodeOf(explain({ code: "INVALID_ARGUMENT" }))).to.equal(ExitCode.INPUT);
    const bug = explain(new TypeError("x is undefined"));
    expect(exitCodeOf(bug)).to.equal(ExitCode.INTERNAL);
    expect(bug.cause).to.be.instanceOf(TypeError);
    const sent = explain({ code: "CALL_EXCEPTION", data }, { txHash: "0x" + "ab".repeat(32) });
    expect(sent.txHash).to.equal("0x" + "ab".repeat(32));
    expect(sent.shortMessage).to.include(`transaction 0x${"ab".repeat(32)} reverted`);
  });
});
