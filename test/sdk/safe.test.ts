import fs from "node:fs";
import path from "node:path";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { AbiCoder, Contract, getAddress, keccak256, toUtf8Bytes, TypedDataEncoder } from "ethers";
import { ethers } from "hardhat";
import { createSafe, deploySafeInfrastructure } from "../../src/demo/safe";
import { approveSafeMessage, safeApprovals } from "../../src/sdk/actions/safe";
import { createClient } from "../../src/sdk/client";
import { describeTypedData } from "../../src/sdk/eip712";
import {
  approvedHashSignature,
  combineSafeSignatures,
  readSafe,
  safeContract,
  safeMessageHash,
  safeMessageTypedData,
  signSafeMessage,
} from "../../src/sdk/safe";
import { CompatibilityFallbackHandler__factory } from "../../typechain-types/safe-global/factories/handler/CompatibilityFallbackHandler__factory";

const EIP1271_MAGIC = "0x1626ba7e";
const DIGEST = keccak256(toUtf8Bytes("an agreement's EIP-712 digest"));

/** Safe 1.4.1's contracts and a 2-of-3 Safe of signers 1..3 on the in-process chain (S8). */
async function safeFixture() {
  const [deployer, o1, o2, o3, stranger] = await ethers.getSigners();
  const infra = await deploySafeInfrastructure(deployer);
  const owners = [o1, o2, o3];
  const { address } = await createSafe(
    deployer,
    infra,
    owners.map((o) => o.address),
    2,
  );
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const safe = await readSafe(ethers.provider, address);
  const checker = new Contract(
    address,
    ["function isValidSignature(bytes32, bytes) view returns (bytes4)"],
    ethers.provider,
  );
  const clientOf = (runner: (typeof owners)[number]) =>
    createClient({ runner, book: { chainId: Number(chainId), contracts: {}, deployedAt: "" } });
  return { infra, owners, stranger, chainId, safe, checker, clientOf };
}

/** The runtime bytecode of a Safe 1.4.1 contract as the npm package built it. */
function packagedRuntime(file: string): string {
  const artifact = path.join(
    path.dirname(require.resolve("@safe-global/safe-contracts/package.json")),
    "build",
    "artifacts",
    "contracts",
    file,
  );
  return (JSON.parse(fs.readFileSync(artifact, "utf8")) as { deployedBytecode: string }).deployedBytecode;
}

