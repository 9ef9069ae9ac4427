/**
 * Builds the access graph of a stack from small edge builders, one per kind of edge. The graph
 * links resources; what a principal may call stays the stack view's (and iam/'s) answer.
 */
import type { StackView } from "../view";
import { createContext, type BuildContext } from "./context";
import { indexResources } from "./references";
import type { AccessGraph, GraphEdge, GraphNode } from "./types";
import { principalEntryEdges } from "./edges/principal-entries";
import { principalReachEdges } from "./edges/principal-reach";
import { aiSecretEdges } from "./edges/ai-secrets";
import { functionUrlEdges } from "./edges/function-url";
import { lambdaPermissionEdges } from "./edges/lambda-permission";
import { restApiEdges } from "./edges/rest-api";
import { httpApiEdges } from "./edges/http-api";
import { cognitoGuestEdges } from "./edges/cognito-guest";
import { agentcoreAuthorizerEdges } from "./edges/agentcore-authorizers";
import { resourcePolicyEdges } from "./edges/resource-policies";
import { runsAsEdges } from "./edges/runs-as";
import { actionGroupEdges, gatewayTargetEdges } from "./edges/agent-tools";
import { knowledgeBaseEdges } from "./edges/knowledge-bases";

/** Every edge builder, in the order a path reads: entries, front doors, compute, roles, AI, tools, data. */
export const EDGE_BUILDERS: ReadonlyArray<(ctx: BuildContext) => void> = [
  principalEntryEdges,
  cognitoGuestEdges,
  functionUrlEdges,
  lambdaPermissionEdges,
  restApiEdges,
  httpApiEdges,
  agentcoreAuthorizerEdges,
  resourcePolicyEdges,
  runsAsEdges,
  principalReachEdges,
  actionGroupEdges,
  gatewayTargetEdges,
  knowledgeBaseEdges,
  aiSecretEdges,
];

/**
 * The builders of the paths rules follow. Who may read an AI secret is drawn on the access map only:
 * no rule walks those edges, and on stacks where many principals may read every secret they grow with
 * principals × secrets.
 */
export const PATH_EDGE_BUILDERS: ReadonlyArray<(ctx: BuildContext) => void> = EDGE_BUILDERS.filter((b) => b !== aiSecretEdges);

const FORWARD = new Set<GraphEdge["kind"]>(["invokes", "runs-as", "uses-tool", "reaches"]);

const graphs = new WeakMap<StackView, AccessGraph>();

/** The graph of the paths rules follow for the stack the view describes (built once per view). */
export function accessGraphOf(view: StackView, config: Readonly<Record<string, unknown>> = {}): AccessGraph {
  const cached = graphs.get(view);
  if (cached) return cached;
  const graph = buildAccessGraph(view, config, PATH_EDGE_BUILDERS);
  graphs.set(view, graph);
  return graph;
}

export function buildAccessGraph(view: StackView, config: Readonly<Record<string, unknown>> = {}, builders = EDGE_BUILDERS): AccessGraph {
  return graphFrom(view, config, builders);
}

/** `base` with the edges of more builders (the access map adds who may read AI secrets to the rules' graph). */
export function extendAccessGraph(base: AccessGraph, view: StackView, config: Readonly<Record<string, unknown>>, builders: ReadonlyArray<(ctx: BuildContext) => void>): AccessGraph {
  return graphFrom(view, config, builders, base);
}

const indexes = new WeakMap<StackView, ReturnType<typeof indexResources>>();

/** A built graph's edge indexes, so a graph extended from it copies them instead of indexing every edge again. */
interface EdgeIndexes {
  readonly out: ReadonlyMap<string, readonly GraphEdge[]>;
  readonly inc: ReadonlyMap<string, readonly GraphEdge[]>;
  readonly via: ReadonlyMap<string, readonly GraphEdge[]>;
}
const edgeIndexes = new WeakMap<AccessGraph, EdgeIndexes>();

