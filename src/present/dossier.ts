/**
 * One self-contained HTML dossier of a member's record (`covenant history <member> --html`, the
 * demo): inline CSS, an inline SVG timeline with one lane per kind of event, the event table, and
 * nothing external (no scripts, fonts, images or links to fetch). Every text from the chain is
 * escaped; UTF-8 throughout (`<meta charset="utf-8">`), so names such as 中国钢研科技集团 show as
 * written.
 */
import {
  HISTORY_CATEGORIES,
  type HistoryCategory,
  type HistoryItem,
  type MemberHistory,
} from "../sdk/history";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const COLOURS: Record<HistoryCategory, string> = {
  membership: "#2563eb",
  signature: "#059669",
  default: "#d97706",
  claim: "#7c3aed",
  evidence: "#0891b2",
  ruling: "#be123c",
  penalty: "#b91c1c",
};

const LANE_NAMES: Record<HistoryCategory, string> = {
  membership: "Membership",
  signature: "Signatures",
  default: "Defaults",
  claim: "Claims",
  evidence: "Evidence",
  ruling: "Rulings",
  penalty: "Penalties",
};

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
  color: #1f2937; background: #f8fafc; line-height: 1.45; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 40px; }
header { border-bottom: 3px solid #1e3a8a; padding-bottom: 14px; margin-bottom: 18px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: #64748b; margin: 0; }
h1 { font-size: 30px; margin: 4px 0 6px; color: #0f172a; }
h2 { font-size: 18px; margin: 26px 0 10px; color: #1e3a8a; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 4px 24px; font-size: 13px; }
.facts div span { color: #64748b; display: inline-block; min-width: 92px; }
.mono { font-family: "DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; background: #e2e8f0; }
.status.Active { background: #dcfce7; color: #166534; } .status.Suspended { background: #fef3c7; color: #92400e; }
.status.Expelled { background: #fee2e2; color: #991b1b; } .status.Withdrawn { background: #e5e7eb; color: #374151; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(132px, 1fr)); gap: 10px; }
.card { background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 10px 12px; }
.card b { display: block; font-size: 22px; color: #0f172a; } .card span { font-size: 12px; color: #64748b; }
figure { margin: 0; background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 8px; }
figcaption { font-size: 12px; color: #64748b; padding: 4px 6px 0; }
svg text { font-family: inherit; }
table { width: 100%; border-collapse: collapse; background: #fff; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e2e8f0; }
th { background: #f1f5f9; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #475569; }
td.n { color: #64748b; width: 32px; } td.t { white-space: nowrap; width: 150px; }
.ev { font-size: 11px; color: #475569; margin-top: 2px; }
.pill { display: inline-block; padding: 0 7px; border-radius: 9px; color: #fff; font-size: 11px; font-weight: 600; }
.empty { color: #64748b; font-style: italic; }
footer { margin-top: 26px; font-size: 12px; color: #64748b; border-top: 1px solid #e2e8f0; padding-top: 10px; }
`;

function fmtDate(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10);
}

function fmtTime(t: number): string {
  return new Date(t * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, " UTC");
}

/** The inline SVG timeline: one lane per category, one numbered marker per item (numbers = table rows). */
export function timelineSvg(items: HistoryItem[]): string {
  const W = 1040;
  const left = 118;
  const right = 60;
  const top = 16;
  const lane = 38;
  const axis = 34;
  const H = top + lane * HISTORY_CATEGORIES.length + axis;
  const plotW = W - left - right;
  const times = items.map((i) => i.time);
  let t0 = times.length ? Math.min(...times) : 0;
  let t1 = times.length ? Math.max(...times) : 1;
  if (t1 - t0 < 60) {
    t0 -= 30;
    t1 += 30;
  }
  const pad = (t1 - t0) * 0.03;
  t0 -= pad;
  t1 += pad;
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * plotW;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Timeline of the member's record">`,
  );
  HISTORY_CATEGORIES.forEach((c, i) => {
    const y = top + i * lane + lane / 2;
    if (i % 2 === 0)
      parts.push(
        `<rect x="${left}" y="${top + i * lane}" width="${plotW}" height="${lane}" fill="#f8fafc"/>`,
      );
    parts.push(
      `<line x1="${left}" y1="${y}" x2="${W - right}" y2="${y}" stroke="#e2e8f0" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${left - 10}" y="${y + 4}" text-anchor="end" font-size="12" fill="${COLOURS[c]}" font-weight="600">${escapeHtml(LANE_NAMES[c])}</text>`,
    );
  });
  const axisY = top + lane * HISTORY_CATEGORIES.length;
  parts.push(`<line x1="${left}" y1="${axisY}" x2="${W - right}" y2="${axisY}" stroke="#94a3b8"/>`);
  const ticks = 6;
  const span = t1 - t0;
  for (let k = 0; k <= ticks; k++) {
    const t = t0 + (span * k) / ticks;
    const label =
      span > 3 * 86400 ? fmtDate(t) : new Date(t * 1000).toISOString().slice(5, 16).replace("T", " ");
    const tx = x(t);
    parts.push(`<line x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 5}" stroke="#94a3b8"/>`);
    parts.push(
      `<text x="${tx}" y="${axisY + 18}" text-anchor="middle" font-size="11" fill="#64748b">${escapeHtml(label)}</text>`,
    );
  }
  // markers: one lane each; markers closer than a marker's width are set side by side, in order
  const lastX = new Map<HistoryCategory, number>();
  items.forEach((item, n) => {
    const i = HISTORY_CATEGORIES.indexOf(item.category);
    const prev = lastX.get(item.category);
    const cx = prev !== undefined && x(item.time) - prev < 19 ? prev + 19 : x(item.time);
    lastX.set(item.category, cx);
    const cy = top + i * lane + lane / 2;
    const colour = COLOURS[item.category];
    const title = `#${n + 1} ${item.iso} — ${item.detail}`;
    const shape =
      item.category === "ruling" || item.category === "penalty"
        ? `<rect x="${cx - 7}" y="${cy - 7}" width="14" height="14" transform="rotate(45 ${cx} ${cy})" fill="${colour}" stroke="#fff" stroke-width="1.5"/>`
        : `<circle cx="${cx}" cy="${cy}" r="9" fill="${colour}" stroke="#fff" stroke-width="1.5"/>`;
    parts.push(
      `<g><title>${escapeHtml(title)}</title>${shape}<text x="${cx}" y="${cy + 3.5}" text-anchor="middle" font-size="9.5" fill="#fff" font-weight="700">${n + 1}</text></g>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}

/** The whole dossier as one HTML document. */
export function renderDossier(h: MemberHistory): string {
  const m = h.member;
  const counts = h.counts;
  const fmtAmount = (v: string | undefined) => {
    if (v === undefined) return "0";
    const d = h.token.decimals;
    const s = v.padStart(d + 1, "0");
    const whole = s.slice(0, s.length - d);
    const frac = s.slice(s.length - d).replace(/0+$/, "");
    return `${whole}${frac ? "." + frac : ""} ${h.token.symbol}`;
  };
  const card = (value: string, label: string) =>
    `<div class="card"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
  const rows = h.items
    .map((i, n) => {
      const hash = i.hash ? `<div class="mono">${escapeHtml(i.hash)}</div>` : "";
      const uri = i.uri ? `<div class="mono">${escapeHtml(i.uri)}</div>` : "";
      return `<tr><td class="n">${n + 1}</td><td class="t">${escapeHtml(fmtTime(i.time))}</td><td><span class="pill" style="background:${COLOURS[i.category]}">${escapeHtml(LANE_NAMES[i.category])}</span><div class="ev">${escapeHtml(i.event)}</div></td><td>${escapeHtml(i.role)}</td><td>${escapeHtml(i.detail)}</td><td>${hash}${uri}</td></tr>`;
    })
    .join("\n");
  const table = h.items.length
    ? `<table><thead><tr><th>#</th><th>Time (UTC)</th><th>Kind</th><th>As</th><th>What happened</th><th>Document / evidence (SHA-256, URI)</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
    : `<p class="empty">No recorded events.</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dossier — ${escapeHtml(m.name)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<p class="kicker">Covenant · member dossier · chain ${escapeHtml(h.chainId)}</p>
<h1>${escapeHtml(m.name)}</h1>
<div class="facts">
<div><span>Status</span> <span class="status ${escapeHtml(m.status)}">${escapeHtml(m.status)}</span></div>
<div><span>Kind</span> ${escapeHtml(m.kind)}</div>
<div><span>Admitted</span> ${escapeHtml(m.admittedAt ?? "—")}</div>
<div><span>Address</span> <span class="mono">${escapeHtml(m.address)}</span></div>
<div><span>Entity id</span> <span class="mono">${escapeHtml(m.entityId)}</span></div>
<div><span>Generated</span> ${escapeHtml(h.generatedAt)}</div>
</div>
</header>
<section>
<h2>In numbers</h2>
<div class="cards">
${card(counts.filed ?? "0", "claims filed")}
${card(counts.against ?? "0", "claims against it")}
${card(counts.upheld ?? "0", "upheld against it")}
${card(counts.dismissed ?? "0", "dismissed against it")}
${card(counts.defaults ?? "0", "defaults recorded")}
${card(counts.penalties ?? "0", "penalties")}
${card(fmtAmount(counts.penaltiesPaid), "paid in penalties")}
${card(fmtAmount(counts.defaultedAmount), "in default")}
</div>
</section>
<section>
<h2>Timeline</h2>
<figure>
${timelineSvg(h.items)}
<figcaption>Each marker is one event; its number is the row in the table below. Circles: facts and filings; diamonds: rulings and penalties.</figcaption>
</figure>
</section>
<section>
<h2>Record (${h.items.length} events, oldest first)</h2>
${table}
</section>
<footer>
Read from the chain: Membership events, AgreementRegistry signature records and the DisputeResolution breach history.
Documents and evidence are identified by SHA-256 of their bytes: check a file with <span class="mono">sha256sum &lt;file&gt;</span>.
</footer>
</main>
</body>
</html>
`;
}
