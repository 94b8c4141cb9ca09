import { isAddress } from "ethers";
import { Addr } from "./format";

export function argText(v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) {
    // A decoded struct (an ethers Result with names, e.g. a claim's record) reads as {name: value}
    const named = (v as { toObject?: () => Record<string, unknown> }).toObject;
    if (typeof named === "function")
      try {
        const obj = named.call(v);
        if (Object.keys(obj).length === v.length)
          return `{${Object.entries(obj)
            .map(([k, x]) => `${k}: ${argText(x)}`)
            .join(", ")}}`;
      } catch {
        // an unnamed list
      }
    return `[${v.map(argText).join(", ")}]`;
  }
  if (v && typeof v === "object") {
    const o = v as { toObject?: () => Record<string, unknown> };
    const obj = typeof o.toObject === "function" ? o.toObject() : (v as Record<string, unknown>);
    return `{${Object.entries(obj)
      .map(([k, x]) => `${k}: ${argText(x)}`)
      .join(", ")}}`;
  }
  return String(v);
}

/** A decoded event's arguments as text (addresses with names); on-chain strings stay text. */
export function EventArgs({ args, names }: { args: Record<string, unknown>; names?: Map<string, string> }) {
  return (
    <dl className="args">
      {Object.entries(args).map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            {typeof v === "string" && isAddress(v) ? <Addr a={v} names={names} /> : <span>{argText(v)}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
