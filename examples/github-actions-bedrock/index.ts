// The safe path for the same job as ../bad-ai-path: GitHub Actions federates (no stored key),
// the trust is pinned to one repository and branch, and the role may invoke one named model.
import * as aws from "@pulumi/aws";

const issuer = "token.actions.githubusercontent.com";
const github = new aws.iam.OpenIdConnectProvider("github", {
  url: `https://${issuer}`,
  clientIdLists: ["sts.amazonaws.com"],
  tags: { owner: "platform-team", purpose: "github-actions-federation" },
});

const role = new aws.iam.Role("gha-bedrock", {
  maxSessionDuration: 3600,
  assumeRolePolicy: github.arn.apply((arn) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: arn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${issuer}:aud`]: "sts.amazonaws.com",
              [`${issuer}:sub`]: "repo:acme/support-bot:environment:prod",
            },
          },
        },
      ],
    }),
  ),
  tags: { owner: "platform-team", purpose: "support-bot-inference" },
});

new aws.iam.RolePolicy("gha-bedrock-invoke", {
  role: role.name,
  policy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "InvokeOneModel",
        Effect: "Allow",
        Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
        Resource: ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"],
        Condition: { StringEquals: { "bedrock:GuardrailIdentifier": "arn:aws:bedrock:us-east-1:123456789012:guardrail/support-bot:1" } },
      },
    ],
  }),
});

// Every invocation leaves a trail: who called which model with what.
const logGroup = new aws.cloudwatch.LogGroup("bedrock-invocations", { retentionInDays: 365 });
const loggingRole = new aws.iam.Role("bedrock-logging", {
  assumeRolePolicy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "bedrock.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
      },
    ],
  }),
  tags: { owner: "platform-team", purpose: "bedrock-invocation-logging" },
});
new aws.iam.RolePolicy("bedrock-logging-write", {
  role: loggingRole.name,
  policy: logGroup.arn.apply((arn) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${arn}:*` }],
    }),
  ),
});
new aws.bedrockmodel.InvocationLoggingConfiguration("invocation-logging", {
  loggingConfig: {
    textDataDeliveryEnabled: true,
    cloudwatchConfig: { logGroupName: logGroup.name, roleArn: loggingRole.arn },
  },
});

export const roleArn = role.arn;
