import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initI18n } from "./i18n";
import { loadChain, type Chain } from "./chain";
import { ChainContext } from "./context";
import { WalletProvider } from "./wallet";
import { App } from "./App";
import "./styles.css";

const i18n = initI18n();
const root = createRoot(document.getElementById("root")!);

loadChain().then(
  (chain: Chain) => {
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
