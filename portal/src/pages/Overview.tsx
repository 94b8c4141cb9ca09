import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { agreementView } from "../../../src/sdk/actions/agreements";
import { listProjects } from "../../../src/sdk/actions/projects";
import { treasuryReport } from "../../../src/sdk/actions/treasury";
import { suiteEvents } from "../../../src/sdk/events";
import { charterParamsToJson, type CharterParamsStruct } from "../../../src/sdk/terms";
import { MEMBER_KIND, MEMBER_STATUS } from "../../../src/sdk/errors";
import type { CovenantClient } from "../../../src/sdk/client";
import { useChain } from "../context";
import { useMembers, useNames } from "../data";
import { useLoad } from "../hooks";
import { Addr, DataTable, ErrorLine, Field, Hash, Loading, money, Time } from "../format";
import { EventArgs } from "../eventArgs";

/** The overview's first card's reads: the cache key and the reads, in one JSON-RPC batch. */
export const CHARTER_KEY = "overview.charter";

export async function readCharterCard(client: CovenantClient) {
  const m = client.membership();
  const [effective, id, line, lead, secretariat, constituted] = await Promise.all([
    client.charter().charterEffective(),
    client.charter().currentCharterId(),
    client.charter().charterLine(),
    m.leadUnit(),
    m.secretariat(),
    m.isConstituted(),
  ]);
  return { effective, id, shownId: id !== 0n ? id : line, lead, secretariat, constituted };
}

function Charter() {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  // The card renders from six cheap reads (started by main.tsx before the first render, on "/");
  // the charter agreement's record and parameters (event scans) fill in after, so the overview
  // never waits for them.
  const c = useLoad(CHARTER_KEY, () => readCharterCard(client));
  const detail = useLoad(c.data ? `overview.charter.${c.data.shownId}` : null, async () => {
    const { id, shownId } = c.data!;
    const [view, params] = await Promise.all([
      shownId !== 0n ? agreementView(client, { agreementId: shownId }) : null,
      id !== 0n
        ? client
            .agreements()
            .charterParamsOf(id)
            .then((p) => charterParamsToJson(p as unknown as CharterParamsStruct))
        : null,
    ]);
    return { view, params };
  });
  if (c.error) return <ErrorLine error={c.error} />;
  if (!c.data) return <Loading />;
  const d = { ...c.data, view: detail.data?.view ?? null, params: detail.data?.params ?? null };
  return (
    <section aria-labelledby="charter-h">
      <h2 id="charter-h">{t("overview.charter")}</h2>
      <dl className="grid">
        <Field label={t("overview.inForce")}>
          <span data-testid="charter-in-force">{d.effective ? t("common.yes") : t("common.no")}</span>
        </Field>
        {d.view ? (
          <>
            <Field label={t("agreement.title")}>
              <Link href={`/agreement/${d.view.id}`}>
                {t("agreement.name", { id: d.view.id })} · v{d.view.version} ·{" "}
                {t(`enum.agreementStatus.${d.view.status}`, d.view.status)}
              </Link>
            </Field>
            <Field label={t("agreement.documentHash")}>
              <Hash value={d.view.documentHash} />
            </Field>
            <Field label={t("agreement.effectiveAt")}>
              <Time s={d.view.effectiveAt} />
            </Field>
          </>
        ) : null}
        <Field label={t("overview.constituted")}>{d.constituted ? t("common.yes") : t("common.no")}</Field>
        <Field label={t("overview.leadUnit")}>
          <Addr a={d.lead} names={names} />
        </Field>
        <Field label={t("overview.secretariat")}>
          <Addr a={d.secretariat} names={names} />
        </Field>
        <Field label={t("overview.council")}>
          <code>{client.book.contracts.TimelockController ?? "—"}</code>
        </Field>
        <Field label={t("overview.panel")}>
          <code>{client.book.contracts.PanelArbitrator ?? "—"}</code>
        </Field>
      </dl>
      {detail.error ? <ErrorLine error={detail.error} /> : null}
      {d.params ? (
        <details>
          <summary>{t("overview.parameters")}</summary>
          <dl className="grid small">
            {Object.entries(d.params).map(([k, v]) => (
              <Field key={k} label={<code>{k}</code>}>
                {String(v)}
              </Field>
            ))}
          </dl>
        </details>
      ) : null}
    </section>
  );
}

