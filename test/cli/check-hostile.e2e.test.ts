/**
 * Issue 13, `check` from outside: the program's own stderr is redacted before it is relayed, and
 * Ctrl-C on the CLI takes the pack process (its own process group) down with it.
 */
import { describe, expect, it, beforeAll } from "vitest";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MAIN, cli, requireBuild, ROOT } from "./helpers";

const KEY = "sk-proj-RELAYEDabcdefghijklmnopqrstuvwxyz0123";

function program(body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-i13-prog-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: hostile\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "index.js"), body);
  return dir;
}

const children = (pid: number): Array<{ pid: number; args: string }> => {
  try {
    return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => ({ pid: Number(l.trim().split(/\s+/)[0]), args: l.trim() }));
  } catch {
    return [];
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("check on hostile programs", () => {
  beforeAll(() => requireBuild());

  it("relays the program's error without the credentials in it", () => {
    const dir = program(`throw new Error("could not call the model with ${KEY}");\n`);
    const r = cli(["check", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/failed under the mock runtime/);
    expect(r.stderr).not.toContain("RELAYEDabcdefghij");
  });

  it("Ctrl-C while the pack judges kills the pack's process group", async () => {
    // Enough resources that judging takes a while; the program itself returns at once.
    const dir = program(
      `const aws = require(${JSON.stringify(require.resolve("@pulumi/aws", { paths: [ROOT] }))});\n` +
        `for (let i = 0; i < 800; i++) new aws.iam.Role("r" + i, { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }) });\n`,
    );
    const child = spawn(process.execPath, [MAIN, "check", dir], { cwd: ROOT, stdio: "ignore" });
    let pack: number | undefined;
    for (let i = 0; i < 600 && pack === undefined && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      pack = children(child.pid!).find((c) => c.args.includes("run-policy-pack"))?.pid;
    }
    expect(pack, "the pack process was seen").toBeDefined();
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    expect(code).toBe(130);
    for (let i = 0; i < 50 && alive(pack!); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pack!)).toBe(false);
  }, 120_000);
});
