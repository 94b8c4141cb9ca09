import fs from "node:fs";
import path from "node:path";

/** `text` formatted by prettier as `npm run lint` checks the file `file`. */
export async function formatLike(file: string, text: string): Promise<string> {
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/**
 * The command-line end of a generated page: writes `fresh` to `file`, or with `--check` writes
 * nothing and exits 1 when the file differs (also with DOCS_CHECK=1, for `hardhat run`); `script`
 * names the npm script that regenerates it.
 */
export async function writeOrCheck(
  file: string,
  render: () => Promise<string>,
  script: string,
): Promise<void> {
  const name = path.relative(path.join(__dirname, ".."), file);
  try {
    const fresh = await render();
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (process.argv.includes("--check") || process.env.DOCS_CHECK === "1") {
      if (fresh !== current) {
        console.error(`${name} is stale: run \`npm run ${script}\``);
        process.exit(1);
      }
      console.log(`${name} is current`);
      return;
    }
    fs.writeFileSync(file, fresh);
    console.log(fresh === current ? `${name} unchanged` : `wrote ${name}`);
  } catch (e) {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  }
}
