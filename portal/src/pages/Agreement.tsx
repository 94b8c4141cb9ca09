import { useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import type { IAgreementRegistryFull } from "../../../typechain-types";
import {
  agreementIds,
  agreementView,
  partiesOf,
  signAgreementOnChain,
  submitSignature,
} from "../../../src/sdk/actions/agreements";
import {
  AGREEMENT_SIGNATURE_TYPES,
  agreementsDomain,
  describeTypedData,
  signAgreementTypedData,
} from "../../../src/sdk/eip712";
import { scanStart } from "../../../src/sdk/claims";
import { sha256Hex } from "../../../src/sdk/hash";
import { charterParamsToJson, termsHash, type CharterParamsStruct } from "../../../src/sdk/terms";
import { verifyAgreement, type Mismatch, type VerifyResult } from "../../../src/sdk/verify";
import { signatureFile } from "../../../src/present/signatureFile";
import { useChain } from "../context";
import { useNames } from "../data";
import { invalidate, useLoad } from "../hooks";
import { Addr, DataTable, download, ErrorLine, Field, Hash, Loading, SafeUri, Time } from "../format";
import { failureText, useWallet } from "../wallet";
import { SafeSignPanel, usePendingSafes } from "./AgreementSafe";

export function Agreements() {
  const { t } = useTranslation();
  const { client } = useChain();
  const a = useLoad("agreements", async () => {
    const ids = await agreementIds(client);
    return Promise.all(ids.map((id) => agreementView(client, { agreementId: id })));
  });
  if (a.error) return <ErrorLine error={a.error} />;
  if (!a.data) return <Loading />;
  return (
    <>
      <h1>{t("agreements.title")}</h1>
      <DataTable
        name="agreements"
        rows={a.data}
        rowKey={(r) => r.id}
        columns={[
          {
            key: "id",
            label: "#",
            render: (r) => <Link href={`/agreement/${r.id}`}>{t("agreement.name", { id: r.id })}</Link>,
          },
          {
            key: "kind",
            label: t("agreement.kind"),
            render: (r) => t(`enum.agreementKind.${r.kind}`, r.kind),
          },
          { key: "version", label: t("agreement.version") },
          {
            key: "status",
            label: t("agreement.status"),
            render: (r) => t(`enum.agreementStatus.${r.status}`, r.status),
          },
          { key: "signed", label: t("agreement.signed"), value: (r) => `${r.signedCount}/${r.partyCount}` },
          { key: "createdAt", label: t("agreement.createdAt"), render: (r) => <Time s={r.createdAt} /> },
        ]}
      />
    </>
  );
}

/** Reads a dropped or chosen file as bytes; nothing leaves the browser. */
async function bytesOf(f: File): Promise<Uint8Array> {
  return new Uint8Array(await f.arrayBuffer());
}

function mismatchText(m: Mismatch, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (m.field === "documentHash") return t("verify.docDiffers");
  if (m.field === "termsHash") return t("verify.termsDiffer");
  const p = /^parameters\.(.+)$/.exec(m.field);
  if (p) return t("verify.paramDiffers", { name: p[1] });
  const c = /^clauses\[(.+?)\](?:\.(.+))?$/.exec(m.field);
  if (c)
    return c[2]
      ? t("verify.clauseFieldDiffers", { id: c[1], field: c[2] })
      : t("verify.clauseDiffers", { id: c[1] });
  return m.field;
}

interface Verified {
  result: VerifyResult;
  documentName: string;
  termsName: string;
  localDocument: string;
  localTerms: string;
  block: number;
  at: number;
}

function VerifyPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const { client, book } = useChain();
  const [doc, setDoc] = useState<File>();
  const [terms, setTerms] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [out, setOut] = useState<Verified>();

  const take = (files: FileList | File[]) => {
    for (const f of Array.from(files)) {
      if (/\.json$/i.test(f.name) || f.type === "application/json") setTerms(f);
      else setDoc(f);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    take(e.dataTransfer.files);
  };
  const run = async () => {
    if (!doc || !terms) return;
    setBusy(true);
    setError(undefined);
    setOut(undefined);
    try {
      const [bytes, text] = [await bytesOf(doc), await terms.text()];
      let localTerms: string;
      try {
        localTerms = termsHash(text);
      } catch (e) {
        throw new Error(t("verify.badJson", { message: e instanceof Error ? e.message : String(e) }));
      }
      const block = await client.provider.getBlock("latest");
      const result = await verifyAgreement(
        client.agreements() as unknown as IAgreementRegistryFull,
        BigInt(id),
        bytes,
        text,
        scanStart(client),
      );
      setOut({
        result,
        documentName: doc.name,
        termsName: terms.name,
        localDocument: sha256Hex(bytes),
        localTerms,
        block: block?.number ?? 0,
        at: block?.timestamp ?? 0,
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const printReport = () => {
    document.documentElement.classList.add("print-report");
    const done = () => {
      document.documentElement.classList.remove("print-report");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  };
  return (
    <section aria-labelledby="verify-h" className="verify">
      <h2 id="verify-h">{t("verify.title")}</h2>
      <p className="muted">{t("verify.intro")}</p>
      <div
        className="drop no-print"
        onDragOver={(e) => e.preventDefault()}
        onDrop={onDrop}
        data-testid="verify-drop"
      >
        <p>{t("verify.drop")}</p>
        <label>
          {t("verify.document")}{" "}
          <input
            type="file"
            data-testid="verify-document"
            onChange={(e) => e.target.files && setDoc(e.target.files[0])}
          />
        </label>
        <label>
          {t("verify.terms")}{" "}
          <input
            type="file"
            accept=".json,application/json"
            data-testid="verify-terms"
            onChange={(e) => e.target.files && setTerms(e.target.files[0])}
          />
        </label>
        <p>
          {doc ? doc.name : "—"} · {terms ? terms.name : "—"}
        </p>
        <button
          type="button"
          disabled={!doc || !terms || busy}
          onClick={() => void run()}
          data-testid="verify-run"
        >
          {busy ? t("common.working") : t("verify.run")}
        </button>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {out ? (
        <div id="verify-report" data-testid="verify-report">
          <p className={out.result.ok ? "verdict ok" : "verdict bad"} data-testid="verdict" role="status">
            {out.result.ok ? t("verify.ok") : t("verify.bad", { n: out.result.mismatches.length })}
          </p>
          {out.result.mismatches.length ? (
            <table data-testid="mismatches">
              <thead>
                <tr>
                  <th scope="col">{t("verify.what")}</th>
                  <th scope="col">{t("verify.field")}</th>
                  <th scope="col">{t("verify.onChain")}</th>
                  <th scope="col">{t("verify.yours")}</th>
                </tr>
              </thead>
              <tbody>
                {out.result.mismatches.map((m) => (
                  <tr key={m.field} data-field={m.field}>
                    <td>{mismatchText(m, t)}</td>
                    <td>
                      <code>{m.field}</code>
                    </td>
                    <td>
                      <code className="hash">{m.onChain}</code>
                    </td>
                    <td>
                      <code className="hash">{m.local}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <h3>{t("verify.report")}</h3>
          <dl className="grid">
            <Field label={t("verify.chainId")}>{book.chainId}</Field>
            <Field label={t("verify.registry")}>
              <code>{book.contracts.AgreementRegistry}</code>
            </Field>
            <Field label={t("agreement.title")}>
              {t("agreement.name", { id })} · v{out.result.agreement.version} · {out.result.agreement.status}
            </Field>
            <Field label={t("verify.readAt")}>
              {out.block} · <Time s={out.at} />
            </Field>
            <Field label={t("agreement.documentHash")}>
              <Hash value={out.result.agreement.documentHash} />
              <br />
              <small>
                {out.documentName}: <Hash value={out.localDocument} />
              </small>
            </Field>
            <Field label={t("agreement.termsHash")}>
              <Hash value={out.result.agreement.termsHash} />
              <br />
              <small>
                {out.termsName}: <Hash value={out.localTerms} />
              </small>
            </Field>
            <Field label={t("verify.signatories")}>
              <ul className="plain">
                {[...out.result.parties, ...out.result.acceders].map((p) => (
                  <li key={p.address + String(p.accession)}>
                    <code>{p.address}</code> · {p.signed ? p.method : t("agreement.notSigned")}
                    {p.block ? ` · ${t("event.block")} ${p.block}` : ""}
                  </li>
                ))}
              </ul>
            </Field>
          </dl>
          <h4>{t("verify.byHand")}</h4>
          <pre className="howto">{`sha256sum '${out.documentName.replace(/'/g, "'\\''")}'
covenant terms canonical '${out.termsName.replace(/'/g, "'\\''")}' | sha256sum
covenant agreement verify ${id} --document '${out.documentName.replace(/'/g, "'\\''")}' --terms '${out.termsName.replace(/'/g, "'\\''")}'`}</pre>
          <p className="muted">{t("verify.byHandNote")}</p>
          <button type="button" className="no-print" onClick={printReport} data-testid="print-report">
            {t("verify.print")}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function SignPanel({ id, onSigned }: { id: string; onSigned: () => void }) {
  const { t } = useTranslation();
  const { client } = useChain();
  const w = useWallet();
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>();
  const info = useLoad(w.account ? `sign:${id}:${w.account}` : null, async () => {
    const reg = client.agreements() as unknown as IAgreementRegistryFull;
    const a = await reg.agreementOf(BigInt(id));
    const [record, domain, block] = await Promise.all([
      reg.signatureOf(BigInt(id), w.account!).catch(() => null),
      agreementsDomain(reg),
      client.provider.getBlock("latest"),
    ]);
    const deadline = BigInt((block?.timestamp ?? Math.floor(Date.now() / 1000)) + 7 * 24 * 3600);
    const value = {
      agreementId: BigInt(id),
      documentHash: a.documentHash,
      termsHash: a.termsHash,
      version: a.version,
      signer: w.account!,
      deadline,
    };
    return {
      domain,
      value,
      hashes: describeTypedData(domain, AGREEMENT_SIGNATURE_TYPES, { ...value }),
      method: record ? Number(record.method) : 0,
    };
  });
  if (!w.wallet || !w.account) return <p className="muted">{t("sign.connectFirst")}</p>;
  if (info.error) return <ErrorLine error={info.error} />;
  if (!info.data) return <Loading />;
  const d = info.data;
  const act = async (how: "direct" | "eip712") => {
    setBusy(true);
    setMsg(undefined);
    try {
      if (w.wrongNetwork) throw new Error(t("wallet.wrongNetworkShort"));
      const writer = w.writer();
      if (how === "direct") {
        const r = await signAgreementOnChain(writer, {
          agreementId: BigInt(id),
          documentHash: d.value.documentHash,
          termsHash: d.value.termsHash,
          action: "sign",
        });
        setMsg({ ok: true, text: t("sign.doneDirect", { tx: r.hash }) });
      } else {
        const signer = await w.signer();
        const signature = await signAgreementTypedData(signer, d.domain, d.value);
        const file = signatureFile("sign", d.domain, d.value, signature);
        const r = await submitSignature(writer, {
          action: "sign",
          agreementId: d.value.agreementId,
          documentHash: d.value.documentHash,
          termsHash: d.value.termsHash,
          signer: d.value.signer,
          deadline: d.value.deadline,
          signature,
        });
        setMsg({ ok: true, text: t("sign.doneTyped", { tx: r.hash, method: r.method }) });
        download(
          `signature-${id}-${d.value.signer}.json`,
          JSON.stringify(file, null, 2) + "\n",
          "application/json",
        );
      }
      invalidate();
      info.reload();
      onSigned();
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, t("wallet.rejected")) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="sign-h" className="sign no-print">
      <h2 id="sign-h">{t("sign.title")}</h2>
      <dl className="grid" data-testid="sign-fields">
        <Field label="agreementId">{String(d.value.agreementId)}</Field>
        <Field label="documentHash">
          <Hash value={d.value.documentHash} />
        </Field>
        <Field label="termsHash">
          <Hash value={d.value.termsHash} />
        </Field>
        <Field label="version">{String(d.value.version)}</Field>
        <Field label="signer">
          <code>{d.value.signer}</code>
        </Field>
        <Field label="deadline">
          {String(d.value.deadline)} (<Time s={d.value.deadline} />)
        </Field>
        <Field label={t("sign.domain")}>
          {String(d.domain.name)} v{String(d.domain.version)} · chain {String(d.domain.chainId)} ·{" "}
          <code>{String(d.domain.verifyingContract)}</code>
        </Field>
        <Field label={t("sign.domainSeparator")}>
          <code className="hash" data-testid="domain-separator">
            {d.hashes.domainSeparator}
          </code>
        </Field>
        <Field label={t("sign.structHash")}>
          <code className="hash" data-testid="struct-hash">
            {d.hashes.structHash}
          </code>
        </Field>
        <Field label={t("sign.digest")}>
          <code className="hash" data-testid="digest">
            {d.hashes.digest}
          </code>
        </Field>
      </dl>
      {d.method !== 0 ? <p className="ok">{t("sign.already")}</p> : null}
      {w.wrongNetwork ? (
        <p className="error" role="alert">
          {t("wallet.wrongNetworkShort")}
        </p>
      ) : null}
      <p>
        <button
          type="button"
          disabled={busy || w.wrongNetwork || d.method !== 0}
          onClick={() => void act("eip712")}
          data-testid="sign-eip712"
        >
          {t("sign.eip712")}
        </button>{" "}
        <button
          type="button"
          disabled={busy || w.wrongNetwork || d.method !== 0}
          onClick={() => void act("direct")}
          data-testid="sign-direct"
        >
          {t("sign.direct")}
        </button>
      </p>
      {msg ? (
        <p className={msg.ok ? "ok" : "error"} role={msg.ok ? "status" : "alert"} data-testid="sign-result">
          {msg.text}
        </p>
      ) : null}
    </section>
  );
}

/** A panel for each company Safe among the parties that has still to sign (S8). */
function SafeSigning({ id, onSigned }: { id: string; onSigned: () => void }) {
  const safes = usePendingSafes(id);
  const [done, setDone] = useState<string>();
  if (safes.error) return <ErrorLine error={safes.error} />;
  return (
    <>
      {(safes.data ?? []).map((s) => (
        <SafeSignPanel
          key={s.address}
          id={id}
          safe={s}
          onSigned={(text) => {
            setDone(text);
            safes.reload();
            onSigned();
          }}
        />
      ))}
      {done ? (
        <p className="ok no-print" role="status" data-testid="safe-result">
          {done}
        </p>
      ) : null}
    </>
  );
}

export function AgreementPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const a = useLoad(`agreement:${id}`, async () => {
    const view = await agreementView(client, { agreementId: BigInt(id) });
    const nameOf = async (x: string) => names.get(x.toLowerCase()) ?? "";
    const reg = client.agreements();
    const parties = await partiesOf(client, { agreementId: BigInt(id), nameOf });
    const root =
      view.rootId === view.id ? view : await agreementView(client, { agreementId: BigInt(view.rootId) });
    const charter = root.kind === "Charter";
    const acceders = charter
      ? await partiesOf(client, { agreementId: BigInt(id), nameOf, which: "acceders" })
      : [];
    const params = charter
      ? charterParamsToJson((await reg.charterParamsOf(BigInt(id))) as unknown as CharterParamsStruct)
      : null;
    const count = await reg.versionCount(BigInt(id));
    const chain: bigint[] = [];
    for (let o = 0n; o < count; o += 100n) chain.push(...(await reg.versionChain(BigInt(id), o, 100n)));
    const versions = await Promise.all(
      chain.map((v) => (String(v) === id ? view : agreementView(client, { agreementId: v }))),
    );
    return { view, parties, acceders, params, versions };
  });
  if (a.error) return <ErrorLine error={a.error} />;
  if (!a.data) return <Loading />;
  const { view, parties, acceders, params, versions } = a.data;
  const partyCols = [
    {
      key: "name",
      label: t("member.name"),
      render: (r: (typeof parties)[number]) => <Addr a={r.address} names={names} />,
      value: (r: (typeof parties)[number]) => r.name,
    },
    { key: "address", label: t("member.address") },
    {
      key: "signed",
      label: t("agreement.signedCol"),
      render: (r: (typeof parties)[number]) =>
        r.method !== "None" ? t("agreement.yesSigned") : t("agreement.notSigned"),
      value: (r: (typeof parties)[number]) => r.method !== "None",
    },
    {
      key: "method",
      label: t("agreement.method"),
      render: (r: (typeof parties)[number]) => t(`enum.signatureMethod.${r.method}`, r.method),
    },
    {
      key: "block",
      label: t("event.block"),
      render: (r: (typeof parties)[number]) => (r.block ? String(r.block) : "—"),
    },
    {
      key: "timestamp",
      label: t("event.time"),
      render: (r: (typeof parties)[number]) => <Time s={r.timestamp} />,
    },
  ];
  return (
    <>
      <h1>
        {t("agreement.name", { id: view.id })} · {t(`enum.agreementKind.${view.kind}`, view.kind)} v
        {view.version}
      </h1>
      <dl className="grid">
        <Field label={t("agreement.status")}>
          <span data-testid="agreement-status">{t(`enum.agreementStatus.${view.status}`, view.status)}</span>
          {view.inForce ? ` · ${t("agreement.inForce")}` : ""}
        </Field>
        <Field label={t("agreement.documentHash")}>
          <Hash value={view.documentHash} />
        </Field>
        <Field label={t("agreement.termsHash")}>
          <Hash value={view.termsHash} />
        </Field>
        <Field label={t("agreement.uri")}>
          <SafeUri uri={view.uri} />
        </Field>
        <Field label={t("agreement.creator")}>
          <Addr a={view.creator} names={names} />
        </Field>
        <Field label={t("agreement.createdAt")}>
          <Time s={view.createdAt} />
        </Field>
        <Field label={t("agreement.effectiveAt")}>
          <Time s={view.effectiveAt} />
        </Field>
        <Field label={t("agreement.signed")}>
          <span data-testid="signed-count">
            {view.signedCount}/{view.partyCount}
          </span>
        </Field>
      </dl>
      <DataTable
        name={`agreement-${id}-parties`}
        testId="parties"
        caption={t("agreement.parties")}
        rows={parties}
        rowKey={(r) => r.address}
        columns={partyCols}
      />
      {acceders.length ? (
        <DataTable
          name={`agreement-${id}-acceders`}
          caption={t("agreement.acceders")}
          rows={acceders}
          rowKey={(r) => r.address}
          columns={partyCols}
        />
      ) : null}
      <DataTable
        name={`agreement-${id}-clauses`}
        caption={t("agreement.clauses")}
        rows={view.clauses}
        rowKey={(r) => r.id}
        columns={[
          { key: "id", label: t("agreement.clause") },
          { key: "damagesCap", label: t("agreement.damagesCap") },
          { key: "remedies", label: t("agreement.remedies"), render: (r) => r.remedies.join(", ") },
        ]}
      />
      {params ? (
        <section aria-labelledby="params-h">
          <h3 id="params-h">{t("agreement.parameters")}</h3>
          <dl className="grid small" data-testid="charter-params">
            {Object.entries(params).map(([k, v]) => (
              <Field key={k} label={<code>{k}</code>}>
                {String(v)}
              </Field>
            ))}
          </dl>
        </section>
      ) : null}
      <DataTable
        name={`agreement-${id}-versions`}
        caption={t("agreement.versions")}
        rows={versions}
        rowKey={(r) => r.id}
        columns={[
          {
            key: "id",
            label: "#",
            render: (r) => <Link href={`/agreement/${r.id}`}>{t("agreement.name", { id: r.id })}</Link>,
          },
          { key: "version", label: t("agreement.version") },
          {
            key: "status",
            label: t("agreement.status"),
            render: (r) => t(`enum.agreementStatus.${r.status}`, r.status),
          },
          {
            key: "documentHash",
            label: t("agreement.documentHash"),
            render: (r) => <code className="hash">{r.documentHash}</code>,
          },
          {
            key: "effectiveAt",
            label: t("agreement.effectiveAt"),
            render: (r) => <Time s={r.effectiveAt} />,
          },
        ]}
      />
      <VerifyPanel id={id} />
      <SignPanel id={id} onSigned={() => a.reload()} />
      <SafeSigning id={id} onSigned={() => a.reload()} />
    </>
  );
}
