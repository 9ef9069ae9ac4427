/** What every edge builder gets: the stack view, a reference index, and ways to add nodes and edges. */
import type { ResourceModel } from "../../model/resource";
import { shortType } from "../../engine/format";
import type { PrincipalView, StackView } from "../view";
import type { ResourceIndex } from "./references";
import type { EntryKind, GraphEdge, GraphNode, NodeKind } from "./types";

export interface BuildContext {
  readonly view: StackView;
  readonly index: ResourceIndex;
  /** Shared settings (AI-secret keywords). */
  readonly config: Readonly<Record<string, unknown>>;
  resourceNode(r: ResourceModel, kind: NodeKind): string;
  principalNode(p: PrincipalView): string;
  entryNode(kind: EntryKind, label: string): string;
  /** A synthetic node (AI reach target) keyed by `key`. */
  syntheticNode(kind: NodeKind, key: string, label: string): string;
  edge(e: GraphEdge): void;
  /** The roles a property of `from` names (value, else the URNs it depends on). */
  roles(from: ResourceModel, property: string, value: unknown): PrincipalView[];
}

export function resourceLabel(r: ResourceModel): string {
  return `${shortType(r.type)} "${r.name}"`;
}

export function principalLabel(p: PrincipalView): string {
  // Logical names, as findings say them (`Role "gha-deploy"`), never the mock physical name.
  return `${p.kind} "${p.name}"`;
}

const edgeKey = (e: GraphEdge) => `${e.from}|${e.to}|${e.kind}|${e.via.urn}|${e.label ?? ""}`;

/**
 * A build context; `base` seeds it with the nodes of a graph already built, to extend it. With
 * `newEdgesOnly` the context collects only the edges the builders add (the caller joins them to the
 * base's), and an edge the base has already is recognised from the base's edges at its `from` node.
 */
export function createContext(
  view: StackView,
  index: ResourceIndex,
  config: Readonly<Record<string, unknown>>,
  base?: { nodes: ReadonlyMap<string, GraphNode>; edges: readonly GraphEdge[]; outgoing?(id: string): readonly GraphEdge[] },
  newEdgesOnly = false,
) {
  const nodes = new Map<string, GraphNode>(base?.nodes ?? []);
  const edges: GraphEdge[] = newEdgesOnly ? [] : [...(base?.edges ?? [])];
  const seen = new Set<string>(edges.map(edgeKey));
  const inBase = (k: string, e: GraphEdge) => newEdgesOnly && base?.outgoing !== undefined && base.outgoing(e.from).some((x) => edgeKey(x) === k);
  const byUrn = new Map(view.principals.map((p) => [p.urn, p]));
  const ctx: BuildContext = {
    view,
    index,
    config,
    resourceNode(r, kind) {
      if (!nodes.has(r.urn)) nodes.set(r.urn, { id: r.urn, kind, label: resourceLabel(r), resource: r });
      return r.urn;
    },
    principalNode(p) {
      if (!nodes.has(p.urn)) nodes.set(p.urn, { id: p.urn, kind: "principal", label: principalLabel(p), resource: p.resource, principal: p });
      return p.urn;
    },
    entryNode(kind, label) {
      const id = `entry:${kind}:${label}`;
      if (!nodes.has(id)) nodes.set(id, { id, kind: "entry", label, entry: kind });
      return id;
    },
    syntheticNode(kind, key, label) {
      const id = `${kind}:${key}`;
      if (!nodes.has(id)) nodes.set(id, { id, kind, label });
      return id;
    },
    edge(e) {
      const k = edgeKey(e);
      if (seen.has(k) || inBase(k, e)) return;
      seen.add(k);
      edges.push(e);
    },
    roles(from, property, value) {
      const out: PrincipalView[] = [];
      if (typeof value === "string") {
        const p = view.resolve("role", value);
        if (p) out.push(p);
      }
      if (out.length === 0) for (const u of from.propertyDependencies?.[property] ?? []) {
        const p = byUrn.get(u);
        if (p && p.kind === "role") out.push(p);
      }
      return out;
    },
  };
  return { ctx, nodes, edges };
}
