import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { findArtifact, REPO_ROOT } from "../../src/node/artifacts";
import { artifactOf, DEPLOYABLES, libraryPlaceholder, linkReferencesOf } from "../../src/node/deployables";

/**
 * A deployment takes ABIs and bytecode from the build's TypeChain factories, never from whatever
 * `artifacts/` holds; this checks the factories against the compile the tests run on.
 */
describe("node/deployables: what a deployment deploys comes from the generated factories", function () {
  it("names exactly the contracts Ignition's module deploys or attaches to", function () {
    const src = fs.readFileSync(path.join(REPO_ROOT, "ignition", "modules", "Covenant.ts"), "utf8");
    const named = new Set(
      [...src.matchAll(/m\.(?:contract|library|contractAt)\(\s*"(\w+)"/g)].map((m) => m[1]),
    );
    expect([...named].sort()).to.deep.equal(Object.keys(DEPLOYABLES).sort());
  });

  it("holds, for each, the source name, ABI and creation bytecode of a fresh compile", function () {
    for (const [name, d] of Object.entries(DEPLOYABLES)) {
      const a = findArtifact(name) as unknown as { sourceName: string; abi: unknown; bytecode: string };
      expect(a, name).to.not.equal(undefined);
      expect(d.sourceName, name).to.equal(a.sourceName);
      expect(d.abi, name).to.deep.equal(a.abi);
      expect(d.bytecode, name).to.equal(a.bytecode);
      if (name === "IERC20Metadata") expect(d.bytecode).to.equal("0x");
      else expect(d.bytecode.length, name).to.be.greaterThan(2);
    }
  });

  it("finds the library link references solc records, from the placeholders alone", function () {
    for (const name of Object.keys(DEPLOYABLES)) {
      const a = findArtifact(name) as unknown as { linkReferences: unknown };
      expect(artifactOf(name).linkReferences, name).to.deep.equal(a.linkReferences);
    }
  });

  it("refuses a placeholder of a library it cannot deploy, and an unknown contract name", function () {
    const stranger = libraryPlaceholder("contracts/Nowhere.sol", "Nowhere");
    expect(() => linkReferencesOf(`0x6080${stranger}00`)).to.throw(/links an unknown library/);
    expect(() => artifactOf("Nothing")).to.throw(/no deployable contract named Nothing/);
  });
});
