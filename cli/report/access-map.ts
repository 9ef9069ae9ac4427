/**
 * The access-path map, drawn from the stack's access graph (policy-pack/src/stack/graph): entry
 * points → front doors, compute and agents → principals → AI resources, tools and data (AI secrets
 * included). Nodes carry logical names, as findings do. An edge is marked violating only by a
 * finding about that edge: on the resource that creates it (the access key, the function URL, the
 * policy or attachment) and, for findings on a principal, only the edges the finding names (its
 * trust for trust findings, the reach that covers the action or resource in the finding ID).
 * Labels are redacted here, escaped when rendered.
 */
import { accessGraphOf, aiSecretEdgesFor, aiSecretsOf, extendAccessGraph, redact, type AccessGraph, type GraphEdge, type RuleSettings, type StackView } from "../../policy-pack/src";
import { readersOfAny } from "../../policy-pack/src/stack/secrets";
import { wildcardMatches } from "../../policy-pack/src/iam/patterns";
import type { AccessMap, AccessMapEdge, AccessMapNode, ReportFinding } from "./model";

const MAX_PRINCIPALS = 40;
/** A principal that may read every secret would otherwise draw one edge per AI secret of the stack. */
const MAX_SECRETS_PER_PRINCIPAL = 8;
const MAX_LABEL = 90;

function clip(s: string, n = MAX_LABEL): string {
  const r = redact(s).replace(/\s+/g, " ").trim();
  return r.length > n ? `${r.slice(0, n - 1)}…` : r;
}

// Trust findings sit on the role and are about who may enter; the engine words them "trust policy …"
// (findings parsed back from messages carry no property, so the wording is the signal there).
const isTrust = (f: ReportFinding) => f.property === "assumeRolePolicy" || / trust policy /.test(f.message);

/** The action or Resource value a finding ID names (`Action::bedrock:*`, `ControlAction::bedrock:X`, `Resource::*`). */
function subjectOf(findingId: string): { action?: string; resource?: string } {
  const at = findingId.indexOf("::");
  if (at < 0) return {};
  const head = findingId.slice(0, at);
  const value = findingId.slice(at + 2);
  if (head === "Resource") return { resource: value };
  if (/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(value)) return { action: value };
  return {};
}

/** Does a finding on a principal speak about this reach edge? */
function aboutReach(s: ReturnType<typeof subjectOf>, e: GraphEdge): boolean {
  if (s.action) {
    const [service] = s.action.split(":");
    return (e.actions ?? []).some((a) => a === s.action || a === `${service}:*` || wildcardMatches(s.action!, a));
  }
  if (s.resource) return (e.resources ?? []).includes(s.resource);
  return false;
}

/** Edges a finding is about. */
function edgesOf(f: ReportFinding, graph: AccessGraph, isPrincipal: boolean): GraphEdge[] {
  const subject = subjectOf(f.findingId);
  if (isPrincipal) {
    const own = graph.byVia(f.resource.urn).filter((e) => e.kind === "enters" && e.property === "assumeRolePolicy");
    if (isTrust(f)) return own;
    // Only the reach the finding names; a finding about the principal as a whole paints no edge.
    return graph.outgoing(f.resource.urn).filter((e) => e.kind === "reaches" && aboutReach(subject, e));
  }
  const via = graph.byVia(f.resource.urn);
  const byProperty = f.property ? via.filter((e) => e.property === f.property) : [];
  if (byProperty.length > 0) return byProperty;
  // A grant document (policy, attachment): every reach it creates, or the ones the finding names.
  const named = via.filter((e) => e.kind === "reaches" && aboutReach(subject, e));
  return named.length > 0 ? named : via.filter((e) => e.kind !== "reaches" || subject.action === undefined);
}

/**
 * The map's settings from the rules' own: a secret is drawn as an AI secret when any enabled rule that
 * judges AI secrets (`aiSecretKeywords`) counts it as one, so the map and the findings agree.
 */
