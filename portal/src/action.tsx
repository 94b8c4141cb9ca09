import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CovenantClient, TxResult } from "../../src/sdk/client";
import { invalidate } from "./hooks";
import { failureText, useWallet } from "./wallet";

/**
 * One wallet action as a button: nothing is sent on the wrong network; a rejection in the wallet is
 * said plainly; a refusal shows the contract's reason in words (decoded by the SDK).
 */
export function ActionButton({
  label,
  run,
  onDone,
  children,
  testId,
}: {
  label: string;
  run: (client: CovenantClient) => Promise<TxResult>;
  onDone?: () => void;
  children?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const w = useWallet();
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>();
  if (!w.account) return null;
  return (
    <div className="action no-print">
      {children}
      <button
        type="button"
        data-testid={testId}
        disabled={busy || w.wrongNetwork}
        onClick={async () => {
          setBusy(true);
          setMsg(undefined);
          try {
            const r = await run(w.writer());
            setMsg({ ok: true, text: t("action.sent", { tx: r.hash }) });
            invalidate();
            onDone?.();
          } catch (e) {
            setMsg({ ok: false, text: failureText(e, t("wallet.rejected")) });
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? t("common.working") : label}
      </button>
      {w.wrongNetwork ? <span className="error">{t("wallet.wrongNetworkShort")}</span> : null}
      {msg ? (
        <p
          className={msg.ok ? "ok" : "error"}
          role={msg.ok ? "status" : "alert"}
          data-testid={testId ? `${testId}-result` : undefined}
        >
          {msg.text}
        </p>
      ) : null}
    </div>
  );
}
