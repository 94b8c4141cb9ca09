import { useMemo, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import {
  readMemberHistory,
  HISTORY_CATEGORIES,
  type HistoryItem,
  type PartialHistory,
} from "../../../src/sdk/history";
import { memberView, type MemberView } from "../../../src/sdk/members";
import { renderDossier } from "../../../src/present/dossier";
import { HISTORY_COLUMNS } from "../../../src/present/history";
import type { Chain } from "../chain";
import { useChain } from "../context";
import { cached, useLoad } from "../hooks";
import {
  download,
  ErrorLine,
  ExportButtons,
  Field,
  Hash,
  formatIso,
  Loading,
  SafeUri,
  Time,
  type Column,
} from "../format";

export const HISTORY_PAGE = 50;

/** The record so far of each history being read (by its read's key), and who follows it. */
const streams = new Map<string, { partial?: PartialHistory; listeners: Set<() => void> }>();

function streamOf(key: string) {
  let s = streams.get(key);
  if (!s) {
    s = { listeners: new Set() };
    streams.set(key, s);
  }
  return s;
}

/** Resolves once the browser has drawn what React has just been given (or after 250 ms at most). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const latest = setTimeout(resolve, 250);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(latest);
        resolve();
      }, 0),
    );
  });
}

/** The block a member page reads at, read once for its record and its history. */
const blockKey = (address: string) => `member-block:${address}`;
const viewKey = (address: string) => `member-view:${address}`;
const recordKey = (address: string) => `member:${address}`;
const historyKey = (address: string) => `history:${address}`;

/**
 * Starts a member page's reads: the member's record (read once, for the record and the history) and
 * its history, whose first range goes out with the record's other first reads. `main.tsx` calls this
 * before React's first render when the page opened is a member page; the page calls it again (each
 * read is started once, until the cache is cleared after a transaction).
 */
export function primeMemberPage(chain: Chain, address: string): void {
  void readRecord(chain, address);
  void readHistory(chain, address);
  // the ABIs the history's next steps decode with are parsed while the first reads are in flight
  // (the client parses each once), not when their answers arrive
  if (typeof requestIdleCallback === "function")
    requestIdleCallback(() => {
      const { client } = chain;
      if (client.has("AgreementRegistry")) client.agreements();
      if (client.has("DisputeResolution")) client.disputes();
      if (client.has("BreachHistory")) client.history();
    });
}

const viewOf = ({ client }: Chain, address: string) =>
  cached<MemberView>(viewKey(address), () => memberView(client, address));

/** The member's record and standing (the record read once for the page and its history). */
function readRecord(chain: Chain, address: string) {
  return cached(recordKey(address), async () => {
    const [v, good] = await Promise.all([
      viewOf(chain, address),
      chain.client.membership().isInGoodStanding(address),
    ]);
    return { ...v, good };
  });
}

/** The member's history, streamed (its partial records through {@link usePartial}). */
function readHistory(chain: Chain, address: string) {
  const { client } = chain;
  // The member's own chain is read newest first, in block ranges: the first page (the newest 50
  // entries) is shown once the blocks read hold 50 entries, while older blocks stream in (each later
  // range is asked once the first partial record is drawn). Every entry is checked against the
  // on-chain heads (I8) only after the whole history is read; the page says "verified" only once
  // that check completes.
  return cached(historyKey(address), () => {
    const stream = streamOf(historyKey(address));
    stream.partial = undefined;
    return readMemberHistory(client, address, {
      atBlock: cached(blockKey(address), () => client.provider.getBlockNumber()),
      member: viewOf(chain, address),
      onPartial: (partial) => {
        stream.partial = partial;
        for (const l of stream.listeners) l();
        return afterPaint();
      },
    });
  });
}

/** The partial record of the history read `key` (undefined before its first range is read). */
function usePartial(key: string): PartialHistory | undefined {
  const stream = streamOf(key);
  return useSyncExternalStore(
    (listener) => {
      stream.listeners.add(listener);
      return () => stream.listeners.delete(listener);
    },
    () => stream.partial,
  );
}

/** Resolves when the page's thread is idle (the verification's fold runs after the page is drawn). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}

/** The member's whole history as a picture: one lane per kind of event, one dot per entry. */
export function Timeline({ items, label }: { items: HistoryItem[]; label: string }) {
  const { t } = useTranslation();
  const W = 960;
  const left = 120;
  const lane = 28;
  const H = lane * HISTORY_CATEGORIES.length + 30;
  const times = items.map((i) => i.time);
  const t0 = times.length ? Math.min(...times) : 0;
  const t1 = times.length ? Math.max(...times) : 1;
  const x = (tm: number) => left + (t1 === t0 ? 0.5 : (tm - t0) / (t1 - t0)) * (W - left - 20);
  // many entries: one mark per pixel column and lane
  const marks = (() => {
    const seen = new Map<string, { item: HistoryItem; n: number }>();
    for (const it of items) {
      const key = `${it.category}:${Math.round(x(it.time))}`;
      const s = seen.get(key);
      if (s) s.n++;
      else seen.set(key, { item: it, n: 1 });
    }
    return [...seen.values()];
  })();
  return (
    <figure className="timeline">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="timeline">
        {HISTORY_CATEGORIES.map((c, i) => (
          <g key={c}>
            <line x1={left} x2={W - 10} y1={i * lane + 14} y2={i * lane + 14} className="lane" />
            <text x={4} y={i * lane + 18} className="lane-label">
              {t(`history.category.${c}`)}
            </text>
          </g>
        ))}
        {marks.map(({ item, n }, i) => (
          <circle
            key={i}
            cx={x(item.time)}
            cy={HISTORY_CATEGORIES.indexOf(item.category) * lane + 14}
            r={n > 1 ? 6 : 5}
            className={`dot cat-${item.category}`}
          >
            <title>{`${item.iso} ${item.event}${n > 1 ? ` (+${n - 1})` : ""}: ${item.detail}`}</title>
          </circle>
        ))}
        <text x={left} y={H - 6} className="axis">
          {items.length ? items[0].iso : ""}
        </text>
        <text x={W - 10} y={H - 6} className="axis" textAnchor="end">
          {items.length ? items[items.length - 1].iso : ""}
        </text>
      </svg>
    </figure>
  );
}

export function MemberPage({ address }: { address: string }) {
  const { t } = useTranslation();
  const chain = useChain();
  const [page, setPage] = useState(0);
  // both reads are started already when the page was opened at this address (primeMemberPage)
  const record = useLoad(recordKey(address), () => readRecord(chain, address));
  const history = useLoad(historyKey(address), () => readHistory(chain, address));
  const partial = usePartial(historyKey(address));
  const h = history.data?.history;
  // newest first: the whole history once read, else the entries of the blocks read so far
  const newest = useMemo(() => {
    if (h) return [...h.items].reverse();
    if (!partial) return undefined;
    return partial.history.items.filter((i) => i.block !== undefined && i.block >= partial.from).reverse();
  }, [h, partial]);
  const verify = history.data?.verify;
  // the fold of every entry to the on-chain heads runs once the page's thread is idle (I8)
  const checked = useLoad(verify ? `history-check:${address}` : null, () => whenIdle().then(() => verify!()));
  const verification = checked.data;
  const columns: Column<HistoryItem>[] = useMemo(
    () => [
      { key: "time", label: t("event.time"), render: (r) => <Time s={r.time} />, value: (r) => r.iso },
      {
        key: "category",
        label: t("history.categoryCol"),
        render: (r) => t(`history.category.${r.category}`),
      },
      { key: "event", label: t("event.event"), render: (r) => <strong>{r.event}</strong> },
      { key: "role", label: t("history.role") },
      {
        key: "claim",
        label: t("history.claim"),
        render: (r) => (r.claimId ? <Link href={`/claim/${r.claimId}`}>{r.claimId}</Link> : ""),
        value: (r) => r.claimId ?? "",
      },
      {
        key: "agreement",
        label: t("history.agreement"),
        render: (r) =>
          r.agreementId ? <Link href={`/agreement/${r.agreementId}`}>{r.agreementId}</Link> : "",
        value: (r) => r.agreementId ?? "",
      },
      { key: "detail", label: t("history.detail"), render: (r) => <span>{r.detail}</span> },
      {
        key: "hash",
        label: t("history.hash"),
        render: (r) => (r.hash ? <code className="hash">{r.hash}</code> : ""),
        value: (r) => r.hash ?? "",
      },
      {
        key: "uri",
        label: t("history.uri"),
        render: (r) => (r.uri ? <SafeUri uri={r.uri} /> : ""),
        value: (r) => r.uri ?? "",
      },
      { key: "block", label: t("event.block"), value: (r) => r.block ?? "" },
    ],
    [t],
  );
  if (record.error) return <ErrorLine error={record.error} />;
  if (!record.data) return <Loading />;
  const v = record.data;
  // while older blocks are still read, only whole pages are shown (a page's entries are final)
  const readPages = newest ? Math.floor(newest.length / HISTORY_PAGE) : 0;
  const pages = h ? Math.max(1, Math.ceil(h.items.length / HISTORY_PAGE)) : readPages;
  const at = Math.min(page, Math.max(0, pages - 1));
  const shown = newest && pages > 0 ? newest.slice(at * HISTORY_PAGE, (at + 1) * HISTORY_PAGE) : [];
  return (
    <>
      <h1 data-testid="member-name">{v.name || v.address}</h1>
      <section aria-labelledby="record-h">
        <h2 id="record-h">{t("member.record")}</h2>
        <dl className="grid">
          <Field label={t("member.address")}>
            <code>{v.address}</code>
          </Field>
          <Field label={t("member.kind")}>{t(`enum.memberKind.${v.kind}`, v.kind)}</Field>
          <Field label={t("member.status")}>
            <span data-testid="member-status">{t(`enum.memberStatus.${v.status}`, v.status)}</span>
          </Field>
          <Field label={t("member.standing")}>
            {v.good ? t("member.goodStanding") : t("member.notGoodStanding")}
          </Field>
          <Field label={t("member.seat")}>{v.seatId}</Field>
          <Field label={t("member.entityId")}>
            <Hash value={v.entityId} />
          </Field>
          <Field label={t("member.profileHash")}>
            <Hash value={v.profileHash} />
          </Field>
          <Field label={t("member.appliedAt")}>{formatIso(v.appliedAt)}</Field>
          <Field label={t("member.admittedAt")}>{formatIso(v.admittedAt)}</Field>
          {h?.counts && Object.keys(h.counts).length ? (
            <Field label={t("member.counts")}>
              <span className="counts">
                {Object.entries(h.counts)
                  .filter(([, n]) => n !== "0")
                  .map(([k, n]) => `${k} ${n}`)
                  .join(" · ") || "—"}
              </span>
            </Field>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t("history.title")}</h2>
        {history.error ? <ErrorLine error={history.error} /> : null}
        {!newest || pages === 0 ? (
          <Loading what={t("history.loading")} />
        ) : (
          <>
            {checked.error ? <ErrorLine error={checked.error} /> : null}
            <p
              data-testid="verified"
              className={verification && !verification.verified ? "error" : verification ? "ok" : ""}
            >
              {h && !verify
                ? t("history.noCheck")
                : verification
                  ? verification.verified
                    ? t("history.verified", { block: verification.block })
                    : t("history.notVerified", { block: verification.block })
                  : t("history.checking")}
            </p>
            {h ? <Timeline items={h.items} label={t("history.timeline", { n: h.items.length })} /> : null}
            <div className="table-head no-print">
              {h ? (
                <>
                  <span data-testid="history-count">{t("history.count", { n: h.items.length })}</span>
                  <ExportButtons name={`history-${v.address}`} columns={columns} rows={h.items} />
                  <button
                    type="button"
                    onClick={() =>
                      download(
                        `dossier-${v.address}.html`,
                        renderDossier(verification ? { ...h, verification } : h),
                        "text/html;charset=utf-8",
                      )
                    }
                  >
                    {t("history.dossier")}
                  </button>
                  <button type="button" onClick={() => window.print()}>
                    {t("common.print")}
                  </button>
                </>
              ) : (
                <span data-testid="history-reading" role="status">
                  {t("history.reading", { n: newest.length })}
                </span>
              )}
            </div>
            <table data-testid="history-table" data-columns={HISTORY_COLUMNS.join(",")}>
              <caption className="muted">{t("history.newestFirst")}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.key} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((r, i) => (
                  <tr key={at * HISTORY_PAGE + i} data-event={r.event} data-block={r.block ?? ""}>
                    {columns.map((c) => (
                      <td key={c.key}>
                        {c.render
                          ? c.render(r)
                          : String((r as unknown as Record<string, unknown>)[c.key] ?? "")}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {pages > 1 || !h ? (
              <nav className="pager no-print" aria-label={t("history.pages")}>
                <button type="button" disabled={at === 0} onClick={() => setPage(at - 1)}>
                  {t("common.previous")}
                </button>
                <span data-testid="page">
                  {h ? t("history.page", { page: at + 1, pages }) : t("history.pageSoFar", { page: at + 1 })}
                </span>
                <button type="button" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>
                  {t("common.next")}
                </button>
              </nav>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
