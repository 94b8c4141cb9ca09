/** The environment a Node-side adapter reads (`COVENANT_*`): `process.env` unless a caller passes its own. */
export type Env = Record<string, string | undefined>;

/** `process.env`, the default environment of the adapters. */
export function processEnv(): Env {
  return process.env;
}
