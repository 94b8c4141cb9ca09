import { expect } from "chai";
import { AbiCoder, getAddress, id, keccak256, zeroPadValue } from "ethers";
import type { RawLog } from "../../src/sdk/claims";
import {
  decodeAppendedLog,
  foldHead,
  hashEntry,
  HISTORY_ENTRY_TUPLE,
  LOG_ENTRY_FIELDS,
  EMPTY_HEAD,
  type LogEntry,
} from "../../src/sdk/historyLog";

const A = getAddress("0x00000000000000000000000000000000000000a1");
const B = getAddress("0xE8413B8aFA03BeeCef6388816e7001e83b277BCC");
const TOPIC = id(
  "HistoryAppended(uint256,uint8,uint256,address,(uint8,uint8,uint48,address,address,address,uint256,uint256,bytes32,bytes32,uint128,uint128))",
);

/** An entry with every field at the top of its type's range. */
const MAX: LogEntry = {
  kind: 255n,
  detailKind: 255n,
  recordedAt: 2n ** 48n - 1n,
  actor: A,
  claimant: B,
  respondent: B,
  claimId: 2n ** 256n - 1n,
  agreementId: 7n,
  clauseId: id("5.2"),
  data: id("data"),
  amount: 2n ** 128n - 1n,
  penalty: 0n,
};

const coder = AbiCoder.defaultAbiCoder();
const abiHash = (e: LogEntry) =>
  keccak256(coder.encode([HISTORY_ENTRY_TUPLE], [LOG_ENTRY_FIELDS.map((f) => e[f])]));

/** The log the contract writes for `e` (the event's `kind`, then the entry). */
function logOf(e: LogEntry, entryId = 3n): RawLog {
  return {
    address: A,
    topics: [
      TOPIC,
      coder.encode(["uint256"], [entryId]),
      zeroPadValue("0x01", 32),
      zeroPadValue(e.respondent, 32),
    ],
    data:
      "0x" +
      coder.encode(["uint8"], [e.kind]).slice(2) +
      coder.encode([HISTORY_ENTRY_TUPLE], [LOG_ENTRY_FIELDS.map((f) => e[f])]).slice(2),
    blockNumber: 12,
    index: 4,
    removed: false,
  };
}

/** `log` with hex digit `at` of its data (after 0x) replaced by `digit`. */
const withDigit = (log: RawLog, at: number, digit: string): RawLog => ({
  ...log,
  data: log.data.slice(0, 2 + at) + digit + log.data.slice(3 + at),
});

describe("sdk/historyLog: entries decoded from the HistoryAppended layout and hashed as abi.encode", function () {
  it("hashes an entry exactly as keccak256(abi.encode(entry)), at the top of every field's range and at zero", function () {
    const zero: LogEntry = {
      ...MAX,
      kind: 0n,
      detailKind: 0n,
      recordedAt: 0n,
      claimId: 0n,
      amount: 0n,
      clauseId: "0x" + "00".repeat(32),
    };
    expect(hashEntry(MAX)).to.equal(abiHash(MAX));
    expect(hashEntry(zero)).to.equal(abiHash(zero));
  });

  it("refuses a field one past its type's range, as the ABI coder does", function () {
    expect(() => hashEntry({ ...MAX, kind: 256n })).to.throw(/kind 256 is not a uint8/);
    expect(() => hashEntry({ ...MAX, recordedAt: 2n ** 48n })).to.throw(/recordedAt .* is not a uint48/);
    expect(() => hashEntry({ ...MAX, amount: 2n ** 128n })).to.throw(/amount .* is not a uint128/);
    expect(() => hashEntry({ ...MAX, penalty: -1n })).to.throw(/penalty -1 is not a uint128/);
    expect(() => hashEntry({ ...MAX, actor: "0x1234" })).to.throw(/actor 0x1234 is not an address/);
    expect(() => hashEntry({ ...MAX, data: "0x12" })).to.throw(/data 0x12 is not a bytes32/);
    expect(() =>
      coder.encode([HISTORY_ENTRY_TUPLE], [LOG_ENTRY_FIELDS.map((f) => ({ ...MAX, kind: 256n })[f])]),
    ).to.throw();
  });

  it("folds a head exactly as bytes24(keccak256(abi.encode(head, entryHash)))", function () {
    const h = abiHash(MAX);
    const want = keccak256(coder.encode(["bytes24", "bytes32"], [EMPTY_HEAD, h])).slice(0, 50);
    expect(foldHead(EMPTY_HEAD, h)).to.equal(want);
    const next = keccak256(coder.encode(["bytes24", "bytes32"], [want, h])).slice(0, 50);
    expect(foldHead(want, h)).to.equal(next);
    expect(() => foldHead("0x" + "00".repeat(23), h)).to.throw(/is not a bytes24/);
    expect(() => foldHead("0x" + "00".repeat(25), h)).to.throw(/is not a bytes24/);
  });

  it("decodes the entry, its id, block and position from the log as written", function () {
    const d = decodeAppendedLog(logOf(MAX, 9n));
    expect(d).to.deep.equal({ entryId: 9n, entry: MAX, block: 12, logIndex: 4 });
  });

  it("refuses a log whose words carry bits outside their types, or of another length, naming the log", function () {
    const log = logOf(MAX);
    // word 1 of the data is the entry's kind (uint8): its 62nd hex digit from the left is the first bit too many
    const kindWord = 64;
    expect(() => decodeAppendedLog(withDigit(logOf({ ...MAX, kind: 0n }), kindWord + 61, "1"))).to.throw(
      /HistoryAppended log 4 of block 12: word 0 is not a uint8/,
    );
    expect(decodeAppendedLog(withDigit(logOf({ ...MAX, kind: 0n }), kindWord + 62, "f")).entry.kind).to.equal(
      240n,
    );
    // word 4 is the actor (address): the 24th hex digit is the last of its padding
    expect(() => decodeAppendedLog(withDigit(log, 64 * 4 + 23, "1"))).to.throw(/word 3 is not an address/);
    expect(() => decodeAppendedLog({ ...log, data: log.data + "00" })).to.throw(
      /not the layout of a history entry/,
    );
    expect(() => decodeAppendedLog({ ...log, data: log.data.slice(0, -2) + "zz" })).to.throw(
      /not the layout/,
    );
    expect(() => decodeAppendedLog({ ...log, topics: log.topics.slice(0, 3) })).to.throw(/not the layout/);
  });
});
