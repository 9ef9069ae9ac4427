/**
 * The AI access graph of one stack: entry points → compute or agents → roles → AI resources → tools
 * and data, with resource-policy edges. Nodes are resources (by URN) or synthetic entry points and
 * AI reach targets; every edge names the resource that creates it, so a finding on that resource
 * marks exactly that edge.
 */
import type { ResourceModel } from "../../model/resource";
import type { PrincipalView } from "../view";

export type NodeKind =
  /** Who comes in: the internet, a Cognito guest, an OIDC subject, an access key, an AWS service, a pod. */
  | "entry"
  /** Lambda, API Gateway, ECS task, EC2 instance, SageMaker notebook or domain. */
  | "compute"
  /** Bedrock agent, knowledge base, flow; AgentCore runtime or gateway. */
  | "agent"
  /** IAM role or user. */
  | "principal"
  /** What a principal's AI reach names (`bedrock: foundation-model/…`). */
  | "ai"
  /** An agent's tool: an action-group executor, a gateway target. */
  | "tool"
  /** Knowledge-base sources, vector stores, AI secrets. */
  | "data";

export type EntryKind =
  | "anonymous"
  | "cognito-guest"
  | "jwt"
  | "oidc"
  | "saml"
  | "access-key"
  | "aws-service"
  | "aws-account"
  | "aws-principal"
  | "pod"
  | "iam"
  | "group-member"
  | "unknown";

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** Logical names for resources (`Function "chat"`), the principal or value for synthetic nodes. */
  readonly label: string;
  readonly resource?: ResourceModel;
  readonly principal?: PrincipalView;
  readonly entry?: EntryKind;
}

export type EdgeKind =
  /** An entry point reaches a front door or a principal (trust, key, URL, route, authorizer). */
  | "enters"
  /** One compute or agent calls the next (route → function, agent → knowledge base). */
  | "invokes"
  /** Compute or agent runs with a role's permissions. */
  | "runs-as"
  /** A principal's identity policies reach an AI resource. */
  | "reaches"
  /** An agent or gateway calls a tool. */
  | "uses-tool"
  /** A principal or agent reads a data store or secret. */
  | "reads";

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** Short label for maps: `NONE`, `static key`, `bedrock:InvokeModel`. */
  readonly label?: string;
  /** The resource whose configuration creates this edge (a finding on it marks the edge). */
  readonly via: ResourceModel;
  /** The property of `via` the edge comes from. */
  readonly property?: string;
  /** The caller is not authenticated (no authorizer, `Principal: "*"` without a pinning condition). */
  readonly unauthenticated?: boolean;
  readonly detail?: string;
  /** `reaches` edges: the catalog actions (or `service:*`) and the Resource values of the grant. */
  readonly actions?: readonly string[];
  readonly resources?: readonly string[];
}

export interface AccessGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: readonly GraphEdge[];
  outgoing(id: string): readonly GraphEdge[];
  incoming(id: string): readonly GraphEdge[];
  /** Edges the resource with this URN creates (its `via`). */
  byVia(urn: string): readonly GraphEdge[];
  /** The node of a resource (by URN). */
  nodeOf(resource: ResourceModel): GraphNode | undefined;
  /**
   * A path from `id` to AI (an agent node, or a principal whose policies reach AI), as node ids, or
   * undefined. What a principal may call comes from the stack view (iam/), not from this graph.
   */
  pathToAi(id: string): readonly string[] | undefined;
  /** Resources (agents, compute) that run as this principal. */
  usersOf(principal: PrincipalView): readonly GraphNode[];
}
