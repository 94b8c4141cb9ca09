import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Switch, useLocation } from "wouter";
import { setLanguage, type Language } from "./i18n";
import { failureText, useWallet } from "./wallet";
import { useChain } from "./context";
import { Overview } from "./pages/Overview";
import { Loading } from "./format";

// every page but the overview is its own chunk, loaded when first opened
const Members = lazy(() => import("./pages/Members").then((m) => ({ default: m.Members })));
/** The member page's chunk (`main.tsx` loads it before the first render when a member page is opened). */
export const loadMemberPage = () => import("./pages/Member");
const MemberPage = lazy(() => loadMemberPage().then((m) => ({ default: m.MemberPage })));
const Agreements = lazy(() => import("./pages/Agreement").then((m) => ({ default: m.Agreements })));
const AgreementPage = lazy(() => import("./pages/Agreement").then((m) => ({ default: m.AgreementPage })));
const Claims = lazy(() => import("./pages/Claim").then((m) => ({ default: m.Claims })));
const ClaimPage = lazy(() => import("./pages/Claim").then((m) => ({ default: m.ClaimPage })));
const Projects = lazy(() => import("./pages/Project").then((m) => ({ default: m.Projects })));
const ProjectPage = lazy(() => import("./pages/Project").then((m) => ({ default: m.ProjectPage })));
const Treasury = lazy(() => import("./pages/Treasury").then((m) => ({ default: m.Treasury })));
const Assets = lazy(() => import("./pages/Ip").then((m) => ({ default: m.Assets })));
const AssetPage = lazy(() => import("./pages/Ip").then((m) => ({ default: m.AssetPage })));
const LicensePage = lazy(() => import("./pages/Ip").then((m) => ({ default: m.LicensePage })));
const Events = lazy(() => import("./pages/Events").then((m) => ({ default: m.Events })));
import { short } from "./format";

function WalletBar() {
  const { t } = useTranslation();
  const w = useWallet();
  const chain = useChain();
  const [error, setError] = useState<string>();
  if (!w.wallet) {
    return (
      <div className="wallet-bar">
        {w.wallets.length === 0 ? (
          <span className="muted">{t("wallet.none")}</span>
        ) : (
          w.wallets.map((x) => (
            <button
              key={x.info.uuid}
              type="button"
              onClick={() => {
                setError(undefined);
                w.connect(x.info.uuid).catch((e: unknown) => setError(failureText(e, t("wallet.rejected"))));
              }}
            >
              {x.info.icon.startsWith("data:image/") ? (
                <img src={x.info.icon} alt="" width={16} height={16} />
              ) : null}{" "}
              {t("wallet.connect", { name: x.info.name })}
            </button>
          ))
        )}
        {error ? (
          <span className="error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
    );
  }
  return (
    <div className="wallet-bar">
      <span data-testid="wallet-account" title={w.account}>
        {w.wallet.info.name}: <code>{w.account ? short(w.account, 4) : "—"}</code>
      </span>
      {w.wrongNetwork ? (
        <span className="error" role="alert" data-testid="wrong-network">
          {t("wallet.wrongNetwork", { have: String(w.chainId), want: String(chain.book.chainId) })}{" "}
          <button type="button" onClick={() => void w.switchNetwork().catch(() => undefined)}>
            {t("wallet.switch")}
          </button>
        </span>
      ) : null}
      <button type="button" onClick={w.disconnect}>
        {t("wallet.disconnect")}
      </button>
    </div>
  );
}

const NAV: [string, string][] = [
  ["/", "nav.overview"],
  ["/members", "nav.members"],
  ["/agreements", "nav.agreements"],
  ["/claims", "nav.claims"],
  ["/projects", "nav.projects"],
  ["/treasury", "nav.treasury"],
  ["/assets", "nav.assets"],
  ["/events", "nav.events"],
];

export function App({ chainId }: { chainId: number }) {
  const { t, i18n } = useTranslation();
  const [location] = useLocation();
  return (
    <>
      <a className="skip" href="#main">
        {t("nav.skip")}
      </a>
      <header className="top no-print">
        <div className="brand">
          <Link href="/">{t("app.title")}</Link>
          <span className="muted"> {t("app.chain", { id: chainId })}</span>
        </div>
        <nav aria-label={t("nav.label")}>
          <ul>
            {NAV.map(([href, key]) => (
              <li key={href}>
                <Link href={href} aria-current={location === href ? "page" : undefined}>
                  {t(key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="tools">
          <label>
            <span className="sr-only">{t("app.language")}</span>
            <select
              data-testid="lang"
              value={i18n.language}
              onChange={(e) => setLanguage(e.target.value as Language)}
              aria-label={t("app.language")}
            >
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
          </label>
          <WalletBar />
        </div>
      </header>
      <main id="main">
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/" component={Overview} />
            <Route path="/members" component={Members} />
            <Route path="/member/:address">{(p) => <MemberPage address={p.address} />}</Route>
            <Route path="/agreements" component={Agreements} />
            <Route path="/agreement/:id">{(p) => <AgreementPage id={p.id} />}</Route>
            <Route path="/claims" component={Claims} />
            <Route path="/claim/:id">{(p) => <ClaimPage id={p.id} />}</Route>
            <Route path="/projects" component={Projects} />
            <Route path="/project/:id">{(p) => <ProjectPage id={p.id} />}</Route>
            <Route path="/treasury" component={Treasury} />
            <Route path="/assets" component={Assets} />
            <Route path="/asset/:id">{(p) => <AssetPage id={p.id} />}</Route>
            <Route path="/license/:id">{(p) => <LicensePage id={p.id} />}</Route>
            <Route path="/events" component={Events} />
            <Route>
              <h1>{t("app.notFound")}</h1>
            </Route>
          </Switch>
        </Suspense>
      </main>
      <footer className="muted no-print">{t("app.footer")}</footer>
    </>
  );
}