export function mapConfigFrom(settings: ReadonlyMap<string, RuleSettings> | undefined): Readonly<Record<string, unknown>> {
  if (!settings) return {};
  const keywords = new Set<string>();
  let configured = false;
  for (const s of settings.values()) {
    if (s.level === "disabled" || !Array.isArray(s.properties.aiSecretKeywords)) continue;
    configured = true;
    for (const k of s.properties.aiSecretKeywords) if (typeof k === "string") keywords.add(k);
  }
  return configured ? { aiSecretKeywords: [...keywords] } : {};
}

export function buildAccessMap(view: StackView, findings: readonly ReportFinding[], settings?: ReadonlyMap<string, RuleSettings>): AccessMap {
  const config = mapConfigFrom(settings);
  // Which principals are drawn is decided before the graph is built, so the edges to AI secrets are
  // built for those principals only (on large stacks they would grow with principals × secrets).
  const secrets = aiSecretsOf(view, config);
  const secretReaders = new Set([...readersOfAny(secrets, view)].map((p) => p.urn));
  const readsSecret = (id: string) => secretReaders.has(id);
  const relevant = view.principals.filter((p) => p.aiReach.length > 0 || readsSecret(p.urn));
  const shown = new Set(relevant.slice(0, MAX_PRINCIPALS).map((p) => p.urn));
  const graph = extendAccessGraph(accessGraphOf(view), view, config, [aiSecretEdgesFor({ principals: shown, maxPerPrincipal: MAX_SECRETS_PER_PRINCIPAL, secrets })]);
  const principalUrns = new Set(view.principals.map((p) => p.urn));

  // Only what blocks marks an edge: mandatory violations (waived and advisory findings do not).
  const marks = new Map<GraphEdge, string[]>();
  for (const f of findings) {
    if (f.kind !== "violation" || f.waiver || f.level !== "mandatory") continue;
    for (const e of edgesOf(f, graph, principalUrns.has(f.resource.urn))) {
      const tag = `${f.ruleId} ${f.findingId}`.trim();
      const list = marks.get(e) ?? [];
      if (!list.includes(tag)) list.push(tag);
      marks.set(e, list);
    }
  }

  const onPath = (id: string) => graph.pathToAi(id) !== undefined || readsSecret(id) || graph.outgoing(id).some((e) => e.kind === "reads") || graph.nodes.get(id)?.kind === "tool";
  const keep = (e: GraphEdge) => {
    for (const end of [e.from, e.to]) if (principalUrns.has(end) && !shown.has(end)) return false;
    if (e.kind === "reaches" || e.kind === "reads" || e.kind === "uses-tool") return true;
    if (e.kind === "enters") return onPath(e.to);
    return onPath(e.from);
  };

  const nodes: AccessMapNode[] = [];
  const edges: AccessMapEdge[] = [];
  const nodeIds = new Map<string, string>();
  const node = (graphId: string): string => {
    let id = nodeIds.get(graphId);
    if (!id) {
      const n = graph.nodes.get(graphId)!;
      id = `${n.kind[0]}${nodeIds.size}`;
      nodeIds.set(graphId, id);
      nodes.push({ id, kind: n.kind, label: clip(n.label) });
    }
    return id;
  };
  const seen = new Set<string>();
  const edge = (from: string, to: string, label: string | undefined, violations: string[]) => {
    const k = `${from}|${to}|${label ?? ""}`;
    if (seen.has(k)) return;
    seen.add(k);
    edges.push({ from, to, label: label ? clip(label, 60) : undefined, violations });
  };

  for (const e of graph.edges) {
    if (!keep(e)) continue;
    edge(node(e.from), node(e.to), e.label, marks.get(e) ?? []);
  }
  // A principal nothing in the stack enters or runs as: say so rather than draw it floating.
  for (const urn of shown) {
    if (graph.incoming(urn).some((e) => e.kind === "enters" || e.kind === "runs-as")) continue;
    const none = `none|${urn}`;
    if (!nodeIds.has(none)) {
      const id = `e${nodeIds.size}`;
      nodeIds.set(none, id);
      nodes.push({ id, kind: "entry", label: "no entry point in this stack" });
    }
    edge(nodeIds.get(none)!, node(urn), undefined, []);
  }
  return { nodes, edges, omittedPrincipals: relevant.length - shown.size };
}
