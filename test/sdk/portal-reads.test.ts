import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { AbiCoder, keccak256, toUtf8Bytes, TypedDataEncoder, ZeroHash } from "ethers";
import { createClient } from "../../src/sdk/client";
import { suiteEvents } from "../../src/sdk/events";
import { AGREEMENT_SIGNATURE_TYPES, agreementDigest, agreementSigningHashes } from "../../src/sdk/eip712";

/** The reads the portal added to the SDK: every suite event decoded by name, and the EIP-712 values shown before signing. */
describe("SDK reads for the portal", function () {
  async function fixture() {
    const [admin, alice] = await ethers.getSigners();
    const manager = await ethers.deployContract("AccessManager", [admin.address]);
    const token = await ethers.deployContract("TestToken", ["Covenant Test Yuan", "tCNY", 6]);
    const deployedBlock = await ethers.provider.getBlockNumber();
    const book = {
      chainId: 31337,
      contracts: { AccessManager: await manager.getAddress(), SettlementToken: await token.getAddress() },
      deployedAt: new Date(0).toISOString(),
      deployedBlock,
    };
    await token.mint(alice.address, 5n);
    await token.mint(admin.address, 7n);
    return { book, token, alice, admin };
  }

  it("suiteEvents decodes every suite event by its contract's ABI, oldest first, with block, time and transaction", async function () {
    const { book, alice, admin } = await loadFixture(fixture);
    const client = createClient({ runner: ethers.provider, book });
    const events = await suiteEvents(client);
    const transfers = events.filter((e) => e.event === "Transfer");
    expect(transfers.map((e) => [e.contract, e.args.to, e.args.value])).to.deep.equal([
      ["SettlementToken", alice.address, 5n],
      ["SettlementToken", admin.address, 7n],
    ]);
    for (const e of transfers) {
      const block = await ethers.provider.getBlock(e.block);
      expect(e.time).to.equal(block!.timestamp);
      expect(e.tx).to.match(/^0x[0-9a-f]{64}$/);
    }
    expect(transfers[0].block).to.be.lessThan(transfers[1].block);
    // a range that holds only the second mint
    const last = await suiteEvents(client, { fromBlock: transfers[1].block, toBlock: transfers[1].block });
    expect(last.map((e) => e.args.value)).to.deep.equal([7n]);
  });

  it("agreementSigningHashes gives the domain separator, struct hash and digest of EIP-712, recomputed by hand", function () {
    const domain = {
      name: "Covenant Agreements",
      version: "1",
      chainId: 31337n,
      verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    };
    const value = {
      agreementId: 3n,
      documentHash: keccak256(toUtf8Bytes("doc")),
      termsHash: ZeroHash,
      version: 1n,
      signer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      deadline: 1_900_000_000n,
    };
    const h = agreementSigningHashes(domain, value);
    const enc = AbiCoder.defaultAbiCoder();
    const domainSeparator = keccak256(
      enc.encode(
        ["bytes32", "bytes32", "bytes32", "uint256", "address"],
        [
          keccak256(
            toUtf8Bytes("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
          ),
          keccak256(toUtf8Bytes(domain.name)),
          keccak256(toUtf8Bytes(domain.version)),
          domain.chainId,
          domain.verifyingContract,
        ],
      ),
    );
    const typeHash = keccak256(
      toUtf8Bytes(
        "AgreementSignature(uint256 agreementId,bytes32 documentHash,bytes32 termsHash,uint32 version,address signer,uint256 deadline)",
      ),
    );
    const structHash = keccak256(
      enc.encode(
        ["bytes32", "uint256", "bytes32", "bytes32", "uint32", "address", "uint256"],
        [
          typeHash,
          value.agreementId,
          value.documentHash,
          value.termsHash,
          value.version,
          value.signer,
          value.deadline,
        ],
      ),
    );
    expect(h.domainSeparator).to.equal(domainSeparator);
    expect(h.structHash).to.equal(structHash);
    expect(h.digest).to.equal(keccak256("0x1901" + domainSeparator.slice(2) + structHash.slice(2)));
    expect(h.digest).to.equal(agreementDigest(domain, value));
    expect(h.digest).to.equal(TypedDataEncoder.hash(domain, AGREEMENT_SIGNATURE_TYPES, value));
  });
});
