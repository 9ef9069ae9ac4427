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
      },
    ],
  }),
});

export const roleArn = role.arn;
