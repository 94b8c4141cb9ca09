import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { assetView, listAssets } from "../../../src/sdk/actions/ip";
import {
  acceptOffer,
  claimIncome,
  licenseView,
  listLicenses,
  payRoyalty,
} from "../../../src/sdk/actions/licensing";
import { parseAmount } from "../../../src/sdk/money";
import { useChain } from "../context";
import { useNames, useToken } from "../data";
import { useLoad } from "../hooks";
import { Addr, DataTable, ErrorLine, Field, formatIso, Hash, Loading, money } from "../format";
import { ActionButton } from "../action";
import { useWallet } from "../wallet";

/** Accepting a public licence offer (the fee and terms are the offer's; the SDK approves the fee first). */
function AcceptOffer({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [id, setId] = useState("");
  return (
    <ActionButton
      label={t("licence.accept")}
      testId="accept-offer"
      run={(c) => acceptOffer(c, { proposalId: BigInt(/^\d+$/.test(id) ? id : "0") })}
      onDone={onDone}
    >
      <label>
        {t("licence.offer")}{" "}
        <input value={id} onChange={(e) => setId(e.target.value.trim())} inputMode="numeric" />
      </label>
    </ActionButton>
  );
}

export function Assets() {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const a = useLoad("assets", async () => ({
    assets: await listAssets(client),
    licences: await listLicenses(client),
  }));
  if (a.error) return <ErrorLine error={a.error} />;
  if (!a.data) return <Loading />;
  return (
    <>
      <h1>{t("assets.title")}</h1>
      <DataTable
        name="assets"
        rows={a.data.assets}
        rowKey={(r) => String(r.id)}
        columns={[
          {
            key: "id",
            label: "#",
            render: (r) => <Link href={`/asset/${r.id}`}>#{String(r.id)}</Link>,
            value: (r) => String(r.id),
          },
          { key: "title", label: t("project.title") },
          { key: "kind", label: t("asset.kind") },
          { key: "status", label: t("project.status") },
          { key: "owners", label: t("asset.owners") },
          { key: "projectId", label: t("asset.project"), value: (r) => String(r.projectId) },
          { key: "registeredAt", label: t("asset.registeredAt"), render: (r) => formatIso(r.registeredAt) },
        ]}
      />
      <DataTable
        name="licences"
        caption={t("assets.licences")}
        rows={a.data.licences}
        rowKey={(r) => String(r.id)}
        columns={[
          {
            key: "id",
            label: "#",
            render: (r) => <Link href={`/license/${r.id}`}>#{String(r.id)}</Link>,
            value: (r) => String(r.id),
          },
          { key: "assetId", label: t("asset.name"), value: (r) => String(r.assetId) },
          {
            key: "licensee",
            label: t("licence.licensee"),
            render: (r) => <Addr a={r.licensee} names={names} />,
          },
          { key: "kind", label: t("asset.kind") },
          { key: "status", label: t("project.status") },
          { key: "royaltyBps", label: t("licence.royalty"), render: (r) => `${r.royaltyBps / 100}%` },
        ]}
      />
      <AcceptOffer onDone={() => a.reload()} />
    </>
  );
}

export function AssetPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const w = useWallet();
  const a = useLoad(`asset:${id}`, () => assetView(client, { assetId: BigInt(id) }));
  if (a.error) return <ErrorLine error={a.error} />;
  if (!a.data) return <Loading />;
  const v = a.data;
  const owner = w.account && v.owners.some((o) => o.account.toLowerCase() === w.account!.toLowerCase());
  return (
    <>
      <h1>
        {t("asset.name")} #{String(v.id)}: {v.title}
      </h1>
      <dl className="grid">
        <Field label={t("asset.kind")}>{v.kind}</Field>
        <Field label={t("project.status")}>{v.status}</Field>
        <Field label={t("asset.contentHash")}>
          <Hash value={v.contentHash} />
        </Field>
        <Field label={t("asset.registeredAt")}>{formatIso(v.registeredAt)}</Field>
        <Field label={t("asset.registrant")}>
          <Addr a={v.registrant} names={names} />
        </Field>
        <Field label={t("asset.project")}>
          {v.projectId ? <Link href={`/project/${v.projectId}`}>#{String(v.projectId)}</Link> : "—"}
        </Field>
        <Field label={t("asset.externalId")}>{v.externalId || "—"}</Field>
      </dl>
      <DataTable
        name={`asset-${id}-owners`}
        caption={t("asset.owners")}
        rows={v.owners}
        rowKey={(r) => r.account}
        columns={[
          { key: "account", label: t("member.name"), render: (r) => <Addr a={r.account} names={names} /> },
          { key: "bps", label: t("asset.share"), render: (r) => `${r.bps / 100}%` },
        ]}
      />
      <DataTable
        name={`asset-${id}-licences`}
        caption={t("assets.licences")}
        rows={v.licenses}
        rowKey={(r) => String(r.id)}
        columns={[
          {
            key: "id",
            label: "#",
            render: (r) => <Link href={`/license/${r.id}`}>#{String(r.id)}</Link>,
            value: (r) => String(r.id),
          },
          {
            key: "licensee",
            label: t("licence.licensee"),
            render: (r) => <Addr a={r.licensee} names={names} />,
          },
          { key: "status", label: t("project.status") },
          { key: "kind", label: t("asset.kind") },
        ]}
      />
      {owner ? (
        <ActionButton
          label={t("asset.claimIncome")}
          testId="claim-income"
          run={(c) => claimIncome(c, { assetId: BigInt(id) })}
          onDone={() => a.reload()}
        />
      ) : null}
    </>
  );
}

export function LicensePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { client } = useChain();
  const names = useNames();
  const token = useToken();
  const w = useWallet();
  const [revenue, setRevenue] = useState("");
  const l = useLoad(`licence:${id}`, () => licenseView(client, { licenseId: BigInt(id) }));
  if (l.error) return <ErrorLine error={l.error} />;
  if (!l.data) return <Loading />;
  const v = l.data;
  const tk = token.data ?? { symbol: "", decimals: 0 };
  const mine = w.account && v.licensee.toLowerCase() === w.account.toLowerCase();
  return (
    <>
      <h1>
        {t("licence.name")} #{String(v.id)}
      </h1>
      <dl className="grid">
        <Field label={t("asset.name")}>
          <Link href={`/asset/${v.assetId}`}>#{String(v.assetId)}</Link>
        </Field>
        <Field label={t("licence.licensee")}>
          <Addr a={v.licensee} names={names} />
        </Field>
        <Field label={t("project.status")}>{v.status}</Field>
        <Field label={t("asset.kind")}>
          {v.kind} · {v.priceClass}
        </Field>
        <Field label={t("licence.royalty")}>
          {v.royaltyBps / 100}% · {t("licence.min")} {money(v.minRoyalty, tk)}
        </Field>
        <Field label={t("licence.upfront")}>{money(v.upfrontFee, tk)}</Field>
        <Field label={t("licence.term")}>
          {formatIso(v.start)} – {formatIso(v.end)}
        </Field>
        <Field label={t("licence.nextPeriod")}>
          {String(v.nextPeriod.index)}: {formatIso(v.nextPeriod.start)} – {formatIso(v.nextPeriod.end)}
          {v.nextPeriod.payableNow ? ` · ${t("licence.payableNow")}` : ""}
        </Field>
      </dl>
      {mine ? (
        <ActionButton
          label={t("licence.pay")}
          testId="pay-royalty"
          run={(c) =>
            payRoyalty(c, {
              licenseId: BigInt(id),
              revenue: parseAmount(revenue || "0", tk.decimals, "revenue", true),
            })
          }
          onDone={() => l.reload()}
        >
          <label>
            {t("licence.revenue")}{" "}
            <input value={revenue} onChange={(e) => setRevenue(e.target.value)} inputMode="decimal" />
          </label>
        </ActionButton>
      ) : null}
    </>
  );
}