describe("SDK: company Safes (S8)", function () {
  it("S8 deploys Safe 1.4.1 from the package's build artifacts: each contract's code is the package's, byte for byte", async function () {
    const { infra } = await loadFixture(safeFixture);
    const expected: [string, string][] = [
      [infra.singleton, "Safe.sol/Safe.json"],
      [infra.proxyFactory, "proxies/SafeProxyFactory.sol/SafeProxyFactory.json"],
      [infra.fallbackHandler, "handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json"],
      [infra.signMessageLib, "libraries/SignMessageLib.sol/SignMessageLib.json"],
    ];
    for (const [address, file] of expected)
      expect(await ethers.provider.getCode(address), file).to.equal(packagedRuntime(file).toLowerCase());
  });

  it("S8 reads a Safe 1.4.1: version, owners in order, threshold, nonce", async function () {
    const { safe, owners } = await loadFixture(safeFixture);
    expect(safe.version).to.equal("1.4.1");
    expect(safe.owners).to.deep.equal(owners.map((o) => getAddress(o.address)));
    expect(safe.threshold).to.equal(2);
    expect(safe.nonce).to.equal(0n);
  });

  it("S8 refuses to read an address without code, or a contract that is not a Safe", async function () {
    const { stranger, infra } = await loadFixture(safeFixture);
    await expect(readSafe(ethers.provider, stranger.address)).to.be.rejectedWith(/no contract at/);
    await expect(readSafe(ethers.provider, infra.signMessageLib)).to.be.rejectedWith(/is not a Safe/);
  });

  it("S8 the SafeMessage hash is the fallback handler's getMessageHashForSafe of the digest", async function () {
    const { safe, infra, chainId } = await loadFixture(safeFixture);
    const handler = CompatibilityFallbackHandler__factory.connect(infra.fallbackHandler, ethers.provider);
    const td = safeMessageTypedData(chainId, safe.address, DIGEST);
    expect(td.primaryType).to.equal("SafeMessage");
    expect(TypedDataEncoder.hash(td.domain, td.types, td.message)).to.equal(
      safeMessageHash(chainId, safe.address, DIGEST),
    );
    expect(safeMessageHash(chainId, safe.address, DIGEST)).to.equal(
      await handler.getMessageHashForSafe(
        safe.address,
        AbiCoder.defaultAbiCoder().encode(["bytes32"], [DIGEST]),
      ),
    );
  });

  it("S8 combines two owners' signatures in ascending owner order, whatever order they come in; the Safe accepts them by EIP-1271", async function () {
    const { safe, owners, chainId, checker } = await loadFixture(safeFixture);
    const hash = safeMessageHash(chainId, safe.address, DIGEST);
    const parts = await Promise.all(
      [owners[2], owners[0]].map(async (o) => ({
        owner: o.address,
        signature: await signSafeMessage(o, chainId, safe.address, DIGEST),
      })),
    );
    const combined = combineSafeSignatures(safe, hash, parts);
    const reversed = combineSafeSignatures(safe, hash, [...parts].reverse());
    expect(combined).to.equal(reversed);
    const sorted = [...parts].sort((a, b) => (BigInt(a.owner) < BigInt(b.owner) ? -1 : 1));
    expect(combined).to.equal("0x" + sorted.map((p) => p.signature.slice(2)).join(""));
    expect(await checker.isValidSignature(DIGEST, combined)).to.equal(EIP1271_MAGIC);
  });

  it("S8 refuses fewer owners than the threshold, a non-owner, an owner twice and a signature of another message", async function () {
    const { safe, owners, stranger, chainId } = await loadFixture(safeFixture);
    const hash = safeMessageHash(chainId, safe.address, DIGEST);
    const sign = async (o: typeof stranger, digest = DIGEST) => ({
      owner: o.address,
      signature: await signSafeMessage(o, chainId, safe.address, digest),
    });
    const one = await sign(owners[0]);
    expect(() => combineSafeSignatures(safe, hash, [one])).to.throw(
      /1 of the 2 owner signatures the Safe .* needs; nothing was sent/,
    );
    expect(() => combineSafeSignatures(safe, hash, [one, one])).to.throw(/signed twice/);
    const strangers = await sign(stranger);
    expect(() => combineSafeSignatures(safe, hash, [one, strangers])).to.throw(
      new RegExp(`${stranger.address} is not an owner of the Safe`),
    );
    const other = await sign(owners[1], keccak256(toUtf8Bytes("another digest")));
    expect(() => combineSafeSignatures(safe, hash, [one, other])).to.throw(
      /is not its signature of this Safe message/,
    );
  });

  it("S8 approveSafeMessage: below the threshold an owner approves on chain; the owner reaching it executes SignMessageLib and the Safe accepts the empty signature", async function () {
    const { safe, owners, infra, checker, clientOf } = await loadFixture(safeFixture);
    const p = { safe: safe.address, digest: DIGEST, signMessageLib: infra.signMessageLib };
    const first = await approveSafeMessage(clientOf(owners[0]), p);
    expect(first.state).to.equal("approved");
    await expect(checker.isValidSignature(DIGEST, "0x")).to.be.reverted;
    const waiting = await approveSafeMessage(clientOf(owners[0]), p);
    expect(waiting.state).to.equal("waiting");
    const second = await approveSafeMessage(clientOf(owners[1]), p);
    expect(second.state).to.equal("executed");
    expect(second.state === "executed" && second.events.map((e) => e.name)).to.include("SignMsg");
    expect(await checker.isValidSignature(DIGEST, "0x")).to.equal(EIP1271_MAGIC);
    expect((await approveSafeMessage(clientOf(owners[2]), p)).state).to.equal("signed-already");
  });

  it("S8 safeApprovals reads the approval route's state: no approval, one owner's, then the Safe signed", async function () {
    const { safe, owners, infra, clientOf, chainId } = await loadFixture(safeFixture);
    const p = { safe: safe.address, digest: DIGEST, signMessageLib: infra.signMessageLib };
    const read = async () =>
      safeApprovals(ethers.provider, BigInt(chainId), await readSafe(ethers.provider, safe.address), p);
    const none = await read();
    expect(none.signed).to.equal(false);
    expect(none.approvals).to.deep.equal([]);
    expect(none.messageHash).to.equal(safeMessageHash(chainId, safe.address, DIGEST));
    const first = await approveSafeMessage(clientOf(owners[1]), p);
    const one = await read();
    expect(one.approvals).to.deep.equal([owners[1].address]);
    expect(first.state === "approved" && first.safeTxHash).to.equal(one.safeTxHash);
    await approveSafeMessage(clientOf(owners[0]), p);
    const signed = await read();
    expect(signed.signed).to.equal(true);
  });

  it("S8 approveSafeMessage refuses a caller that is not an owner, sending nothing", async function () {
    const { safe, stranger, infra, clientOf } = await loadFixture(safeFixture);
    const nonce = await ethers.provider.getTransactionCount(stranger.address);
    await expect(
      approveSafeMessage(clientOf(stranger), {
        safe: safe.address,
        digest: DIGEST,
        signMessageLib: infra.signMessageLib,
      }),
    ).to.be.rejectedWith(/is not an owner of the Safe/);
    expect(await ethers.provider.getTransactionCount(stranger.address)).to.equal(nonce);
    expect(await safeContract(safe.address, ethers.provider).nonce()).to.equal(0n);
  });

  it("S8 an approved-hash signature is the owner in r, zero s and v = 1", function () {
    const owner = "0x00000000000000000000000000000000000000aa";
    expect(approvedHashSignature(owner)).to.equal("0x" + "0".repeat(62) + "aa" + "0".repeat(64) + "01");
  });

  it("describeTypedData gives the domain separator, struct hash and digest of ethers' encoder, and the SafeMessage hash for a Safe", async function () {
    const { safe, chainId } = await loadFixture(safeFixture);
    const domain = { name: "Covenant Agreements", version: "1", chainId, verifyingContract: safe.address };
    const types = {
      Thing: [
        { name: "id", type: "uint256" },
        { name: "who", type: "address" },
      ],
    };
    const value = { id: 7n, who: safe.address };
    const d = describeTypedData(domain, types, value, { safe: safe.address });
    expect(d.primaryType).to.equal("Thing");
    expect(d.fields).to.deep.equal([
      { name: "id", type: "uint256", value: "7" },
      { name: "who", type: "address", value: safe.address },
    ]);
    expect(d.domain).to.deep.equal({
      name: "Covenant Agreements",
      version: "1",
      chainId: chainId.toString(),
      verifyingContract: safe.address,
    });
    expect(d.domainSeparator).to.equal(TypedDataEncoder.hashDomain(domain));
    expect(d.structHash).to.equal(TypedDataEncoder.from(types).hash(value));
    expect(d.digest).to.equal(TypedDataEncoder.hash(domain, types, value));
    expect(d.safe!.safeMessageHash).to.equal(safeMessageHash(chainId, safe.address, d.digest));
    expect(describeTypedData(domain, types, value).safe).to.equal(undefined);
  });
});
