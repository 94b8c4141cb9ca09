import fs from "node:fs";
import path from "node:path";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { AbiCoder, getAddress, sha256, toUtf8Bytes, type JsonRpcApiProvider } from "ethers";
import { ExitCode } from "../../src/cli/exitCodes";
import { createSafe, deploySafeInfrastructure, type SafeInfrastructure } from "../../src/demo/safe";
import { safeOwnerSignatureFile, SIGNATURE_FILE_TYPE } from "../../src/present/signatureFile";
import { createAgreement } from "../../src/sdk/actions/agreements";
import { createClient } from "../../src/sdk/client";
import { AGREEMENT_SIGNATURE_TYPES, describeTypedData } from "../../src/sdk/eip712";
import { SignatureMethod } from "../../src/sdk/generated/enums";
import { safeMessageHash, signSafeMessage } from "../../src/sdk/safe";
import { CompatibilityFallbackHandler__factory } from "../../typechain-types/safe-global/factories/handler/CompatibilityFallbackHandler__factory";
import { AgreementRegistry__factory } from "../../typechain-types/factories/contracts/agreements/AgreementRegistry__factory";
import {
  chainState,
  deployFullSuiteRpc,
  FULL_SUITE_ACCOUNTS as A,
  runCli,
  startInProcessChain,
  tempDir,
  type CliResult,
} from "./helpers";

/** The text of the agreement the Safe signs. */
const DOCUMENT = "Joint development agreement between 中国第一汽车集团 and the Safe's company.\n";

/** Owners of the 2-of-3 Safe (node account indexes; the suite uses 0..10). */
const OWNERS = [11, 12, 13];

function ok(r: CliResult): CliResult {
  expect(r.code, `stderr: ${r.stderr}\nstdout: ${r.stdout}`).to.equal(0);
  return r;
}

/** A refusal: the exit code, exactly one `error:` line matching `pattern`, nothing on stdout. */
function expectRefused(r: CliResult, code: ExitCode, pattern: RegExp): void {
  const lines = r.stderr.split("\n").filter((l) => l.length > 0);
  expect(lines, `stderr: ${r.stderr}`).to.have.length(1);
  expect(lines[0]).to.match(/^error: /);
  expect(lines[0]).to.match(pattern);
  expect(r.stdout).to.equal("");
  expect(r.code, `stderr: ${r.stderr}`).to.equal(code);
}

/**
 * A company whose signing authority is a real Safe 1.4.1 (S8): the suite, Safe's contracts, a 2-of-3
 * Safe of three officers, and agreement 1 (kind Other) between a founder and the Safe.
 */
async function safeSuite() {
  const { provider, url } = await startInProcessChain();
  const dir = tempDir("safe-deployments");
  const suite = await deployFullSuiteRpc(provider, dir);
  const accounts = ((await provider.send("eth_accounts", [])) as string[]).map((a) => getAddress(a));
  const deployer = await provider.getSigner(0);
  const infra: SafeInfrastructure = await deploySafeInfrastructure(deployer);
  const owners = OWNERS.map((i) => accounts[i]);
  const { address: safe } = await createSafe(deployer, infra, owners, 2);
  const founder = accounts[A.founders[0]];
  const client = createClient({
    runner: await provider.getSigner(A.founders[0]),
    book: { chainId: 31337, contracts: suite.addresses, deployedAt: "" },
  });
  await createAgreement(client, {
    input: {
      kind: 4,
      parentId: 0,
      documentHash: sha256(toUtf8Bytes(DOCUMENT)),
      termsHash: sha256(toUtf8Bytes("{}")),
      uri: "file://jda.txt",
      parties: [founder, safe],
      clauses: [],
    },
  });
  const work = tempDir("safe");
  const doc = path.join(work, "jda.txt");
  fs.writeFileSync(doc, DOCUMENT);
  const block = await provider.getBlock("latest");
  return {
    provider,
    env: { COVENANT_DEPLOYMENTS_DIR: dir },
    rpc: ["--rpc", url],
    accounts,
    owners,
    safe: getAddress(safe),
    infra,
    registry: AgreementRegistry__factory.connect(suite.addresses.AgreementRegistry, provider),
    work,
    doc,
    deadline: String(block!.timestamp + 3 * 24 * 3600),
  };
}

