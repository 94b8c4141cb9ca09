import { useState } from "react";
import { useTranslation } from "react-i18next";
import { suiteEvents } from "../../../src/sdk/events";
import { CONTRACT_NAMES } from "../../../src/sdk/addressBook";
import { useChain } from "../context";
import { useNames } from "../data";
import { useLoad } from "../hooks";
import { DataTable, ErrorLine, Loading, Time } from "../format";
import { argText, EventArgs } from "../eventArgs";

export function Events() {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const [contract, setContract] = useState("");
  const e = useLoad("events.all", () => suiteEvents(client));
  if (e.error) return <ErrorLine error={e.error} />;
  if (!e.data) return <Loading />;
  const rows = e.data
    .filter((x) => !contract || x.contract === contract)
    .slice()
    .reverse();
  return (
    <>
      <h1>{t("events.title")}</h1>
      <label>
        {t("event.contract")}{" "}
        <select value={contract} onChange={(ev) => setContract(ev.target.value)}>
          <option value="">{t("common.all")}</option>
          {CONTRACT_NAMES.filter((n) => client.has(n)).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{t("events.count", { n: rows.length })}</p>
      <DataTable
        name="events"
        rows={rows}
        rowKey={(r) => `${r.tx}:${r.logIndex}`}
        columns={[
          { key: "block", label: t("event.block") },
          { key: "time", label: t("event.time"), render: (r) => <Time s={r.time} /> },
          { key: "contract", label: t("event.contract") },
          { key: "event", label: t("event.event"), render: (r) => <strong>{r.event}</strong> },
          {
            key: "args",
            label: t("event.args"),
            render: (r) => <EventArgs args={r.args} names={names} />,
            value: (r) => Object.fromEntries(Object.entries(r.args).map(([k, v]) => [k, argText(v)])),
          },
          { key: "tx", label: t("event.tx"), render: (r) => <code className="hash">{r.tx}</code> },
        ]}
      />
    </>
  );
}
