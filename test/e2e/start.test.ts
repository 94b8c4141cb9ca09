import { expect } from "chai";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm start` (scripts/start.js): builds what is missing, starts a node, plays the demo on it, serves
 * the portal and prints its URL; Ctrl-C stops all of it.
 */
describe("npm start", function () {
  this.timeout(300_000);

  it("brings up the portal on a local node with the demo's state, and Ctrl-C leaves no process behind", async function () {
    const root = path.resolve(__dirname, "..", "..");
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-start-"));
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(root, "scripts", "start.js")], {
      cwd: root,
      env: {
        ...process.env,
        COVENANT_DEPLOYMENTS_DIR: tmp,
        COVENANT_START_PORT: String(port),
        NO_COLOR: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d.toString()));
    child.stderr.on("data", (d) => (out += d.toString()));
    try {
      const t0 = Date.now();
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          if (Date.now() - t0 > 240_000) {
            clearInterval(timer);
            reject(new Error(`npm start did not print the portal's URL within 240 s:\n${out.slice(-3000)}`));
          }
          const m = /Covenant portal:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) {
            clearInterval(timer);
            resolve(m[1]);
          }
          if (child.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`npm start exited ${child.exitCode}:\n${out.slice(-2000)}`));
          }
        }, 200);
      });
      expect(url).to.equal(`http://127.0.0.1:${port}/`);
      const page = await fetch(url);
      expect(page.status).to.equal(200);
      expect(await page.text()).to.include('<div id="root">');
      const book = (await (await fetch(new URL("/api/deployment.json", url))).json()) as { chainId: number };
      expect(book.chainId).to.equal(31337);
      const pids = [...out.matchAll(/started \(pid (\d+)\)/g)].map((m) => Number(m[1]));
      expect(pids).to.have.length(2);
      for (const pid of pids) expect(groupAlive(pid), `pid ${pid}`).to.equal(true);

      child.kill("SIGINT");
      const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
      expect(code).to.equal(0);
      expect(out).to.include("nothing left running");
      for (const pid of pids) expect(groupAlive(pid), `pid ${pid} still running`).to.equal(false);
      const refused = await fetch(url).then(
        () => false,
        () => true,
      );
      expect(refused).to.equal(true);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
