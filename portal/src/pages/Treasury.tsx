import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { treasuryReport } from "../../../src/sdk/actions/treasury";
import { useChain } from "../context";
import { useNames } from "../data";
import { useLoad } from "../hooks";
import { Addr, DataTable, ErrorLine, Field, Loading, money } from "../format";

export function Treasury() {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const r = useLoad("treasury", () => treasuryReport(client));
  if (r.error) return <ErrorLine error={r.error} />;
  if (!r.data) return <Loading />;
  const d = r.data;
  const ledgerRows = Object.entries(d.ledgers).map(([k, v]) => ({ ledger: k, amount: v as bigint }));
  const arrears = d.projects.flatMap((p) => p.arrears.map((a) => ({ project: p.id, title: p.title, ...a })));
  return (
    <>
      <h1>{t("treasury.title")}</h1>
      <dl className="grid">
        <Field label={t("treasury.balance")}>{money(d.tokenBalance, d.token)}</Field>
        <Field label={t("treasury.liabilities")}>{money(d.totalLiabilities, d.token)}</Field>
        <Field label={t("treasury.surplus")}>{money(d.surplus, d.token)}</Field>
        <Field label={t("treasury.solvent")}>{d.solvent ? t("common.yes") : t("common.no")}</Field>
        <Field label={t("event.block")}>{d.block}</Field>
      </dl>
      <DataTable
        name="treasury-ledgers"
        caption={t("treasury.ledgers")}
        rows={ledgerRows}
        rowKey={(r) => r.ledger}
        columns={[
          { key: "ledger", label: t("treasury.ledger") },
          {
            key: "amount",
            label: t("project.amount"),
            render: (r) => money(r.amount, d.token),
            value: (r) => String(r.amount),
          },
        ]}
      />
      <DataTable
        name="treasury-projects"
        testId="treasury-projects"
        caption={t("treasury.projects")}
        rows={d.projects}
        rowKey={(r) => String(r.id)}
        columns={[
          {
            key: "id",
            label: "#",
            render: (r) => <Link href={`/project/${r.id}`}>#{String(r.id)}</Link>,
            value: (r) => String(r.id),
          },
          { key: "title", label: t("project.title") },
          {
            key: "budget",
            label: t("project.budget"),
            render: (r) => money(r.budget, d.token),
            value: (r) => String(r.budget),
          },
          {
            key: "grantAmount",
            label: t("project.grant"),
            render: (r) => money(r.grantAmount, d.token),
            value: (r) => String(r.grantAmount),
          },
          {
            key: "contributed",
            label: t("project.contributed"),
            render: (r) => money(r.projectAccount.contributed, d.token),
            value: (r) => String(r.projectAccount.contributed),
          },
          {
            key: "spent",
            label: t("project.spent"),
            render: (r) => money(r.projectAccount.spent + r.grantAccount.spent, d.token),
            value: (r) => String(r.projectAccount.spent + r.grantAccount.spent),
          },
          { key: "i3", label: "I3", render: (r) => (r.i3Holds ? "✓" : "✗"), value: (r) => r.i3Holds },
        ]}
      />
      <DataTable
        name="treasury-arrears"
        caption={t("treasury.arrears")}
        rows={arrears}
        rowKey={(r) => `${r.project}:${r.participant}`}
        columns={[
          {
            key: "project",
            label: t("project.title"),
            render: (r) => <Link href={`/project/${r.project}`}>{r.title}</Link>,
            value: (r) => String(r.project),
          },
          {
            key: "participant",
            label: t("member.name"),
            render: (r) => <Addr a={r.participant} names={names} />,
          },
          {
            key: "arrears",
            label: t("project.arrears"),
            render: (r) => money(r.arrears, d.token),
            value: (r) => String(r.arrears),
          },
          { key: "defaultsRecorded", label: t("treasury.defaults") },
        ]}
      />
    </>
  );
}