function MembersSummary() {
  const { t } = useTranslation();
  const m = useMembers();
  if (m.error) return <ErrorLine error={m.error} />;
  if (!m.data) return <Loading />;
  const count = (f: (k: string, s: string) => boolean) => m.data!.filter((v) => f(v.kind, v.status)).length;
  const statuses = MEMBER_STATUS.filter((s) => s !== "None");
  return (
    <section aria-labelledby="members-h">
      <h2 id="members-h">
        <Link href="/members">{t("overview.members")}</Link>
      </h2>
      <table data-testid="members-by-kind">
        <thead>
          <tr>
            <th scope="col">{t("member.kind")}</th>
            {statuses.map((s) => (
              <th key={s} scope="col">
                {t(`enum.memberStatus.${s}`, s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {MEMBER_KIND.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`enum.memberKind.${k}`, k)}</th>
              {statuses.map((s) => (
                <td key={s}>{count((kk, ss) => kk === k && ss === s)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ProjectsSummary() {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const p = useLoad("projects", () => listProjects(client));
  if (p.error) return <ErrorLine error={p.error} />;
  if (!p.data) return <Loading />;
  return (
    <section aria-labelledby="projects-h">
      <h2 id="projects-h">
        <Link href="/projects">{t("overview.projects")}</Link>
      </h2>
      <ul>
        {p.data.map((x) => (
          <li key={String(x.id)}>
            <Link href={`/project/${x.id}`}>
              #{String(x.id)} {x.title}
            </Link>{" "}
            · {t(`enum.projectStatus.${x.status}`, x.status)} · <Addr a={x.lead} names={names} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function TreasurySummary() {
  const { t } = useTranslation();
  const { client } = useChain();
  const r = useLoad("treasury", () => treasuryReport(client));
  if (r.error) return <ErrorLine error={r.error} />;
  if (!r.data) return <Loading />;
  const d = r.data;
  return (
    <section aria-labelledby="treasury-h">
      <h2 id="treasury-h">
        <Link href="/treasury">{t("overview.treasury")}</Link>
      </h2>
      <dl className="grid">
        <Field label={t("treasury.balance")}>{money(d.tokenBalance, d.token)}</Field>
        <Field label={t("treasury.liabilities")}>{money(d.totalLiabilities, d.token)}</Field>
        <Field label={t("treasury.solvent")}>
          <span data-testid="solvent">{d.solvent ? t("common.yes") : t("common.no")}</span>
        </Field>
        <Field label={t("treasury.bonds")}>{money(d.ledgers.bonds, d.token)}</Field>
        <Field label={t("treasury.allianceFund")}>{money(d.ledgers.allianceFund, d.token)}</Field>
      </dl>
    </section>
  );
}

function LatestEvents() {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const e = useLoad("events.latest", async () => {
    const latest = await client.provider.getBlockNumber();
    return (await suiteEvents(client, { fromBlock: Math.max(0, latest - 500) })).slice(-12).reverse();
  });
  if (e.error) return <ErrorLine error={e.error} />;
  if (!e.data) return <Loading />;
  return (
    <section aria-labelledby="events-h">
      <DataTable
        name="latest-events"
        caption={
          <span id="events-h">
            <Link href="/events">{t("overview.latestEvents")}</Link>
          </span>
        }
        rows={e.data}
        rowKey={(r) => `${r.tx}:${r.logIndex}`}
        columns={[
          { key: "block", label: t("event.block") },
          { key: "time", label: t("event.time"), render: (r) => <Time s={r.time} /> },
          { key: "event", label: t("event.event"), render: (r) => <strong>{r.event}</strong> },
          { key: "contract", label: t("event.contract") },
          {
            key: "args",
            label: t("event.args"),
            render: (r) => <EventArgs args={r.args} names={names} />,
            value: (r) => r.args,
          },
          { key: "tx", label: t("event.tx"), render: (r) => <code className="hash">{r.tx}</code> },
        ]}
      />
    </section>
  );
}

export function Overview() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("overview.title")}</h1>
      <div className="cards">
        <Charter />
        <MembersSummary />
        <ProjectsSummary />
        <TreasurySummary />
      </div>
      <LatestEvents />
    </>
  );
}
