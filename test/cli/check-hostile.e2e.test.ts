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

  it("never echoes a pulumi.secret(...) value (text, and Markdown with the map)", () => {
    const req = (id: string) => JSON.stringify(require.resolve(id, { paths: [ROOT] }));
    const dir = program(
      `const pulumi = require(${req("@pulumi/pulumi")});\nconst aws = require(${req("@pulumi/aws")});\n` +
        `new aws.iam.AccessKey("k", { user: pulumi.secret("zz-secret-user-name") });\n` +
        `new aws.iam.Role("gha", { name: pulumi.secret("zz-secret-role"), assumeRolePolicy: pulumi.secret(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:zzsecretorg/*" } } }] })) });\n`,
    );
    for (const format of ["text", "markdown"]) {
      const r = cli(["check", dir, "--format", format]);
      expect(r.code, r.stderr).toBe(1);
      for (const hidden of ["zz-secret-user-name", "zz-secret-role", "zzsecretorg"]) expect(r.stdout + r.stderr, `${format}: ${hidden}`).not.toContain(hidden);
    }
  }, 120_000);

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
