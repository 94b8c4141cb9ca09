import { createContext, useContext } from "react";
import type { Chain } from "./chain";

export const ChainContext = createContext<Chain | null>(null);

export function useChain(): Chain {
  const c = useContext(ChainContext);
  if (!c) throw new Error("no chain");
  return c;
}
