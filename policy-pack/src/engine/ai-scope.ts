/** What counts as an AI service and an AI data-plane action. Defaults; both lists are configurable. */

export const DEFAULT_AI_SERVICES: readonly string[] = ["bedrock", "bedrock-agentcore", "bedrock-mantle", "sagemaker", "aoss", "q", "qbusiness", "qapps"];

/**
 * Data-plane actions: calls that spend model capacity or read AI data (prompts, agents, knowledge
 * bases, endpoints, vector collections). Patterns are expanded against the catalog.
 */
export const DEFAULT_DATA_PLANE_ACTIONS: readonly string[] = [
  "bedrock:InvokeModel",
  "bedrock:InvokeModelWithResponseStream",
  "bedrock:InvokeAgent",
  "bedrock:InvokeInlineAgent",
  "bedrock:InvokeFlow",
  "bedrock:InvokeTool",
  "bedrock:Retrieve",
  "bedrock:RetrieveAndGenerate",
  "bedrock:AgenticRetrieveStream",
  "bedrock:CreateModelInvocationJob",
  "bedrock:ApplyGuardrail",
  "bedrock:RenderPrompt",
  "bedrock-agentcore:Invoke*",
  "bedrock-mantle:CreateInference",
  "sagemaker:InvokeEndpoint",
  "sagemaker:InvokeEndpointAsync",
  "sagemaker:InvokeEndpointWithResponseStream",
  "aoss:APIAccessAll",
  "q:SendMessage",
  "q:StartConversation",
  "qbusiness:Chat",
  "qbusiness:ChatSync",
  "qbusiness:SearchRelevantContent",
  "qapps:StartQAppSession",
  "qapps:PredictQApp",
];

const servicesByConfig = new WeakMap<object, readonly string[]>();

/** The AI services the configuration names (defaults plus `additionalAiServices`), one shared list per configuration object. */
export function aiServicesFrom(config: Readonly<Record<string, unknown>>): readonly string[] {
  let hit = servicesByConfig.get(config);
  if (!hit) {
    const extra = Array.isArray(config.additionalAiServices) ? (config.additionalAiServices as string[]) : [];
    hit = Object.freeze([...new Set([...DEFAULT_AI_SERVICES, ...extra].map((s) => String(s).toLowerCase()))]);
    servicesByConfig.set(config, hit);
  }
  return hit;
}

export function dataPlanePatternsFrom(config: Readonly<Record<string, unknown>>): string[] {
  const extra = Array.isArray(config.additionalDataPlaneActions) ? (config.additionalDataPlaneActions as string[]) : [];
  return [...DEFAULT_DATA_PLANE_ACTIONS, ...extra];
}
