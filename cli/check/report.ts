/** Turns a `check` result (pack diagnostics + recorded resources) into a report. */
import * as fs from "fs";
import * as path from "path";
import { ALL_RULES, stackViewFor, type ResourceModel, type RuleSettings } from "../../policy-pack/src";
import { buildAccessMap } from "../report/access-map";
import type { PhysicalLocation, Report, ReportFinding } from "../report/model";
import { parseDiagnostic } from "../report/parse-message";
import { modelFromState } from "../scan/pulumi";
import type { CheckResult } from "./check";
import { SYNTHETIC_NOTE } from "./mocks";

/** Where a resource is declared: the first `"name"` literal in the program's entry file. */
function locator(programDir: string): (name: string) => PhysicalLocation | undefined {
  const entry = ["index.ts", "index.js", "main.ts"].map((f) => path.join(programDir, f)).find((f) => fs.existsSync(f));
  if (!entry) return () => undefined;
  const lines = fs.readFileSync(entry, "utf8").split("\n");
  const uri = path.relative(process.cwd(), entry).split(path.sep).join("/");
  return (name) => {
    for (let i = 0; i < lines.length; i++) {
      const col = Math.max(lines[i].indexOf(`"${name}"`), lines[i].indexOf(`'${name}'`), lines[i].indexOf(`\`${name}\``));
      if (col >= 0) return { uri, line: i + 1, column: col + 1 };
    }
    return { uri };
  };
}

export function reportFromCheck(result: CheckResult, settings?: ReadonlyMap<string, RuleSettings>): Report {
  const locate = locator(path.resolve(result.program));
  const byUrn = new Map(result.run.resources.map((r) => [r.urn, r]));
  const rel = (file: string) => path.relative(process.cwd(), file).split(path.sep).join("/");
  const findings: ReportFinding[] = result.diagnostics.map((d) => {
    const f = parseDiagnostic({ policyName: d.policyName, policyPackName: d.policyPackName, message: d.message, enforcementLevel: d.enforcementLevel, urn: d.urn });
    // The line that created it (a component child: the line that created the component), else the name's first literal.
    const src = d.urn ? byUrn.get(d.urn)?.source : undefined;
    const physicalLocation: PhysicalLocation | undefined = src ? { uri: rel(src.file), line: src.line, column: src.column } : locate(f.resource.name);
    return { ...f, physicalLocation, resource: physicalLocation?.line ? { ...f.resource, location: `${physicalLocation.uri}#${physicalLocation.line}` } : f.resource };
  });
  const resources = result.run.resources
    .map((r) => modelFromState({ urn: r.urn, type: r.type, inputs: r.outputs, outputs: r.outputs, parent: r.parent, sourcePosition: r.source ? `${rel(r.source.file)}#${r.source.line}${r.source.column ? `,${r.source.column}` : ""}` : undefined }))
    .filter((r): r is ResourceModel => r !== undefined);
  const view = stackViewFor(resources, ALL_RULES, settings);
  return {
    command: "check",
    input: { kind: "pulumi-program", path: path.relative(process.cwd(), path.resolve(result.program)).split(path.sep).join("/") || "." },
    resourceCount: result.run.resources.length,
    findings,
    accessMap: buildAccessMap(view, findings, settings),
    notes: [SYNTHETIC_NOTE],
  };
}