function graphFrom(view: StackView, config: Readonly<Record<string, unknown>>, builders: ReadonlyArray<(ctx: BuildContext) => void>, base?: AccessGraph): AccessGraph {
  let index = indexes.get(view);
  if (!index) indexes.set(view, (index = indexResources(view.resources)));
  const baseIndexes = base ? edgeIndexes.get(base) : undefined;
  // Extending a graph of ours: only the new edges are collected and indexed (the base is never changed).
  const { ctx, nodes, edges } = createContext(view, index, config, base, baseIndexes !== undefined);
  for (const build of builders) build(ctx);
  const out = new Map<string, GraphEdge[]>(baseIndexes?.out as Map<string, GraphEdge[]> | undefined);
  const inc = new Map<string, GraphEdge[]>(baseIndexes?.inc as Map<string, GraphEdge[]> | undefined);
  const via = new Map<string, GraphEdge[]>(baseIndexes?.via as Map<string, GraphEdge[]> | undefined);
  let allEdges: readonly GraphEdge[] = edges;
  if (baseIndexes) {
    // Shared arrays from the base, copied on first write (the base keeps its own).
    const owned = new Set<GraphEdge[]>();
    const add = (m: Map<string, GraphEdge[]>, from: ReadonlyMap<string, readonly GraphEdge[]>, key: string, e: GraphEdge) => {
      let list = m.get(key);
      if (!list) {
        list = [...(from.get(key) ?? [])];
        owned.add(list);
        m.set(key, list);
      } else if (!owned.has(list)) {
        list = [...list];
        owned.add(list);
        m.set(key, list);
      }
      list.push(e);
    };
    for (const e of edges) {
      add(via, baseIndexes.via, e.via.urn, e);
      add(out, baseIndexes.out, e.from, e);
      add(inc, baseIndexes.inc, e.to, e);
    }
    allEdges = base!.edges.concat(edges);
  } else {
    for (const e of edges) {
      (via.get(e.via.urn) ?? via.set(e.via.urn, []).get(e.via.urn)!).push(e);
      (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e);
      (inc.get(e.to) ?? inc.set(e.to, []).get(e.to)!).push(e);
    }
  }
  const memo = new Map<string, readonly string[] | null>();
  const isAi = (n: GraphNode | undefined) => n !== undefined && (n.kind === "agent" || n.kind === "ai" || (n.kind === "principal" && n.principal?.reachesAi === true));
  const pathToAi = (id: string, visiting = new Set<string>()): readonly string[] | undefined => {
    if (memo.has(id)) return memo.get(id) ?? undefined;
    if (isAi(nodes.get(id))) {
      memo.set(id, [id]);
      return [id];
    }
    if (visiting.has(id)) return undefined;
    visiting.add(id);
    let found: readonly string[] | undefined;
    for (const e of out.get(id) ?? []) {
      if (!FORWARD.has(e.kind)) continue;
      const rest = pathToAi(e.to, visiting);
      if (rest) {
        found = [id, ...rest];
        break;
      }
    }
    visiting.delete(id);
    // Only a completed search is memoised (a cycle cut short may find AI another way later).
    if (found || visiting.size === 0) memo.set(id, found ?? null);
    return found;
  };
  const graph: AccessGraph = {
    nodes,
    edges: allEdges,
    outgoing: (id) => out.get(id) ?? [],
    incoming: (id) => inc.get(id) ?? [],
    byVia: (urn) => via.get(urn) ?? [],
    nodeOf: (r) => nodes.get(r.urn),
    pathToAi: (id) => pathToAi(id),
    usersOf: (p) => (inc.get(p.urn) ?? []).filter((e) => e.kind === "runs-as").map((e) => nodes.get(e.from)!),
  };
  edgeIndexes.set(graph, { out, inc, via });
  return graph;
}

/** `anyone on the internet → FunctionUrl "chat" → Function "chat" → role "chat" → bedrock: …` */
export function describePath(graph: AccessGraph, ids: readonly string[]): string {
  return ids.map((id) => graph.nodes.get(id)?.label ?? id).join(" → ");
}
