/**
 * Linear-time scan: the same Terraform plan written one-line (as `terraform show -json` writes it)
 * and pretty-printed, and a compact Pulumi export, timed through the CLI in one run. Reports the
 * one-line / pretty ratio (target ≤ 1.3) and the time for a ~50 MB plan (target < 5 s).
 * Usage: npm run build && node dist/bench/scan-linear.js [target MB, default 50]
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const TARGET_MB = Number(process.argv[2] ?? 50);
const ACCT = "210987654321";
const doc = (s: object) => JSON.stringify({ Version: "2012-10-17", Statement: [s] });

function plan(roles: number): object {
  const planned: object[] = [];
  const changes: object[] = [];
  const config: object[] = [];
  for (let i = 0; i < roles; i++) {
    const name = `svc-${i}`;
    const role = { name, assume_role_policy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }), tags: { owner: "team", purpose: "bench" }, max_session_duration: 3600, path: "/" };
    const policy = { name: `${name}-ai`, role: name, policy: doc({ Effect: "Allow", Action: i % 50 === 0 ? "bedrock:*" : ["bedrock:InvokeModel"], Resource: i % 40 === 0 ? "*" : `arn:aws:bedrock:us-east-1::foundation-model/m-${i}` }) };
    for (const [type, rname, values] of [["aws_iam_role", name, role], ["aws_iam_role_policy", `${name}_ai`, policy]] as const) {
      const address = `${type}.${rname.replace(/-/g, "_")}`;
      planned.push({ address, mode: "managed", type, name: rname.replace(/-/g, "_"), provider_name: "registry.terraform.io/hashicorp/aws", schema_version: 0, values, sensitive_values: {} });
      changes.push({ address, mode: "managed", type, name: rname.replace(/-/g, "_"), provider_name: "registry.terraform.io/hashicorp/aws", change: { actions: ["create"], before: null, after: values, after_unknown: { arn: true, id: true, unique_id: true }, before_sensitive: false, after_sensitive: {} } });
      const expressions: Record<string, object> = {};
      for (const [k, v] of Object.entries(values)) expressions[k] = { constant_value: v };
      config.push({ address, mode: "managed", type, name: rname.replace(/-/g, "_"), provider_config_key: "aws", expressions, schema_version: 0 });
    }
  }
  return {
    format_version: "1.2",
    terraform_version: "1.9.0",
    planned_values: { root_module: { resources: planned } },
    resource_changes: changes,
    configuration: { provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws" } }, root_module: { resources: config } },
    timestamp: "2026-12-01T00:00:00Z",
    applyable: true,
    complete: true,
    errored: false,
  };
}

const main = path.resolve(__dirname, "..", "cli", "main.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-linear-"));
// CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
function time(file: string): { ms: number; cpuMs?: number; code: number | null } {
  const args = [main, "scan", file, "--format", "sarif", "--output", path.join(dir, "out.sarif")];
  const t0 = process.hrtime.bigint();
  const r = TIME ? spawnSync(TIME, ["-f", "AAGCPU %U %S", process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 26 }) : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = /AAGCPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? "");
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined, code: r.status };
}
const cpu = (t: { cpuMs?: number }) => (t.cpuMs === undefined ? "" : `, CPU ${t.cpuMs.toFixed(0)} ms`);

// Size the plan from a small sample: the one-line form is what terraform writes.
const perRole = JSON.stringify(plan(100)).length / 100;
const roles = Math.max(100, Math.round((TARGET_MB * 1e6) / perRole));
const p = plan(roles);
const oneLine = path.join(dir, "plan.json");
const pretty = path.join(dir, "plan.pretty.json");
fs.writeFileSync(oneLine, JSON.stringify(p));
fs.writeFileSync(pretty, JSON.stringify(p, null, 2));
const mb = (f: string) => (fs.statSync(f).size / 1e6).toFixed(1);
const a = time(oneLine);
const b = time(pretty);
const findings = (() => { try { return JSON.parse(fs.readFileSync(path.join(dir, "out.sarif"), "utf8")).runs[0].results.length; } catch { return "?"; } })();
console.log(`terraform plan, ${roles * 2} resources, ${findings} findings: one-line ${mb(oneLine)} MB ${a.ms.toFixed(0)} ms${cpu(a)} (exit ${a.code}); pretty ${mb(pretty)} MB ${b.ms.toFixed(0)} ms${cpu(b)} (exit ${b.code}); one-line/pretty ${(a.ms / b.ms).toFixed(2)} wall${a.cpuMs && b.cpuMs ? `, ${(a.cpuMs / b.cpuMs).toFixed(2)} CPU` : ""}`);
fs.rmSync(dir, { recursive: true, force: true });
