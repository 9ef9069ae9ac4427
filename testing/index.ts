/**
 * Test helpers for platform engineers: run your Pulumi program (or a component) under Pulumi's
 * mocks and through this policy pack — the same path as `ai-access-guard check` — from vitest or jest.
 *
 *   import { expectNoMandatoryFindings } from "ai-access-guard/testing";
 *   it("passes the AI access guard", async () => {
 *     await expectNoMandatoryFindings(() => import("./index"));
 *   });
 *
 * The program must be loaded INSIDE the callback (a dynamic import), so the mocks are in place
 * before it registers resources. Use one program per test file: modules are cached per process.
 */
import * as path from "path";
import { PackProcess, defaultPackDir, type WireLevel } from "../cli/analyzer/pack-client";
import { judgeProgram } from "../cli/check/check";
import { recordingMocks, settleRegistrations, type RecordedResource } from "../cli/check/mocks";
import { reportFromCheck } from "../cli/check/report";
import { renderText } from "../cli/report/text";
import type { Report, ReportFinding } from "../cli/report/model";

export interface PolicyRunOptions {
  /** Pack configuration, same shape as `--policy-pack-config` (policy → level or settings). */
  readonly config?: Record<string, WireLevel | ({ enforcementLevel?: WireLevel } & Record<string, unknown>)>;
  /** Where the program lives (for source locations in the report). @default process.cwd() */
  readonly programDir?: string;
  /** @default "test" */
  readonly project?: string;
  /** @default "test" */
  readonly stack?: string;
  /** Another CrossGuard pack directory. @default this package's policy pack */
  readonly packDir?: string;
}

export interface PolicyRunResult {
  readonly resources: RecordedResource[];
  readonly findings: ReportFinding[];
  readonly mandatory: ReportFinding[];
  readonly report: Report;
  /** The readable text report (no colour). */
  readonly text: string;
}

/** Runs `program` under Pulumi mocks, sends what it registers through the policy pack process, returns the findings. */
export async function runWithPolicyPack(program: () => unknown, opts: PolicyRunOptions = {}): Promise<PolicyRunResult> {
  if (typeof program !== "function") {
    throw new TypeError("runWithPolicyPack(program): program must be a function that loads your program, e.g. () => import(\"./index\")");
  }
  const project = opts.project ?? "test";
  const stack = opts.stack ?? "test";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pulumi: typeof import("@pulumi/pulumi") = require("@pulumi/pulumi");
  const resources: RecordedResource[] = [];
  await pulumi.runtime.setMocks(recordingMocks(project, stack, resources), project, stack, false);
  const loaded = await program();
  const main = loaded && typeof (loaded as { default?: unknown }).default === "function" ? (loaded as { default: () => unknown }).default : undefined;
  if (main) await main();
  await settleRegistrations();
  const pack = await PackProcess.launch({ packDir: opts.packDir ?? defaultPackDir(), dryRun: true, project, stack, config: opts.config });
  try {
    const programDir = path.resolve(opts.programDir ?? process.cwd());
    const result = await judgeProgram(pack, programDir, { project, stack, resources });
    const report = reportFromCheck(result);
    const mandatory = report.findings.filter((f) => f.level === "mandatory");
    return { resources, findings: report.findings, mandatory, report, text: renderText(report, { color: false }) };
  } finally {
    await pack.close();
  }
}

/** Fails with the readable report when the program draws any mandatory finding; returns the run otherwise. */
export async function expectNoMandatoryFindings(program: () => unknown, opts: PolicyRunOptions = {}): Promise<PolicyRunResult> {
  const run = await runWithPolicyPack(program, opts);
  if (run.mandatory.length > 0) {
    const err = new Error(`ai-access-guard: ${run.mandatory.length} mandatory finding(s)\n\n${run.text}`);
    err.name = "AiAccessGuardError";
    throw err;
  }
  return run;
}
