import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { contribute, listProjects, projectView, spendsOf } from "../../../src/sdk/actions/projects";
import { projectMoney } from "../../../src/sdk/actions/treasury";
import { useChain } from "../context";
import { useNames } from "../data";
import { useLoad } from "../hooks";
import { Addr, DataTable, ErrorLine, Field, formatIso, Hash, Loading, money } from "../format";
import { ActionButton } from "../action";
import { useWallet } from "../wallet";

export function Projects() {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const p = useLoad("projects", () => listProjects(client));
  if (p.error) return <ErrorLine error={p.error} />;
  if (!p.data) return <Loading />;
  return (
    <>
      <h1>{t("projects.title")}</h1>
      <DataTable
        name="projects"
        rows={p.data}
        rowKey={(r) => String(r.id)}
        columns={[
          { key: "id", label: "#", render: (r) => <Link href={`/project/${r.id}`}>#{String(r.id)}</Link> },
          { key: "title", label: t("project.title") },
          {
            key: "status",
            label: t("project.status"),
            render: (r) => t(`enum.projectStatus.${r.status}`, r.status),
          },
          { key: "lead", label: t("project.lead"), render: (r) => <Addr a={r.lead} names={names} /> },
          { key: "budget", label: t("project.budget"), value: (r) => String(r.budget) },
          { key: "participants", label: t("project.participants") },
          { key: "proposedAt", label: t("project.proposedAt"), render: (r) => formatIso(r.proposedAt) },
        ]}
      />
    </>
  );
}

export function ProjectPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const w = useWallet();
  const p = useLoad(`project:${id}`, async () => {
    const view = await projectView(client, { projectId: BigInt(id) });
    const [spends, cap] = await Promise.all([
      spendsOf(client, { projectId: BigInt(id) }),
      client
        .charter()
        .charterParams()
        .then((c) => Number(c.grantCapBps))
        .catch(() => 0),
    ]);
    const moneyView =
      view.status === "Active" || view.status === "Completed"
        ? await projectMoney(client, { projectId: BigInt(id) }).catch(() => null)
        : null;
    return { view, spends, cap, money: moneyView };
  });
  if (p.error) return <ErrorLine error={p.error} />;
  if (!p.data) return <Loading />;
  const { view: v, spends, cap } = p.data;
  const tk = v.token;
  const capAmount = (v.budget * BigInt(cap)) / 10000n;
  const participant =
    w.account && v.participants.some((x) => x.account.toLowerCase() === w.account!.toLowerCase());
  return (
    <>
      <h1>
        #{String(v.id)} {v.title}
      </h1>
      <dl className="grid">
        <Field label={t("project.status")}>{t(`enum.projectStatus.${v.status}`, v.status)}</Field>
        <Field label={t("project.lead")}>
          <Addr a={v.lead} names={names} />
        </Field>
        <Field label={t("project.agreement")}>
          {v.agreementId ? (
            <Link href={`/agreement/${v.agreementId}`}>
              {t("agreement.name", { id: String(v.agreementId) })}
            </Link>
          ) : (
            "—"
          )}
        </Field>
        <Field label={t("project.budget")}>{money(v.budget, tk)}</Field>
        <Field label={t("project.grant")}>
          <span data-testid="grant-cap">
            {money(v.grantAmount, tk)} /{" "}
            {t("project.grantCap", { bps: cap / 100, amount: money(capAmount, tk) })}{" "}
            {v.grantAmount <= capAmount ? (
              <span className="ok">✓</span>
            ) : (
              <span className="error">{t("project.overCap")}</span>
            )}
          </span>
        </Field>
        <Field label={t("project.contributed")}>{money(v.contributed, tk)}</Field>
        <Field label={t("project.grantReceived")}>{money(v.grantReceived, tk)}</Field>
        <Field label={t("project.spent")}>
          {money(v.projectSpent, tk)} + {money(v.grantSpent, tk)} ({t("project.fromGrant")})
        </Field>
        <Field label={t("agreement.documentHash")}>
          <Hash value={v.documentHash} />
        </Field>
      </dl>
      <DataTable
        name={`project-${id}-participants`}
        testId="participants"
        caption={t("project.participants")}
        rows={v.participants}
        rowKey={(r) => r.account}
        columns={[
          { key: "account", label: t("member.name"), render: (r) => <Addr a={r.account} names={names} /> },
          { key: "costShareBps", label: t("project.costShare"), render: (r) => `${r.costShareBps / 100}%` },
          { key: "ipShareBps", label: t("project.ipShare"), render: (r) => `${r.ipShareBps / 100}%` },
          {
            key: "costDue",
            label: t("project.costDue"),
            render: (r) => money(r.costDue, tk),
            value: (r) => String(r.costDue),
          },
          {
            key: "contributed",
            label: t("project.contributed"),
            render: (r) => money(r.contributed, tk),
            value: (r) => String(r.contributed),
          },
          {
            key: "arrears",
            label: t("project.arrears"),
            render: (r) =>
              r.arrears > 0n ? <strong className="error">{money(r.arrears, tk)}</strong> : money(0n, tk),
            value: (r) => String(r.arrears),
          },
          {
            key: "unpaidDefault",
            label: t("project.unpaidDefault"),
            render: (r) => (r.unpaidDefault ? t("common.yes") : t("common.no")),
          },
        ]}
      />
      <DataTable
        name={`project-${id}-budget`}
        caption={t("project.budgetLines")}
        rows={v.budgetLines}
        rowKey={(r) => String(r.line)}
        columns={[
          { key: "line", label: "#" },
          { key: "category", label: t("project.category") },
          {
            key: "budgeted",
            label: t("project.budgeted"),
            render: (r) => money(r.budgeted, tk),
            value: (r) => String(r.budgeted),
          },
          {
            key: "spent",
            label: t("project.spent"),
            render: (r) => money(r.spent, tk),
            value: (r) => String(r.spent),
          },
          {
            key: "remaining",
            label: t("project.remaining"),
            render: (r) => money(r.remaining, tk),
            value: (r) => String(r.remaining),
          },
          {
            key: "grantAllowed",
            label: t("project.grantAllowed"),
            render: (r) => (r.grantAllowed ? t("common.yes") : t("common.no")),
          },
        ]}
      />
      <DataTable
        name={`project-${id}-spends`}
        testId="spends"
        caption={t("project.spends")}
        rows={spends}
        rowKey={(r) => String(r.id)}
        columns={[
          { key: "id", label: "#", value: (r) => String(r.id) },
          {
            key: "status",
            label: t("project.status"),
            render: (r) => <span data-status={r.status}>{t(`enum.spendStatus.${r.status}`, r.status)}</span>,
          },
          {
            key: "amount",
            label: t("project.amount"),
            render: (r) => money(r.amount, tk),
            value: (r) => String(r.amount),
          },
          { key: "payee", label: t("project.payee"), render: (r) => <Addr a={r.payee} names={names} /> },
          {
            key: "fromGrant",
            label: t("project.fromGrant"),
            render: (r) => (r.fromGrant ? t("common.yes") : t("common.no")),
          },
          { key: "requestedAt", label: t("project.requestedAt"), render: (r) => formatIso(r.requestedAt) },
          { key: "vetoEndsAt", label: t("project.vetoEndsAt"), render: (r) => formatIso(r.vetoEndsAt) },
        ]}
      />
      <DataTable
        name={`project-${id}-milestones`}
        caption={t("project.milestones")}
        rows={v.milestones}
        rowKey={(r) => String(r.index)}
        columns={[
          { key: "index", label: "#" },
          { key: "status", label: t("project.status") },
          { key: "dueDate", label: t("project.dueDate"), render: (r) => formatIso(r.dueDate) },
          { key: "acceptedAt", label: t("project.acceptedAt"), render: (r) => formatIso(r.acceptedAt) },
        ]}
      />
      {participant ? (
        <ActionButton
          label={t("project.contribute")}
          testId="contribute"
          run={(c) => contribute(c, { projectId: BigInt(id) })}
          onDone={() => p.reload()}
        />
      ) : null}
    </>
  );
}
