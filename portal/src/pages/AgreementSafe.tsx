import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getAddress, isAddress } from "ethers";
import type { IAgreementRegistryFull } from "../../../typechain-types";
import { partiesOf, submitSignature } from "../../../src/sdk/actions/agreements";
import { approveSafeMessage, safeApprovals } from "../../../src/sdk/actions/safe";
import { AGREEMENT_SIGNATURE_TYPES, agreementsDomain, describeTypedData } from "../../../src/sdk/eip712";
import { readSafe, SAFE_141_CANONICAL, signSafeMessage, type SafeInfo } from "../../../src/sdk/safe";
import {
  combineSafeOwnerFiles,
  parseAnySignatureFile,
  safeOwnerSignatureFile,
  type SafeOwnerSignatureFile,
} from "../../../src/present/signatureFile";
import { useChain } from "../context";
import { invalidate, useLoad } from "../hooks";
import { download, ErrorLine, Field, Hash, Loading, Time } from "../format";
import { failureText, useWallet } from "../wallet";

/** The Safes among an agreement's parties that have not signed yet (a contract that answers as a Safe 1.4.1). */
export function usePendingSafes(id: string) {
  const { client } = useChain();
  return useLoad(`safes:${id}`, async () => {
    const parties = await partiesOf(client, { agreementId: BigInt(id), nameOf: async () => "" });
    const safes: SafeInfo[] = [];
    for (const p of parties.filter((x) => x.method === "None"))
      if ((await client.provider.getCode(p.address)) !== "0x") {
        const s = await readSafe(client.provider, p.address).catch(() => null);
        if (s) safes.push(s);
      }
    return safes;
  });
}

type Msg = { ok: boolean; text: string };

/**
 * A company Safe signs an agreement (S8): each owner signs the Safe's `SafeMessage` over the
 * agreement's EIP-712 digest with its own wallet. The partial signatures travel as the CLI's owner
 * signature files (downloaded, then uploaded by the next owner) or as on-chain approvals of a Safe
 * transaction calling SignMessageLib; the panel counts them against the threshold and submits the
 * Safe's signature once it is reached. Every hash, check and combination is the SDK's.
 */
