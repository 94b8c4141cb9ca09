import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initI18n } from "./i18n";
import { loadChain, type Chain } from "./chain";
import { ChainContext } from "./context";
import { WalletProvider } from "./wallet";
import { App, loadMemberPage } from "./App";
import { prime } from "./hooks";
import { timeZoneLabel } from "./format";
import { CHARTER_KEY, readCharterCard } from "./pages/Overview";
import "./styles.css";

const i18n = initI18n();
const root = createRoot(document.getElementById("root")!);

loadChain().then(
  (chain: Chain) => {
    // the overview's first card is read while the page renders (its own JSON-RPC batch, sent first)
    if (window.location.pathname === "/") prime(CHARTER_KEY, () => readCharterCard(chain.client));
    // a member page's reads start as soon as its chunk (preloaded by the server) has run
    const member = /^\/member\/([^/]+)\/?$/.exec(window.location.pathname);
    if (member) {
      // the address as the router reads it (decoded as wouter decodes the path); a malformed one is
      // left to the page, which reports it
      void loadMemberPage()
        .then((m) => m.primeMemberPage(chain, member[1].includes("%") ? decodeURI(member[1]) : member[1]))
        .catch(() => undefined); // the page's own loading reports it
    }
    // the browser's time-zone data (a first Intl.DateTimeFormat loads it: 40–300 ms here) is loaded
    // while the first reads are in flight, not when the first times are drawn
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => timeZoneLabel());
    root.render(
      <StrictMode>
        <ChainContext.Provider value={chain}>
          <WalletProvider chain={chain}>
            <App chainId={chain.book.chainId} />
          </WalletProvider>
        </ChainContext.Provider>
      </StrictMode>,
    );
  },
  (e: unknown) => {
    root.render(
      <main id="main">
        <h1>Covenant</h1>
        <p className="error" role="alert">
          {i18n.t("app.noSuite")}: {e instanceof Error ? e.message : String(e)}
        </p>
      </main>,
    );
  },
);
