import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { claimView, ENTRY_KIND, listClaims, RULINGS } from "../../../src/sdk/claims";
import { recordClaimDocument } from "../../../src/sdk/actions/claims";
import { loggedEntries } from "../../../src/sdk/historyLog";
import { sha256Hex } from "../../../src/sdk/hash";
import { bitsToRemedies } from "../../../src/sdk/terms";
import { useChain } from "../context";
import { useNames, useToken } from "../data";
import { invalidate, useLoad } from "../hooks";
import { Addr, DataTable, ErrorLine, Field, Hash, Loading, money, SafeUri, Time } from "../format";
import { failureText, useWallet } from "../wallet";

export function Claims() {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const c = useLoad("claims", () => listClaims(client));
  if (c.error) return <ErrorLine error={c.error} />;
  if (!c.data) return <Loading />;
  return (
    <>
      <h1>{t("claims.title")}</h1>
      <DataTable
        name="claims"
        rows={c.data}
        rowKey={(r) => r.id}
        columns={[
          {
            key: "id",
            label: "#",
            render: (r) => <Link href={`/claim/${r.id}`}>{t("claim.name", { id: r.id })}</Link>,
          },
          {
            key: "status",
            label: t("claim.status"),
            render: (r) => t(`enum.claimStatus.${r.status}`, r.status),
          },
          {
            key: "claimant",
            label: t("claim.claimant"),
            render: (r) => <Addr a={r.claimant} names={names} />,
          },
          {
            key: "respondent",
            label: t("claim.respondent"),
            render: (r) => <Addr a={r.respondent} names={names} />,
          },
          { key: "agreementId", label: t("claim.agreement") },
          { key: "clause", label: t("claim.clause") },
          { key: "filedAt", label: t("claim.filedAt"), render: (r) => <Time s={r.filedAt} /> },
        ]}
      />
    </>
  );
}

/** "3 d 04:05:06" until `to` from the chain's clock `now` (seconds). */
export function countdown(to: number, now: number): string {
  let s = Math.max(0, Math.floor(to - now));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d} d ${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

function CheckEvidence({ hash }: { hash: string }) {
  const { t } = useTranslation();
  const [res, setRes] = useState<boolean>();
  return (
    <label className="check no-print">
      <span className="sr-only">{t("claim.checkFile")}</span>
      <input
        type="file"
        aria-label={t("claim.checkFile")}
        onChange={async (e) => {
          const f = e.target.files?.[0];
          if (!f) return;
          setRes(sha256Hex(new Uint8Array(await f.arrayBuffer())).toLowerCase() === hash.toLowerCase());
        }}
      />
      {res === undefined ? null : res ? (
        <span className="ok">{t("claim.fileMatches")}</span>
      ) : (
        <span className="error">{t("claim.fileDiffers")}</span>
      )}
    </label>
  );
}

function SubmitEvidence({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const w = useWallet();
  const [file, setFile] = useState<File>();
  const [uri, setUri] = useState("");
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>();
  if (!w.account) return null;
  return (
    <form
      className="action no-print"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!file) return;
        setMsg(undefined);
        try {
          if (w.wrongNetwork) throw new Error(t("wallet.wrongNetworkShort"));
          const hash = sha256Hex(new Uint8Array(await file.arrayBuffer()));
          const r = await recordClaimDocument(w.writer(), {
            claimId: BigInt(id),
            kind: "evidence",
            hash,
            uri,
          });
          setMsg({ ok: true, text: t("action.sent", { tx: r.hash }) });
          invalidate();
          onDone();
        } catch (err) {
          setMsg({ ok: false, text: failureText(err, t("wallet.rejected")) });
        }
      }}
    >
      <h3>{t("claim.submitEvidence")}</h3>
      <label>
        {t("claim.evidenceFile")}{" "}
        <input type="file" data-testid="evidence-file" onChange={(e) => setFile(e.target.files?.[0])} />
      </label>
      <label>
        URI{" "}
        <input
          type="url"
          value={uri}
          onChange={(e) => setUri(e.target.value)}
          placeholder="https://… / ipfs://…"
          data-testid="evidence-uri"
        />
      </label>
      <button type="submit" disabled={!file || w.wrongNetwork} data-testid="evidence-submit">
        {t("claim.submit")}
      </button>
      {msg ? (
        <p
          className={msg.ok ? "ok" : "error"}
          role={msg.ok ? "status" : "alert"}
          data-testid="evidence-result"
        >
          {msg.text}
        </p>
      ) : null}
    </form>
  );
}

