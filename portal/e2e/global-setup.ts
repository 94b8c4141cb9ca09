import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {
  encodeBytes32String,
  JsonRpcProvider,
  Network,
  NonceManager,
  Wallet,
  id as keccakText,
} from "ethers";
import { createClient } from "../../src/sdk/client";
import { readAddressBook } from "../../src/node/addressBook";
import { createAgreement } from "../../src/sdk/actions/agreements";
import { applyForMembership } from "../../src/sdk/actions/membership";
import { fileClaim } from "../../src/sdk/actions/claims";
import { mintTestToken } from "../../src/sdk/actions/token";
import { entityIdHash } from "../../src/sdk/members";
import { sha256Hex } from "../../src/sdk/hash";
import { remediesToBits } from "../../src/sdk/terms";
import { AgreementKind } from "../../src/sdk/generated/enums";
import { SignMessageLib__factory } from "../../typechain-types/safe-global/factories/libraries/SignMessageLib__factory";
import type { E2EState } from "./env";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "bin", "covenant.js");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, body: string, ms: number, proc: ChildProcess): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`${url}: the process exited (${proc.exitCode})`);
    try {
      const r = await fetch(url, {
        method: body ? "POST" : "GET",
        headers: { "content-type": "application/json" },
        body: body || undefined,
      });
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

/** Stops a process started in its own group (the group: npx and what it started). */
export function stop(p: ChildProcess | undefined): void {
  if (!p?.pid || p.exitCode !== null) return;
  try {
    process.kill(-p.pid, "SIGTERM");
  } catch {
    p.kill("SIGTERM");
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-portal-e2e-"));
  const env = { ...process.env, COVENANT_DEPLOYMENTS_DIR: path.join(tmp, "deployments"), NO_COLOR: "1" };
  const rpcPort = await freePort();
  const rpcUrl = `http://127.0.0.1:${rpcPort}`;
  const anvil = spawn(
    path.join(ROOT, "node_modules", ".bin", "anvil"),
    ["--host", "127.0.0.1", "--port", String(rpcPort)],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", fs.openSync(path.join(tmp, "anvil.log"), "w"), "inherit"],
    },
  );
  let portal: ChildProcess | undefined;
  const teardown = async () => {
    stop(portal);
    stop(anvil);
    await new Promise((r) => setTimeout(r, 300));
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await waitFor(
      rpcUrl,
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      60_000,
      anvil,
    );
    const demo = spawnSync(
      process.execPath,
      [CLI, "demo", "--rpc", rpcUrl, "--json", "--out", path.join(tmp, "demo")],
      {
        cwd: ROOT,
        env,
        encoding: "utf8",
        timeout: 240_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (demo.status !== 0) throw new Error(`covenant demo failed (${demo.status}): ${demo.stderr}`);
    const summary = JSON.parse(demo.stdout);

    // ------------------------------------------------------------ state for the wallet and safety tests
    const provider = new JsonRpcProvider(rpcUrl, Network.from(31337), {
      staticNetwork: true,
      cacheTimeout: -1,
    });
    provider.pollingInterval = 50;
    const book = readAddressBook(31337n, env.COVENANT_DEPLOYMENTS_DIR);
    const faw = new NonceManager(new Wallet(keccakText("covenant-demo/v1/faw"), provider));
    const neuKey = keccakText("covenant-demo/v1/neu");
    const neu = new Wallet(neuKey, provider);
    const asFaw = createClient({ runner: provider, book, signer: faw });
    // the licensee's next royalty period must be payable for the royalty test: move the clock past
    // its end when it is not (before anything below that counts down is made)
    {
      const lm = createClient({ runner: provider, book }).licenses();
      const [, , end, payableNow] = await lm.nextPeriodOf(BigInt(summary.licenseIds[0]));
      if (!payableNow) {
        const head = await provider.getBlock("latest");
        await provider.send("evm_increaseTime", [Number(end) - head!.timestamp + 1]);
        await provider.send("evm_mine", []);
      }
    }
    const toSign: Record<string, string> = {};
    for (const k of ["typed", "rejected", "wrongNetwork", "direct"]) {
      const doc = `Covenant portal test agreement (${k}) 门户测试协议`;
      const r = await createAgreement(asFaw, {
        input: {
          kind: AgreementKind.indexOf("Other"),
          parentId: 0,
          documentHash: sha256Hex(doc),
          termsHash: sha256Hex(`{"test":"${k}"}`),
          uri: "https://example.org/agreements/portal-test",
          parties: [await faw.getAddress(), neu.address],
          clauses: [
            {
              clauseId: encodeBytes32String("1.1"),
              damagesCap: 1_000_000n,
              remedies: remediesToBits(["DAMAGES"]),
            },
          ],
        },
      });
      toSign[k] = String(r.agreementId);
    }

    // a member whose on-chain name is markup (S: shown as text)
    const xssName = "<img src=x onerror=alert(1)>";
    const funder = await provider.getSigner(0);
    const intruder = new Wallet(keccakText("covenant-portal-e2e/xss"), provider);
    await (await funder.sendTransaction({ to: intruder.address, value: 10n ** 19n })).wait();
    await mintTestToken(createClient({ runner: provider, book, signer: funder }), {
      to: intruder.address,
      amount: 10n ** 12n,
    });
    await applyForMembership(createClient({ runner: provider, book, signer: intruder }), {
      entityId: entityIdHash("91XSS0000PORTAL0001"),
      name: xssName,
      kind: 0,
      profileHash: sha256Hex("profile"),
    });

    // a claim whose statement and evidence URIs are `javascript:` (S: never a link)
    const jsUri = "javascript:alert(document.domain)";
    const sme = summary.members.find((m: { key: string }) => m.key === "sme").address as string;
    const filed = await fileClaim(asFaw, {
      respondent: sme,
      agreementId: BigInt(summary.charter.agreementId),
      agreementVersion: 1,
      clauseId: encodeBytes32String("4.3"),
      statementHash: sha256Hex("statement"),
      statementURI: jsUri,
      evidenceHash: sha256Hex("evidence for the portal test\n"),
      evidenceURI: jsUri,
      remedies: Number(remediesToBits(["DAMAGES"])),
      damages: 1_000_000n,
      licenseId: 0,
    });
    // agreements a company Safe (the demo's 2-of-3 Safe of CISRI) has still to sign: by owners' files,
    // by on-chain approvals (through a SignMessageLib deployed here), and one for the rejection test
    const safeAgreements: Record<string, string> = {};
    for (const k of ["files", "approvals", "rejected"]) {
      const doc = `Covenant portal Safe test agreement (${k}) 门户多签测试协议`;
      const r = await createAgreement(asFaw, {
        input: {
          kind: AgreementKind.indexOf("Other"),
          parentId: 0,
          documentHash: sha256Hex(doc),
          termsHash: sha256Hex(`{"safeTest":"${k}"}`),
          uri: "https://example.org/agreements/portal-safe-test",
          parties: [await faw.getAddress(), summary.multisig.address as string],
          clauses: [
            {
              clauseId: encodeBytes32String("1.1"),
              damagesCap: 1_000_000n,
              remedies: remediesToBits(["DAMAGES"]),
            },
          ],
        },
      });
      safeAgreements[k] = String(r.agreementId);
    }
    const lib = await new SignMessageLib__factory(funder).deploy();
    await lib.waitForDeployment();

    // an outside company with gas and test yuan, to accept the demo's public licence offer
    const acceptor = new Wallet(keccakText("covenant-portal-e2e/acceptor"), provider);
    await (await funder.sendTransaction({ to: acceptor.address, value: 10n ** 19n })).wait();
    const reader = createClient({ runner: provider, book });
    const decimals = Number(await reader.testToken().decimals());
    await mintTestToken(createClient({ runner: provider, book, signer: funder }), {
      to: acceptor.address,
      amount: 1_000_000n * 10n ** BigInt(decimals),
    });
    // the SME owes installments (the demo's default): test yuan to pay one from the project page
    await mintTestToken(createClient({ runner: provider, book, signer: funder }), {
      to: sme,
      amount: 1_000_000n * 10n ** BigInt(decimals),
    });
    const lp = reader.licenseProposals();
    let offerId = 0n;
    for (let i = await lp.proposalCount(); i >= 1n && offerId === 0n; i--) {
      const pr = await lp.proposalOf(i);
      if (Number(pr.kind) === 0) offerId = i;
    }
    if (offerId === 0n) throw new Error("the demo left no public licence offer");
    provider.destroy();

    // ------------------------------------------------------------ the portal
    const portalPort = await freePort();
    portal = spawn(process.execPath, [CLI, "portal", "--rpc", rpcUrl, "--port", String(portalPort)], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const portalUrl = `http://127.0.0.1:${portalPort}/`;
    await waitFor(`${portalUrl}api/deployment.json`, "", 30_000, portal);

    const s: E2EState = {
      portalUrl,
      rpcUrl,
      chainId: 31337,
      deploymentsDir: env.COVENANT_DEPLOYMENTS_DIR!,
      demo: summary,
      toSign: toSign as E2EState["toSign"],
      signerKey: neuKey,
      signer: neu.address,
      xss: { member: intruder.address, name: xssName, claimId: String(filed.claimId), uri: jsUri },
      safe: {
        agreements: safeAgreements as E2EState["safe"]["agreements"],
        signMessageLib: await lib.getAddress(),
      },
      acting: {
        evidenceClaimId: String(filed.claimId),
        offerId: String(offerId),
        acceptorKey: acceptor.privateKey,
      },
    };
    const file = path.join(tmp, "state.json");
    fs.writeFileSync(file, JSON.stringify(s, null, 2));
    process.env.PORTAL_E2E_STATE = file;
    process.env.PORTAL_URL = portalUrl;
    return teardown;
  } catch (e) {
    await teardown();
    throw e;
  }
}
