/**
 * Generates a Pulumi stack export (version 3) with N resources (default 50 000: roles with inline
 * AI policies, attachments, users with keys, secrets) and times `ai-access-guard scan` on it.
 * Usage: npm run build && node dist/bench/scan-large.js [N]
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const N = Number(process.argv[2] ?? 50_000);
const ACCT = "210987654321";
const urn = (t: string, n: string) => `urn:pulumi:bench::big::${t}::${n}`;
const doc = (s: object) => JSON.stringify({ Version: "2012-10-17", Statement: [s] });
const resources: object[] = [];
for (let i = 0; resources.length < N; i++) {
  const role = `svc-${i}`;
  const trust = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
  const inl = [{ name: "ai", policy: doc({ Effect: "Allow", Action: i % 10 === 0 ? "bedrock:*" : ["bedrock:InvokeModel"], Resource: i % 7 === 0 ? "*" : `arn:aws:bedrock:us-east-1::foundation-model/m-${i}` }) }];
  const roleIn = { name: role, assumeRolePolicy: trust, inlinePolicies: inl, tags: { owner: "team", purpose: "bench" } };
  resources.push({ urn: urn("aws:iam/role:Role", role), custom: true, id: role, type: "aws:iam/role:Role", inputs: roleIn, outputs: { ...roleIn, arn: `arn:aws:iam::${ACCT}:role/${role}` } });
  resources.push({ urn: urn("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${role}-att`), custom: true, id: `${role}-att`, type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", inputs: { role, policyArn: i % 13 === 0 ? "arn:aws:iam::aws:policy/AmazonBedrockFullAccess" : "arn:aws:iam::aws:policy/ReadOnlyAccess" }, outputs: {} });
  if (i % 5 === 0) {
    resources.push({ urn: urn("aws:iam/user:User", `u-${i}`), custom: true, id: `u-${i}`, type: "aws:iam/user:User", inputs: { name: `u-${i}` }, outputs: { name: `u-${i}`, arn: `arn:aws:iam::${ACCT}:user/u-${i}` } });
    resources.push({ urn: urn("aws:iam/accessKey:AccessKey", `k-${i}`), custom: true, id: `AKIA${String(i).padStart(16, "0")}`, type: "aws:iam/accessKey:AccessKey", inputs: { user: `u-${i}` }, outputs: { secret: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" } } });
  }
}
resources.length = N;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-bench-"));
const file = path.join(dir, "stack.json");
fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { manifest: { time: new Date().toISOString(), magic: "", version: "v3.248.0" }, resources, metadata: {} } }, null, 4));
const size = fs.statSync(file).size;
const main = path.resolve(__dirname, "..", "cli", "main.js");
for (const format of ["json", "sarif"]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [main, "scan", file, "--format", format, "--output", path.join(dir, `out.${format}`)], { encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const out = JSON.parse(fs.readFileSync(path.join(dir, `out.${format}`), "utf8"));
  const count = format === "json" ? out.summary.total : out.runs[0].results.length;
  console.log(`${N} resources, ${(size / 1e6).toFixed(1)} MB export: scan --format ${format} ${ms.toFixed(0)} ms, exit ${r.status}, ${count} findings`);
}
fs.rmSync(dir, { recursive: true, force: true });
