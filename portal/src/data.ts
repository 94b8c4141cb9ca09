import { listMembers, type MemberView } from "../../src/sdk/members";
import { tokenInfo } from "../../src/sdk/actions/token";
import type { TokenInfo } from "../../src/sdk/money";
import { useChain } from "./context";
import { useLoad } from "./hooks";

/** Every member record (all statuses), read once per session. */
export function useMembers() {
  const { client } = useChain();
  return useLoad<MemberView[]>("members", () => listMembers(client));
}

/** Lower-case address → on-chain name, for showing names beside addresses. */
export function useNames(): Map<string, string> {
  const m = useMembers();
  const names = new Map<string, string>();
  for (const v of m.data ?? []) names.set(v.address.toLowerCase(), v.name);
  return names;
}

export function useToken() {
  const { client } = useChain();
  return useLoad<TokenInfo>("token", () => tokenInfo(client));
}
