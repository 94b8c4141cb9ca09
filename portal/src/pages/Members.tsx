import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { MEMBER_KIND, MEMBER_STATUS } from "../../../src/sdk/errors";
import { useMembers } from "../data";
import { DataTable, ErrorLine, formatIso, Loading } from "../format";

export function Members() {
  const { t } = useTranslation();
  const m = useMembers();
  const [kind, setKind] = useState("");
  const [status, setStatus] = useState("");
  const [q, setQ] = useState("");
  if (m.error) return <ErrorLine error={m.error} />;
  if (!m.data) return <Loading />;
  const needle = q.trim().toLowerCase();
  const rows = m.data.filter(
    (v) =>
      (!kind || v.kind === kind) &&
      (!status || v.status === status) &&
      (!needle || v.name.toLowerCase().includes(needle) || v.address.toLowerCase().includes(needle)),
  );
  return (
    <>
      <h1>{t("members.title")}</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("member.kind")}{" "}
          <select data-testid="filter-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t("common.all")}</option>
            {MEMBER_KIND.map((k) => (
              <option key={k} value={k}>
                {t(`enum.memberKind.${k}`, k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("member.status")}{" "}
          <select data-testid="filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t("common.all")}</option>
            {MEMBER_STATUS.filter((s) => s !== "None").map((s) => (
              <option key={s} value={s}>
                {t(`enum.memberStatus.${s}`, s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("members.search")} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </form>
      <DataTable
        name="members"
        testId="members-table"
        rows={rows}
        rowKey={(r) => r.address}
        columns={[
          {
            key: "name",
            label: t("member.name"),
            render: (r) => (
              <Link href={`/member/${r.address}`} className="name">
                {r.name || r.address}
              </Link>
            ),
          },
          { key: "kind", label: t("member.kind"), render: (r) => t(`enum.memberKind.${r.kind}`, r.kind) },
          {
            key: "status",
            label: t("member.status"),
            render: (r) => t(`enum.memberStatus.${r.status}`, r.status),
          },
          { key: "admittedAt", label: t("member.admittedAt"), render: (r) => formatIso(r.admittedAt) },
          { key: "address", label: t("member.address"), render: (r) => <code>{r.address}</code> },
        ]}
      />
    </>
  );
}
