/**
 * What the pack knows of AWS-managed policies without calling AWS: enough to derive the AI reach
 * of the broad ones. Any other AWS-managed policy is reported as unresolved, never guessed.
 */
export const KNOWN_MANAGED_POLICY_DOCUMENTS: Readonly<Record<string, object>> = {
  AdministratorAccess: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
  PowerUserAccess: {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
    ],
  },
  AmazonBedrockFullAccess: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["bedrock:*"], Resource: "*" }] },
  AmazonSageMakerFullAccess: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sagemaker:*"], Resource: "*" }] },
  BedrockAgentCoreFullAccess: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["bedrock-agentcore:*"], Resource: "*" }] },
  AmazonBedrockReadOnly: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["bedrock:Get*", "bedrock:List*"], Resource: "*" }] },
};
