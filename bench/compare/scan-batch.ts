/**
 * One process scanning many plans with the CLI's own `scan` code path, as Checkov scans many files
 * in one run: `node dist/bench/compare/scan-batch.js <list-file> <out.json>`. Writes, per file, the
 * findings (rule, level, kind, resource) or the usage error, and prints nothing else.
 */
import * as fs from "fs";
import { ALL_RULES, resolveConfig } from "../../policy-pack/src";
import { scanFile } from "../../cli/scan/scan";

export interface BatchFinding {
  readonly ruleId: string;
  readonly level: string;
  readonly kind: string;
  readonly resource: string;
}

export type BatchResult = { readonly findings: BatchFinding[] } | { readonly error: string };

function main(): void {
  const [list, out] = process.argv.slice(2);
  const settings = resolveConfig(ALL_RULES, {});
  const results: Record<string, BatchResult> = {};
  for (const file of fs.readFileSync(list, "utf8").split("\n").filter(Boolean)) {
    try {
      const report = scanFile(file, { settings });
      results[file] = { findings: report.findings.map((f) => ({ ruleId: f.ruleId, level: f.level, kind: f.kind, resource: f.resource.name })) };
    } catch (e) {
      results[file] = { error: e instanceof Error ? e.name : "error" };
    }
  }
  fs.writeFileSync(out, JSON.stringify(results));
}

if (require.main === module) main();