export function SafeSignPanel({
  id,
  safe,
  onSigned,
}: {
  id: string;
  safe: SafeInfo;
  /** The Safe has signed: the panel goes; `text` says so (shown by the caller). */
  onSigned: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { client } = useChain();
  const w = useWallet();
  const [deadlineText, setDeadlineText] = useState<string>();
  const [parts, setParts] = useState<{ name: string; file: SafeOwnerSignatureFile }[]>([]);
  const [lib, setLib] = useState<string>(SAFE_141_CANONICAL.signMessageLib);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Msg>();
  const base = useLoad(`safe-sign:${id}:${safe.address}`, async () => {
    const reg = client.agreements() as unknown as IAgreementRegistryFull;
    const [a, domain, block] = await Promise.all([
      reg.agreementOf(BigInt(id)),
      agreementsDomain(reg),
      client.provider.getBlock("latest"),
    ]);
    const now = block?.timestamp ?? Math.floor(Date.now() / 1000);
    return { a, domain, defaultDeadline: String(now + 7 * 24 * 3600) };
  });
  const deadline = deadlineText ?? base.data?.defaultDeadline ?? "";
  const deadlineOk = /^\d{1,12}$/.test(deadline);
  const libOk = isAddress(lib);
  const d = base.data && deadlineOk ? describe(base.data, safe, id, BigInt(deadline)) : undefined;
  const approvals = useLoad(
    d && libOk ? `safe-approvals:${safe.address}:${d.described.digest}:${lib}` : null,
    async () => {
      const fresh = await readSafe(client.provider, safe.address);
      return {
        safe: fresh,
        seen: await safeApprovals(client.provider, client.chainId, fresh, {
          digest: d!.described.digest,
          signMessageLib: lib,
        }),
      };
    },
  );
  if (base.error) return <ErrorLine error={base.error} />;
  if (!base.data) return <Loading />;
  const owner = w.account && safe.owners.includes(getAddress(w.account)) ? getAddress(w.account) : undefined;
  const signedByFile = [...new Set(parts.map((p) => p.file.owner))];
  const approvedOnChain = approvals.data?.seen.approvals ?? [];
  const safeSigned = approvals.data?.seen.signed ?? false;
  const enough = signedByFile.length >= safe.threshold;

  const run = async (what: () => Promise<Msg | undefined>) => {
    setBusy(true);
    setMsg(undefined);
    try {
      if (w.wrongNetwork) throw new Error(t("wallet.wrongNetworkShort"));
      setMsg(await what());
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, t("wallet.rejected")) });
    } finally {
      setBusy(false);
    }
  };

  const upload = async (files: FileList | null) => {
    setMsg(undefined);
    if (!files || !base.data) return;
    try {
      let next = parts;
      let dl = deadline;
      for (const f of Array.from(files)) {
        const parsed = parseAnySignatureFile(await f.text(), f.name);
        if (parsed.kind !== "safe-owner") throw new Error(t("safe.notOwnerFile", { file: f.name }));
        const file = parsed.file;
        if (next.length === 0) dl = file.deadline; // the first file fixes the deadline every owner signs
        const mine = describe(base.data, safe, id, BigInt(dl));
        if (file.digest !== mine.described.digest)
          throw new Error(t("safe.otherSignature", { file: f.name, digest: mine.described.digest }));
        // the SDK's own checks: same signature, digest and Safe message hash recomputed, the owner's
        // signature recovers to an owner of this Safe, one owner counts once
        combineSafeOwnerFiles([...next, { name: f.name, file }], { ...safe, threshold: 0 });
        next = [...next, { name: f.name, file }];
      }
      setDeadlineText(dl);
      setParts(next);
    } catch (e) {
      setMsg({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };

  const signFile = () =>
    run(async () => {
      const m = d!;
      const signature = await signSafeMessage(
        await w.signer(),
        client.chainId,
        safe.address,
        m.described.digest,
      );
      const file = safeOwnerSignatureFile(
        "sign",
        m.domain,
        m.value,
        { owner: owner!, digest: m.described.digest, safeMessageHash: m.described.safe!.safeMessageHash },
        signature,
      );
      const name = `safe-signature-${id}-${owner}.json`;
      combineSafeOwnerFiles([...parts, { name, file }], { ...safe, threshold: 0 });
      setParts([...parts, { name, file }]);
      setDeadlineText(deadline);
      download(name, JSON.stringify(file, null, 2) + "\n", "application/json");
      return { ok: true, text: t("safe.fileSigned", { owner }) };
    });

  const submitFiles = () =>
    run(async () => {
      const combined = combineSafeOwnerFiles(parts, await readSafe(client.provider, safe.address));
      const r = await submitSignature(w.writer(), {
        action: "sign",
        agreementId: BigInt(combined.agreementId),
        documentHash: combined.documentHash,
        termsHash: combined.termsHash,
        signer: combined.signer,
        deadline: BigInt(combined.deadline),
        signature: combined.signature,
      });
      invalidate();
      onSigned(t("safe.submitted", { tx: r.hash, method: r.method }));
      return undefined;
    });

  const approve = () =>
    run(async () => {
      const m = d!;
      const writer = w.writer();
      const step = await approveSafeMessage(writer, {
        safe: safe.address,
        digest: m.described.digest,
        signMessageLib: lib,
      });
      approvals.reload();
      if (step.state === "approved" || step.state === "waiting")
        return {
          ok: true,
          text: t(step.state === "approved" ? "safe.approved" : "safe.waiting", {
            n: step.approvals.length,
            threshold: step.safe.threshold,
            tx: step.state === "approved" ? step.hash : "",
          }),
        };
      const r = await submitSignature(writer, {
        action: "sign",
        agreementId: m.value.agreementId,
        documentHash: m.value.documentHash,
        termsHash: m.value.termsHash,
        signer: safe.address,
        deadline: m.value.deadline,
        signature: "0x",
      });
      invalidate();
      onSigned(t("safe.submitted", { tx: r.hash, method: r.method }));
      return undefined;
    });

  const blocked = busy || w.wrongNetwork || !d;
  return (
    <section aria-labelledby={`safe-h-${safe.address}`} className="sign no-print" data-testid="safe-panel">
      <h2 id={`safe-h-${safe.address}`}>{t("safe.title")}</h2>
      <p className="muted">
        {t("safe.intro", { threshold: safe.threshold, owners: safe.owners.length })}{" "}
        <code>{safe.address}</code>
      </p>
      <label>
        {t("safe.deadline")}{" "}
        <input
          value={deadline}
          onChange={(e) => {
            setDeadlineText(e.target.value.trim());
            setParts([]);
          }}
          inputMode="numeric"
          data-testid="safe-deadline"
          disabled={parts.length > 0}
        />
      </label>{" "}
      {deadlineOk ? <Time s={BigInt(deadline)} /> : <span className="error">{t("safe.badDeadline")}</span>}
      {d ? (
        <dl className="grid" data-testid="safe-fields">
          {d.described.fields.map((f) => (
            <Field key={f.name} label={f.name}>
              <code className={f.type === "bytes32" ? "hash" : undefined}>{f.value}</code>
            </Field>
          ))}
          <Field label={t("sign.domain")}>{Object.values(d.described.domain).map(String).join(" · ")}</Field>
          <Field label={t("sign.domainSeparator")}>
            <Hash value={d.described.domainSeparator} />
          </Field>
          <Field label={t("sign.structHash")}>
            <Hash value={d.described.structHash} />
          </Field>
          <Field label={t("sign.digest")}>
            <code className="hash" data-testid="safe-digest">
              {d.described.digest}
            </code>
          </Field>
          <Field label={t("safe.domainSeparator")}>
            <code className="hash" data-testid="safe-domain-separator">
              {d.described.safe!.domainSeparator}
            </code>
          </Field>
          <Field label={t("safe.structHash")}>
            <code className="hash" data-testid="safe-struct-hash">
              {d.described.safe!.structHash}
            </code>
          </Field>
          <Field label={t("safe.messageHash")}>
            <code className="hash" data-testid="safe-message-hash">
              {d.described.safe!.safeMessageHash}
            </code>
          </Field>
        </dl>
      ) : null}
      <table data-testid="safe-owners">
        <caption>
          {t("safe.owners")}:{" "}
          <strong data-testid="safe-count">
            {t("safe.count", { n: signedByFile.length, threshold: safe.threshold })}
          </strong>{" "}
          · {t("safe.onChainCount", { n: approvedOnChain.length, threshold: safe.threshold })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("safe.owner")}</th>
            <th scope="col">{t("safe.byFile")}</th>
            <th scope="col">{t("safe.byApproval")}</th>
          </tr>
        </thead>
        <tbody>
          {safe.owners.map((o) => (
            <tr key={o}>
              <td>
                <code>{o}</code>
                {o === owner ? ` (${t("safe.you")})` : ""}
              </td>
              <td>{signedByFile.includes(o) ? t("common.yes") : "—"}</td>
              <td>{approvedOnChain.includes(o) ? t("common.yes") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {safeSigned ? <p className="ok">{t("safe.safeSigned")}</p> : null}
      <h3>{t("safe.fileRoute")}</h3>
      <p className="muted">{t("safe.fileRouteIntro")}</p>
      <label>
        {t("safe.upload")}{" "}
        <input
          type="file"
          multiple
          accept=".json,application/json"
          data-testid="safe-upload"
          onChange={(e) => void upload(e.target.files)}
        />
      </label>
      {!w.account ? <p className="muted">{t("sign.connectFirst")}</p> : null}
      {w.account && !owner ? <p className="muted">{t("safe.notOwner")}</p> : null}
      <p>
        <button
          type="button"
          disabled={blocked || !owner || signedByFile.includes(owner ?? "")}
          onClick={() => void signFile()}
          data-testid="safe-sign-file"
        >
          {t("safe.signFile")}
        </button>{" "}
        <button
          type="button"
          disabled={blocked || !w.account || !enough}
          onClick={() => void submitFiles()}
          data-testid="safe-submit"
        >
          {t("safe.submit")}
        </button>
      </p>
      <h3>{t("safe.approvalRoute")}</h3>
      <p className="muted">{t("safe.approvalRouteIntro")}</p>
      <label>
        SignMessageLib{" "}
        <input value={lib} onChange={(e) => setLib(e.target.value.trim())} data-testid="safe-lib" size={44} />
      </label>
      {!libOk ? <span className="error"> {t("safe.badLib")}</span> : null}
      <p>
        <button
          type="button"
          disabled={blocked || !owner || !libOk}
          onClick={() => void approve()}
          data-testid="safe-approve"
        >
          {t("safe.approve")}
        </button>
      </p>
      {w.wrongNetwork ? (
        <p className="error" role="alert">
          {t("wallet.wrongNetworkShort")}
        </p>
      ) : null}
      {msg ? (
        <p className={msg.ok ? "ok" : "error"} role={msg.ok ? "status" : "alert"} data-testid="safe-result">
          {msg.text}
        </p>
      ) : null}
    </section>
  );
}

/** The agreement signature the Safe gives and its hashes (the SDK's, as the CLI prints them). */
function describe(
  b: {
    a: Awaited<ReturnType<IAgreementRegistryFull["agreementOf"]>>;
    domain: Parameters<typeof describeTypedData>[0];
  },
  safe: SafeInfo,
  id: string,
  deadline: bigint,
) {
  const value = {
    agreementId: BigInt(id),
    documentHash: b.a.documentHash,
    termsHash: b.a.termsHash,
    version: b.a.version,
    signer: safe.address,
    deadline,
  };
  return {
    domain: b.domain,
    value,
    described: describeTypedData(b.domain, AGREEMENT_SIGNATURE_TYPES, { ...value }, { safe: safe.address }),
  };
}
