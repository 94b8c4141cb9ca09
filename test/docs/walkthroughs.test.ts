import { expect } from "chai";
import fs from "node:fs";
import hre from "hardhat";
import { renderWalkthroughs, WALKTHROUGHS } from "../../scripts/gen-walkthroughs";

/**
 * docs/walkthroughs.md is produced by `npm run docs:walkthroughs` from a real run (the demo on a
 * fresh in-process chain, then the page's commands, output normalised): the committed page is what
 * a fresh run gives.
 */
describe("docs/walkthroughs.md: produced from a real run", function () {
  this.timeout(600_000);

  it("is what npm run docs:walkthroughs produces now (rerun it after changing a command's output)", async function () {
    const fresh = await renderWalkthroughs(hre);
    const current = fs.readFileSync(WALKTHROUGHS, "utf8");
    if (current !== fresh) {
      const a = current.split("\n");
      const b = fresh.split("\n");
      const at = a.findIndex((line, i) => line !== b[i]);
      expect.fail(
        `docs/walkthroughs.md is stale (run \`npm run docs:walkthroughs\`); first difference at line ${at + 1}:\n` +
          `committed: ${a[at]}\nfresh:     ${b[at]}`,
      );
    }
  });
});
