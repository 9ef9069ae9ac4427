import { T } from "../model/resource";
import type { StackRule } from "../engine/types";
import type { PrincipalView } from "../stack/view";
import { dataPlanePatternsFrom } from "../engine/ai-scope";
import { coversAction } from "../iam/analysis";
import { dataPlaneActions } from "./aag004-ai-data-plane-named-resources";

const NAME = /break[-_]?glass|emergency[-_]?access/i;

export function isBreakGlass(p: PrincipalView): boolean {
  const tag = Object.entries(p.tags).find(([k]) => k.toLowerCase() === "break-glass" || k.toLowerCase() === "breakglass");
  if (tag && !["false", "no", "0"].includes(String(tag[1]).toLowerCase())) return true;
  return NAME.test(p.name) || NAME.test(p.physicalName ?? "");
}

export const breakGlassIsolation: StackRule = {
  kind: "stack",
  id: "AAG-017",
  name: "break-glass-isolated",
  title: "A break-glass principal is never an AI workload path",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI10", "NHI9"], owaspAgentic: ["ASI03", "ASI09"], nistCsf: ["PR.AA-05", "RS.MA-01"], nistAiRmf: ["MANAGE 2.4", "GOVERN 2.1"] },
  why:
    "Break-glass access is for humans in an emergency: strong, rarely used, watched. Once a pipeline, pod or " +
    "function can assume it, or it can call models, the emergency credential becomes a daily one and its " +
    "power is one workload compromise away.",
  fix: "Keep the break-glass role human-only (BreakGlassRole: MFA, named principals, short session, no AI permissions) and give workloads their own AiAccessPath role.",
  appliesTo: [T.role, T.user],
  checkStack(view, ctx) {
    const dataPlane = dataPlaneActions(dataPlanePatternsFrom(ctx.config));
    for (const p of view.principals) {
      if (!isBreakGlass(p)) continue;
      // Effective data-plane reach: the component's own Deny of the AI data plane is honoured.
      const reach = dataPlane.flatMap((a) => p.access.to(a.id));
      if (reach.length > 0) {
        const ids = [...new Set(reach.map((e) => e.action.id))];
        const from = [...new Set(reach.map((e) => e.source))].slice(0, 2).join("; ");
        ctx.violation(p.resource, "BreakGlass::ai-reach", `is a break-glass principal and can call ${ids.slice(0, 3).join(", ")}${ids.length > 3 ? ` and ${ids.length - 3} more` : ""} (from ${from}).`, { property: "policy" });
      } else {
        const granted = p.grants.filter((g) => g.document?.statements.some((s) => s.effect === "Allow" && dataPlane.some((a) => coversAction(s, a.id))));
        if (granted.length > 0) {
          ctx.violation(p.resource, "BreakGlass::ai-grant-denied", `is a break-glass principal holding AI data-plane permissions (from ${granted.map((g) => g.source).slice(0, 2).join("; ")}) that only its explicit Deny cancels; remove them.`, {
            property: "policy",
            advisoryOnly: true,
          });
        }
      }
      const machine = p.entryPoints.filter((e) => ["oidc", "service", "eks-pod-identity", "access-key", "service-credential"].includes(e.kind));
      if (machine.length > 0) {
        ctx.violation(p.resource, "BreakGlass::workload-entry", `is a break-glass principal that workloads can use: ${machine.map((e) => e.label).slice(0, 3).join(", ")}.`, { property: "assumeRolePolicy" });
      }
      for (const f of view.byType(T.lambdaFunction)) {
        const role = f.properties.role;
        if (typeof role === "string" && view.resolve("role", role) === p) ctx.violation(p.resource, `BreakGlass::lambda::${f.name}`, `is a break-glass role used as the execution role of function "${f.name}".`, { property: "role" });
      }
    }
  },
};
