import type { MemberHistory } from "../sdk/history";

/** History items as rows (time, category, event, role, claim, agreement, detail, hash, uri). */
export const HISTORY_COLUMNS = [
  "time",
  "category",
  "event",
  "role",
  "claim",
  "agreement",
  "detail",
  "hash",
  "uri",
];

export function historyRows(h: MemberHistory): unknown[][] {
  return h.items.map((i) => [
    i.iso,
    i.category,
    i.event,
    i.role,
    i.claimId ?? "",
    i.agreementId ?? "",
    i.detail,
    i.hash ?? "",
    i.uri ?? "",
  ]);
}
