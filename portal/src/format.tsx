import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { formatUnits } from "ethers";

/**
 * The browser's time zone and the formatter of its offset, made once: a page of 50 times made two
 * `Intl.DateTimeFormat`s per time, about a third of a second of a member page's first drawing.
 */
let zoneFormat: { zone: string; offset: Intl.DateTimeFormat } | undefined;

/** Labels by quarter hour: every time zone's offset changes only on a quarter hour. */
const zoneLabels = new Map<number, string>();

/** The browser's time zone and its offset at `at`, e.g. "Asia/Shanghai, GMT+8". */
export function timeZoneLabel(at = new Date()): string {
  const quarter = Math.floor(at.getTime() / 900_000);
  const known = zoneLabels.get(quarter);
  if (known !== undefined) return known;
  zoneFormat ??= {
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    offset: new Intl.DateTimeFormat("en-US", { timeZoneName: "shortOffset" }),
  };
  const { zone } = zoneFormat;
  const offset = zoneFormat.offset.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "";
  const label = offset && offset !== zone ? `${zone}, ${offset}` : zone;
  if (zoneLabels.size > 10_000) zoneLabels.clear();
  zoneLabels.set(quarter, label);
  return label;
}

/** Unix seconds as local date and time with the time zone named, e.g. "2026-12-07 12:00:05 (Asia/Shanghai, GMT+8)". */
export function formatTime(seconds: number | bigint | null | undefined): string {
  if (seconds === null || seconds === undefined || Number(seconds) === 0) return "—";
  const d = new Date(Number(seconds) * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${local} (${timeZoneLabel(d)})`;
}

/** An ISO time (as the SDK's views carry it) as {@link formatTime}. */
export function formatIso(iso: string | null | undefined): string {
  if (!iso) return "—";
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : formatTime(Math.floor(t / 1000));
}

export function Time({ s }: { s: number | bigint | null | undefined }) {
  const text = formatTime(s);
  const iso = s ? new Date(Number(s) * 1000).toISOString() : undefined;
  return iso ? <time dateTime={iso}>{text}</time> : <span>{text}</span>;
}

/** Token base units as a decimal amount with the symbol. */
export function money(v: bigint | string | number, token: { symbol: string; decimals: number }): string {
  const s = formatUnits(BigInt(v), token.decimals);
  return `${s.endsWith(".0") ? s.slice(0, -2) : s} ${token.symbol}`;
}

export function short(hex: string, keep = 6): string {
  return hex.length > 2 * keep + 4 ? `${hex.slice(0, keep + 2)}…${hex.slice(-keep)}` : hex;
}

/** A hash in full, in a monospace cell that wraps (never shortened where it is the point). */
export function Hash({ value }: { value: string | undefined | null }) {
  if (!value) return <span>—</span>;
  return <code className="hash">{value}</code>;
}

/**
 * A URI from the chain: a link only for http(s) and ipfs (S: an on-chain string is never markup and
 * never a `javascript:` or `data:` link); anything else is shown as text.
 */
export function SafeUri({ uri }: { uri: string | undefined | null }) {
  if (!uri) return <span>—</span>;
  const ok = /^(https?:\/\/|ipfs:\/\/)[^\s]+$/i.test(uri);
  if (!ok) return <span className="uri-text">{uri}</span>;
  return (
    <a href={uri} rel="noopener noreferrer nofollow" target="_blank">
      {uri}
    </a>
  );
}

/** An address with the member's name when one is known, linking to its page. */
export function Addr({ a, names }: { a: string | undefined | null; names?: Map<string, string> }) {
  if (!a || /^0x0{40}$/i.test(a)) return <span>—</span>;
  const name = names?.get(a.toLowerCase());
  return (
    <Link href={`/member/${a}`} className="addr" title={a}>
      {name ? (
        <>
          <span className="name">{name}</span> <code>{short(a, 4)}</code>
        </>
      ) : (
        <code>{a}</code>
      )}
    </Link>
  );
}

// ------------------------------------------------------------------ tables with CSV / JSON export

export interface Column<R> {
  key: string;
  label: string;
  /** The cell in the page. */
  render?: (r: R) => ReactNode;
  /** The value in CSV and JSON (default: `r[key]`). */
  value?: (r: R) => unknown;
}

function plain(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(plain(v)) : String(v);
  // a spreadsheet must not read a name from the chain as a formula
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<R>(columns: Column<R>[], rows: R[]): string {
  const val = (c: Column<R>, r: R) => (c.value ? c.value(r) : (r as Record<string, unknown>)[c.key]);
  return (
    [
      columns.map((c) => csvCell(c.key)).join(","),
      ...rows.map((r) => columns.map((c) => csvCell(val(c, r))).join(",")),
    ].join("\r\n") + "\r\n"
  );
}

export function toJsonRows<R>(columns: Column<R>[], rows: R[]): string {
  const val = (c: Column<R>, r: R) => (c.value ? c.value(r) : (r as Record<string, unknown>)[c.key]);
  return (
    JSON.stringify(
      rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, plain(val(c, r))]))),
      null,
      2,
    ) + "\n"
  );
}

/** Offers `text` as a file download (made in the page; nothing is sent anywhere). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportButtons<R>({ name, columns, rows }: { name: string; columns: Column<R>[]; rows: R[] }) {
  const { t } = useTranslation();
  return (
    <span className="export no-print">
      <button
        type="button"
        onClick={() => download(`${name}.csv`, toCsv(columns, rows), "text/csv;charset=utf-8")}
      >
        {t("export.csv")}
      </button>
      <button
        type="button"
        onClick={() => download(`${name}.json`, toJsonRows(columns, rows), "application/json")}
      >
        {t("export.json")}
      </button>
    </span>
  );
}

export function DataTable<R>({
  name,
  caption,
  columns,
  rows,
  rowKey,
  empty,
  testId,
}: {
  name: string;
  caption?: ReactNode;
  columns: Column<R>[];
  rows: R[];
  rowKey?: (r: R, i: number) => string;
  empty?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const body = useMemo(
    () =>
      rows.map((r, i) => (
        <tr key={rowKey ? rowKey(r, i) : i}>
          {columns.map((c) => (
            <td key={c.key} data-col={c.key}>
              {c.render ? c.render(r) : String((r as Record<string, unknown>)[c.key] ?? "")}
            </td>
          ))}
        </tr>
      )),
    [rows, columns, rowKey],
  );
  return (
    <div className="table-wrap">
      <div className="table-head">
        {caption ? <h3>{caption}</h3> : null}
        <ExportButtons name={name} columns={columns} rows={rows} />
      </div>
      {rows.length === 0 ? (
        <p className="muted">{empty ?? t("common.none")}</p>
      ) : (
        <table data-testid={testId ?? name}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{body}</tbody>
        </table>
      )}
    </div>
  );
}

export function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function Loading({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {what ?? t("common.loading")}
    </p>
  );
}

export function ErrorLine({ error }: { error: Error }) {
  const { t } = useTranslation();
  return (
    <p className="error" role="alert">
      {t("common.error")}: {error.message}
    </p>
  );
}