describe("covenant agreement: a company's Safe 1.4.1 signs (S8)", function () {
  this.timeout(240_000);

  let provider: JsonRpcApiProvider | undefined;
  after(() => provider?.destroy());

  async function setup() {
    const s = await loadFixture(safeSuite);
    provider = s.provider;
    const file = (name: string) => path.join(s.work, `${name}-${Math.random().toString(16).slice(2)}.json`);
    const cli = (from: number, ...args: string[]) =>
      runCli([...s.rpc, "--from", String(from), ...args], s.env);
    /** One owner signs agreement 1 for the Safe offline into a new file. */
    const ownerSigns = async (owner: number) => {
      const out = file(`owner${owner}`);
      ok(
        await cli(
          owner,
          "agreement",
          "sign",
          "1",
          "--document",
          s.doc,
          "--offline",
          "--safe",
          s.safe,
          "--deadline",
          s.deadline,
          "--out",
          out,
        ),
      );
      return out;
    };
    const methodOfSafe = async () => {
      const parties = await s.registry.partiesOf(1, 0, 10);
      const p = parties.find((x) => getAddress(x.account) === s.safe)!;
      return SignatureMethod[Number(p.signature.method)];
    };
    return { ...s, file, cli, ownerSigns, methodOfSafe };
  }

  it("S8 a 2-of-3 Safe signs through two owners' offline files, combined and submitted, counted as EIP-1271", async function () {
    const s = await setup();
    const f1 = await s.ownerSigns(OWNERS[0]);
    const f2 = await s.ownerSigns(OWNERS[2]);
    const combined = s.file("combined");
    const c = ok(await s.cli(A.stranger, "--json", "agreement", "combine", f1, f2, "--out", combined));
    expect(JSON.parse(c.stdout)).to.include({ signer: s.safe, owners: 2 });
    const sig = JSON.parse(fs.readFileSync(combined, "utf8")) as { type: string; signature: string };
    expect(sig.type).to.equal(SIGNATURE_FILE_TYPE);
    expect(sig.signature).to.match(/^0x[0-9a-f]{260}$/);
    const r = ok(await s.cli(A.stranger, "--json", "agreement", "submit", combined));
    expect(JSON.parse(r.stdout)).to.include({ signer: s.safe, method: "EIP1271" });
    expect(await s.methodOfSafe()).to.equal("EIP1271");
  });

  it("S8 submit combines the owners' files itself, whatever their order", async function () {
    const s = await setup();
    const f1 = await s.ownerSigns(OWNERS[1]);
    const f2 = await s.ownerSigns(OWNERS[0]);
    const r = ok(await s.cli(A.stranger, "--json", "agreement", "submit", f1, f2));
    expect(JSON.parse(r.stdout)).to.include({ signer: s.safe, method: "EIP1271" });
    expect(await s.methodOfSafe()).to.equal("EIP1271");
  });

  it("S8 refuses one owner's file alone (exit 2, nothing sent)", async function () {
    const s = await setup();
    const f1 = await s.ownerSigns(OWNERS[0]);
    const before = await chainState(s.provider, s.accounts.slice(0, 14));
    expectRefused(
      await s.cli(A.stranger, "agreement", "submit", f1),
      ExitCode.INPUT,
      /1 of the 2 owner signatures the Safe 0x[0-9a-fA-F]{40} needs; nothing was sent/,
    );
    expect(await chainState(s.provider, s.accounts.slice(0, 14))).to.equal(before);
    expect(await s.methodOfSafe()).to.equal("None");
  });

  it("S8 refuses a signature file of an account that is not an owner of the Safe (exit 2, nothing sent)", async function () {
    const s = await setup();
    const f1 = await s.ownerSigns(OWNERS[0]);
    // A stranger makes its own file by hand (the CLI would not write it for a non-owner).
    const own = JSON.parse(fs.readFileSync(f1, "utf8")) as { digest: string; safeMessageHash: string };
    const stranger = await s.provider.getSigner(A.stranger);
    const domain = {
      name: "Covenant Agreements",
      version: "1",
      chainId: 31337n,
      verifyingContract: await s.registry.getAddress(),
    };
    const a = await s.registry.agreementOf(1);
    const forged = safeOwnerSignatureFile(
      "sign",
      domain,
      {
        agreementId: 1n,
        documentHash: a.documentHash,
        termsHash: a.termsHash,
        version: a.version,
        signer: s.safe,
        deadline: BigInt(s.deadline),
      },
      { owner: stranger.address, digest: own.digest, safeMessageHash: own.safeMessageHash },
      await signSafeMessage(stranger, 31337n, s.safe, own.digest),
    );
    const f2 = s.file("stranger");
    fs.writeFileSync(f2, JSON.stringify(forged, null, 2));
    const before = await chainState(s.provider, s.accounts.slice(0, 14));
    expectRefused(
      await s.cli(A.stranger, "agreement", "submit", f1, f2),
      ExitCode.INPUT,
      new RegExp(`${stranger.address} is not an owner of the Safe ${s.safe}`),
    );
    expect(await chainState(s.provider, s.accounts.slice(0, 14))).to.equal(before);
  });

  it("S8 refuses to sign for a Safe the signer does not own (exit 2, no file written)", async function () {
    const s = await setup();
    const out = s.file("not-owner");
    expectRefused(
      await s.cli(
        A.stranger,
        "agreement",
        "sign",
        "1",
        "--document",
        s.doc,
        "--offline",
        "--safe",
        s.safe,
        "--out",
        out,
      ),
      ExitCode.INPUT,
      /is not an owner of the Safe .*; nothing was written/,
    );
    expect(fs.existsSync(out)).to.equal(false);
  });

  it("S8 the approval route: one owner approves on chain, the second executes SignMessageLib and submits the Safe's empty signature (EIP-1271)", async function () {
    const s = await setup();
    const args = [
      "--json",
      "agreement",
      "sign",
      "1",
      "--document",
      s.doc,
      "--safe",
      s.safe,
      "--approve",
      "--deadline",
      s.deadline,
      "--sign-message-lib",
      s.infra.signMessageLib,
    ];
    const first = JSON.parse(ok(await s.cli(OWNERS[1], ...args)).stdout) as Record<string, unknown>;
    expect(first).to.include({ state: "approved", threshold: 2 });
    expect(first.approvals).to.deep.equal([s.owners[1]]);
    expect(await s.methodOfSafe()).to.equal("None");
    const again = JSON.parse(ok(await s.cli(OWNERS[1], ...args)).stdout) as Record<string, unknown>;
    expect(again).to.include({ state: "waiting" });
    expect(again).to.not.have.property("tx");
    const second = JSON.parse(ok(await s.cli(OWNERS[2], ...args)).stdout) as Record<string, unknown>;
    expect(second).to.include({ state: "executed", method: "EIP1271" });
    expect(await s.methodOfSafe()).to.equal("EIP1271");
  });

  it("S8 the approval route needs --deadline, the same for every owner (exit 2)", async function () {
    const s = await setup();
    expectRefused(
      await s.cli(OWNERS[0], "agreement", "sign", "1", "--document", s.doc, "--safe", s.safe, "--approve"),
      ExitCode.INPUT,
      /--approve needs --deadline/,
    );
  });

  it("shows what a careful signer checks for an account's own signature: domain separator, struct hash and the digest the registry checks", async function () {
    const s = await setup();
    const founder = s.accounts[A.founders[0]];
    const r = ok(
      await s.cli(
        A.founders[0],
        "--json",
        "agreement",
        "sign",
        "1",
        "--document",
        s.doc,
        "--offline",
        "--deadline",
        s.deadline,
        "--out",
        s.file("founder"),
      ),
    );
    const j = JSON.parse(r.stdout) as { typedData: ReturnType<typeof describeTypedData> };
    const a = await s.registry.agreementOf(1);
    expect(j.typedData.primaryType).to.equal("AgreementSignature");
    expect(j.typedData.digest).to.equal(
      await s.registry.hashAgreementSignature(1, a.documentHash, a.termsHash, a.version, founder, s.deadline),
    );
    expect(j.typedData.domain).to.deep.equal({
      name: "Covenant Agreements",
      version: "1",
      chainId: "31337",
      verifyingContract: await s.registry.getAddress(),
    });
    expect(j.typedData).to.not.have.property("safe");
  });

  it("shows what a careful signer checks: fields, domain separator, struct hash, digest and the Safe message hash", async function () {
    const s = await setup();
    const out = s.file("described");
    const r = ok(
      await s.cli(
        OWNERS[0],
        "--json",
        "agreement",
        "sign",
        "1",
        "--document",
        s.doc,
        "--offline",
        "--safe",
        s.safe,
        "--deadline",
        s.deadline,
        "--out",
        out,
      ),
    );
    const j = JSON.parse(r.stdout) as { typedData: ReturnType<typeof describeTypedData> };
    const a = await s.registry.agreementOf(1);
    expect(j.typedData.digest).to.equal(
      await s.registry.hashAgreementSignature(1, a.documentHash, a.termsHash, a.version, s.safe, s.deadline),
    );
    expect(j.typedData.fields.map((f) => f.name)).to.deep.equal(
      AGREEMENT_SIGNATURE_TYPES.AgreementSignature.map((f) => f.name),
    );
    expect(j.typedData.fields.find((f) => f.name === "signer")!.value).to.equal(s.safe);
    const handler = CompatibilityFallbackHandler__factory.connect(s.infra.fallbackHandler, s.provider);
    const expected = await handler.getMessageHashForSafe(
      s.safe,
      AbiCoder.defaultAbiCoder().encode(["bytes32"], [j.typedData.digest]),
    );
    expect(j.typedData.safe!.safeMessageHash).to.equal(expected);
    expect(safeMessageHash(31337n, s.safe, j.typedData.digest)).to.equal(expected);
    const human = ok(
      await s.cli(
        OWNERS[1],
        "agreement",
        "sign",
        "1",
        "--document",
        s.doc,
        "--offline",
        "--safe",
        s.safe,
        "--deadline",
        s.deadline,
        "--out",
        s.file("h"),
      ),
    ).stdout;
    for (const v of [j.typedData.domainSeparator, j.typedData.structHash, j.typedData.digest, expected])
      expect(human).to.include(v);
  });
});
