/**
 * The access-path map: entry point → principal → AI resources, from the stack view
 * (`principals[].entryPoints`, `principals[].aiReach`). An edge is marked violating when a
 * finding (not waived) sits on the resource that creates it: the access key, the trust policy,
 * the policy or attachment that grants the AI reach. Labels are redacted here, escaped when rendered.
 */
import { redact, type StackView } from "../../policy-pack/src";
import type { AccessMap, AccessMapEdge, AccessMapNode, ReportFinding } from "./model";

const MAX_PRINCIPALS = 40;
const MAX_LABEL = 90;

function clip(s: string, n = MAX_LABEL): string {
  const r = redact(s).replace(/\s+/g, " ").trim();
  return r.length > n ? `${r.slice(0, n - 1)}…` : r;
}

function shortResource(r: string): string {
  // arn:aws:bedrock:us-east-1::foundation-model/anthropic.x → foundation-model/anthropic.x
  const m = /^(not )?arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$/.exec(r);
  return m ? `${m[1] ?? ""}${m[2]}` : r;
}

export function buildAccessMap(view: StackView, findings: readonly ReportFinding[]): AccessMap {
  const bad = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    // Only what blocks marks an edge: mandatory violations (waived and advisory findings do not).
    if (f.kind !== "violation" || f.waiver || f.level !== "mandatory") continue;
    const list = bad.get(f.resource.urn) ?? [];
    list.push(f);
    bad.set(f.resource.urn, list);
  }
  // Trust findings sit on the role and are about who may enter; the engine words them "trust policy …"
  // (findings parsed back from messages carry no property, so the wording is the signal there).
  const isTrust = (f: ReportFinding) => f.property === "assumeRolePolicy" || / trust policy /.test(f.message);
  const tags = (fs: readonly ReportFinding[]) => [...new Set(fs.map((f) => `${f.ruleId} ${f.findingId}`.trim()))];

  const relevant = view.principals.filter((p) => p.aiReach.length > 0);
  const shown = relevant.slice(0, MAX_PRINCIPALS);
  const nodes: AccessMapNode[] = [];
  const edges: AccessMapEdge[] = [];
  const nodeIds = new Map<string, string>();
  const node = (kind: AccessMapNode["kind"], key: string, label: string): string => {
    const k = `${kind}|${key}`;
    let id = nodeIds.get(k);
    if (!id) {
      id = `${kind[0]}${nodeIds.size}`;
      nodeIds.set(k, id);
      nodes.push({ id, kind, label: clip(label) });
    }
    return id;
  };
  const seenEdges = new Set<string>();
  const edge = (from: string, to: string, label: string | undefined, violations: string[]) => {
    const k = `${from}|${to}|${label ?? ""}`;
    if (seenEdges.has(k)) return;
    seenEdges.add(k);
    edges.push({ from, to, label: label ? clip(label, 60) : undefined, violations });
  };

  for (const p of shown) {
    const pid = node("principal", p.urn, `${p.kind} ${p.physicalName ?? p.name}`);
    const principalFindings = bad.get(p.urn) ?? [];
    if (p.entryPoints.length === 0) {
      const eid = node("entry", `none|${p.urn}`, "no entry point in this stack");
      edge(eid, pid, undefined, []);
    }
    for (const e of p.entryPoints) {
      const eid = node("entry", `${e.kind}|${e.label}`, e.label);
      // A trust-policy finding sits on the role itself; a key or credential finding on its own resource.
      const fs = e.sourceUrn === p.urn ? principalFindings.filter(isTrust) : (bad.get(e.sourceUrn) ?? []);
      edge(eid, pid, e.kind === "access-key" || e.kind === "service-credential" ? "static key" : e.kind === "oidc" || e.kind === "saml" ? "federates" : "assumes", tags(fs));
    }
    const grantUrn = new Map(p.grants.map((g) => [g.source, g.sourceUrn]));
    for (const reach of p.aiReach) {
      const target = reach.resources.length === 0 ? "*" : reach.resources.map(shortResource).join(", ");
      const aid = node("ai", `${reach.service}|${target}`, `${reach.service}: ${target}`);
      const src = grantUrn.get(reach.source);
      // The grant's own resource (policy, attachment) plus what is said about the principal's reach.
      const fs = [...(src && src !== p.urn ? (bad.get(src) ?? []) : []), ...principalFindings.filter((f) => !isTrust(f))];
      const actions = reach.allActions ? `${reach.service}:*` : reach.actions.length <= 2 ? reach.actions.join(", ") : `${reach.actions.slice(0, 2).join(", ")} +${reach.actions.length - 2}`;
      edge(pid, aid, actions, tags(fs));
    }
  }
  return { nodes, edges, omittedPrincipals: relevant.length - shown.length };
}