export function ClaimPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const token = useToken();
  const [wall, setWall] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWall(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const c = useLoad(`claim:${id}`, async () => {
    const view = await claimView(client, BigInt(id));
    const block = await client.provider.getBlock("latest");
    const entries = (await loggedEntries(client, { toBlock: block?.number ?? 0 })).filter(
      (e) => e.entry.claimId === BigInt(id) && ENTRY_KIND[Number(e.entry.kind)] !== "DefaultRecorded",
    );
    return { view, chainNow: block?.timestamp ?? 0, readAt: Date.now(), entries };
  });
  if (c.error) return <ErrorLine error={c.error} />;
  if (!c.data) return <Loading />;
  const { view: v, entries } = c.data;
  const now = c.data.chainNow + Math.floor((wall - c.data.readAt) / 1000);
  const deadlines: [string, number][] = [
    ["claim.filedAt", v.filedAt],
    ["claim.cureEndsAt", v.cureEndsAt],
    ["claim.answerEndsAt", v.answerEndsAt],
    ...(v.panel
      ? ([
          ["claim.votingEndsAt", v.panel.votingEndsAt],
          ["claim.appealEndsAt", v.panel.appealEndsAt],
        ] as [string, number][])
      : []),
  ];
  const next = deadlines.filter(([, s]) => s > now).sort((a, b) => a[1] - b[1])[0];
  const tk = token.data ?? { symbol: "", decimals: 0 };
  return (
    <>
      <h1>
        {t("claim.name", { id: v.id })} ·{" "}
        <span data-testid="claim-status">{t(`enum.claimStatus.${v.status}`, v.status)}</span>
      </h1>
      <dl className="grid">
        <Field label={t("claim.claimant")}>
          <Addr a={v.claimant} names={names} />
        </Field>
        <Field label={t("claim.respondent")}>
          <Addr a={v.respondent} names={names} />
        </Field>
        <Field label={t("claim.agreement")}>
          <Link href={`/agreement/${v.agreementId}`}>{t("agreement.name", { id: v.agreementId })}</Link> v
          {v.agreementVersion} · {t("claim.clause")} {v.clause}
        </Field>
        <Field label={t("claim.remedies")}>{v.remedies.join(", ") || "—"}</Field>
        <Field label={t("claim.damages")}>{money(v.damages, tk)}</Field>
        <Field label={t(v.status === "Executed" ? "claim.owed" : "claim.bond")}>{money(v.bond, tk)}</Field>
        <Field label={t("claim.statement")}>
          <Hash value={v.statementHash} /> <SafeUri uri={v.statementURI} />
        </Field>
        <Field label={t("claim.arbitrator")}>
          <code>{v.arbitrator}</code> {v.disputeId ? `· ${t("claim.dispute")} ${v.disputeId}` : ""}
        </Field>
        <Field label={t("claim.ruling")}>{v.ruling || "—"}</Field>
      </dl>
      <section aria-labelledby="life-h">
        <h2 id="life-h">{t("claim.lifecycle")}</h2>
        <p data-testid="countdown" role="timer">
          {next
            ? t("claim.next", { what: t(next[0]), left: countdown(next[1], now) })
            : t("claim.noDeadline")}
        </p>
        <ol className="deadlines">
          {deadlines.map(([k, s]) => (
            <li key={k} className={s && s <= now ? "past" : "future"}>
              {t(k)}: <Time s={s} />
            </li>
          ))}
        </ol>
        {v.panel ? (
          <p>
            {t("claim.panel")}: {v.panel.phase} · {t("claim.round")} {v.panel.round} ·{" "}
            {v.panel.panel.map((p) => (
              <Addr key={p} a={p} names={names} />
            ))}
          </p>
        ) : null}
      </section>
      <DataTable
        name={`claim-${id}-evidence`}
        testId="evidence"
        caption={t("claim.evidence")}
        rows={v.evidence}
        rowKey={(r) => r.tx + r.hash}
        columns={[
          { key: "party", label: t("claim.party"), render: (r) => <Addr a={r.party} names={names} /> },
          { key: "hash", label: t("history.hash"), render: (r) => <code className="hash">{r.hash}</code> },
          { key: "uri", label: "URI", render: (r) => <SafeUri uri={r.uri} /> },
          { key: "timestamp", label: t("event.time"), render: (r) => <Time s={r.timestamp} /> },
          {
            key: "check",
            label: t("claim.check"),
            render: (r) => <CheckEvidence hash={r.hash} />,
            value: () => "",
          },
        ]}
      />
      <DataTable
        name={`claim-${id}-record`}
        caption={t("claim.record")}
        rows={entries}
        rowKey={(r) => String(r.entryId)}
        columns={[
          { key: "entryId", label: "#", value: (r) => String(r.entryId) },
          {
            key: "kind",
            label: t("event.event"),
            render: (r) => ENTRY_KIND[Number(r.entry.kind)],
            value: (r) => ENTRY_KIND[Number(r.entry.kind)],
          },
          {
            key: "detail",
            label: t("history.detail"),
            render: (r) => {
              const k = ENTRY_KIND[Number(r.entry.kind)];
              if (k === "Ruled" || k === "Dismissed")
                return RULINGS[Number(r.entry.detailKind)] ?? String(r.entry.detailKind);
              if (k === "PenaltyApplied")
                return `${bitsToRemedies(r.entry.detailKind).join(", ")} ${money(r.entry.amount, tk)}`;
              return r.entry.amount ? money(r.entry.amount, tk) : "";
            },
            value: (r) => String(r.entry.detailKind),
          },
          {
            key: "recordedAt",
            label: t("event.time"),
            render: (r) => <Time s={r.entry.recordedAt} />,
            value: (r) => String(r.entry.recordedAt),
          },
          { key: "block", label: t("event.block") },
        ]}
      />
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t("claim.printDossier")}
        </button>
      </p>
      <SubmitEvidence id={id} onDone={() => c.reload()} />
    </>
  );
}
