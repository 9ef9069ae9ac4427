/**
 * The Pulumi side: a pack spoken to over the analyzer protocol exactly as the engine does, per
 * stack: Remediate + Analyze for every resource (inputs), then AnalyzeStack (outputs).
 */
import { PackProcess, buildAnalyzeRequest, buildAnalyzeStackRequest } from "../../cli/analyzer/pack-client";
import { peakRssKb, type PackUnderTest } from "../common";
import type { StackInput } from "./inputs";

export interface PackDiagnostic {
  readonly policy: string;
  readonly level: string;
  readonly resource: string;
}

export interface PackRun {
  readonly label: string;
  readonly startMs: number;
  /** Wall time of all calls over all stacks (start-up excluded). */
  readonly ms: number;
  readonly rssKb: number;
  readonly byInput: Map<string, { diagnostics: PackDiagnostic[]; errors: string[] }>;
}

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A call that a dead or stuck pack never answers fails after a minute instead of hanging the bench. */
function call(p: PackProcess, method: string, req: unknown): Promise<any> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${method}: no answer within 60 s`)), 60_000)));
  return Promise.race([p.send(method, req), timeout]).finally(() => clearTimeout(timer));
}

export async function runPack(pack: PackUnderTest, inputs: readonly StackInput[]): Promise<PackRun> {
  const p = await PackProcess.launch({ packDir: pack.dir, dryRun: true, timeoutMs: 120_000, env: pack.env });
  const byInput = new Map<string, { diagnostics: PackDiagnostic[]; errors: string[] }>();
  try {
    // Requests are built before the clock starts.
    const prepared = inputs.map((s) => ({
      s,
      each: s.resources.map((r) => buildAnalyzeRequest({ type: r.type, name: r.name, urn: r.urn, properties: r.inputs })),
      stack: buildAnalyzeStackRequest(s.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, properties: r.outputs }))),
    }));
    const t0 = process.hrtime.bigint();
    for (const { s, each, stack } of prepared) {
      const out = { diagnostics: [] as PackDiagnostic[], errors: [] as string[] };
      const take = (res: any) => {
        for (const d of res.getDiagnosticsList()) out.diagnostics.push({ policy: d.getPolicyname(), level: LEVELS[d.getEnforcementlevel()] ?? "advisory", resource: d.getUrn() });
      };
      for (const req of each) {
        try {
          await call(p, "remediate", req);
          take(await call(p, "analyze", req));
        } catch (e: any) {
          out.errors.push(`Analyze: ${String(e?.details ?? e?.message ?? e).split("\n")[0].slice(0, 160)}`);
        }
      }
      try {
        take(await call(p, "analyzeStack", stack));
      } catch (e: any) {
        out.errors.push(`AnalyzeStack: ${String(e?.details ?? e?.message ?? e).split("\n")[0].slice(0, 160)}`);
      }
      byInput.set(s.id, out);
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { label: pack.label, startMs: p.startupMs, ms, rssKb: peakRssKb(p.child.pid), byInput };
  } finally {
    await p.close();
  }
}
