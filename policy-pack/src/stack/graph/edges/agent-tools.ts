/**
 * Agent → tool: a Bedrock agent's action groups run their executor Lambda; an AgentCore gateway's
 * targets call a Lambda (or an API, an MCP server) on the agent's behalf.
 */
import { T } from "../../../model/resource";
import { block, field } from "../../../model/blocks";
import type { BuildContext } from "../context";

const AGENT = new Set([T.bedrockAgent]);
const GATEWAY = new Set([T.agentcoreGateway]);
const FUNCTION = new Set([T.lambdaFunction]);

export function actionGroupEdges(ctx: BuildContext): void {
  for (const g of ctx.view.byType(T.bedrockAgentActionGroup)) {
    const tool = ctx.resourceNode(g, "tool");
    for (const agent of ctx.index.follow(g, "agentId", g.properties.agentId, AGENT)) {
      ctx.edge({ from: ctx.resourceNode(agent, "agent"), to: tool, kind: "uses-tool", via: g, property: "agentId" });
    }
    const lambda = field(g.properties, "actionGroupExecutor", "lambda");
    for (const f of ctx.index.follow(g, "actionGroupExecutor", lambda, FUNCTION)) {
      ctx.edge({ from: tool, to: ctx.resourceNode(f, "tool"), kind: "invokes", label: "executor", via: g, property: "actionGroupExecutor" });
    }
  }
}

export function gatewayTargetEdges(ctx: BuildContext): void {
  for (const t of ctx.view.byType(T.agentcoreGatewayTarget)) {
    const tool = ctx.resourceNode(t, "tool");
    for (const gw of ctx.index.follow(t, "gatewayIdentifier", t.properties.gatewayIdentifier, GATEWAY)) {
      ctx.edge({ from: ctx.resourceNode(gw, "agent"), to: tool, kind: "uses-tool", via: t, property: "gatewayIdentifier" });
    }
    const mcp = block(t.properties.targetConfiguration, "mcp");
    for (const f of ctx.index.follow(t, "targetConfiguration", field(mcp, "lambda", "lambdaArn"), FUNCTION)) {
      ctx.edge({ from: tool, to: ctx.resourceNode(f, "tool"), kind: "invokes", label: "lambda target", via: t, property: "targetConfiguration" });
    }
  }
}
