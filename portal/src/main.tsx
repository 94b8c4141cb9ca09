import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initI18n } from "./i18n";
import { loadChain, type Chain } from "./chain";
import { ChainContext } from "./context";
import { WalletProvider } from "./wallet";
import { App } from "./App";
import { prime } from "./hooks";
import { CHARTER_KEY, readCharterCard } from "./pages/Overview";
import "./styles.css";

const i18n = initI18n();
const root = createRoot(document.getElementById("root")!);

loadChain().then(
  (chain: Chain) => {
    // the overview's first card is read while the page renders (its own JSON-RPC batch, sent first)
    if (window.location.pathname === "/") prime(CHARTER_KEY, () => readCharterCard(chain.client));
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
