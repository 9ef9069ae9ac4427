// Deliberately unsafe: every resource here is an access path attackers reuse (LLMjacking).
// `npm run demo` shows what the policy pack says about it. Do not deploy.
import * as aws from "@pulumi/aws";

// 1. A CI user with a static access key: never expires, leaks from CI logs.
const ciUser = new aws.iam.User("ci-bot", { name: "ci-bot" });
new aws.iam.AccessKey("ci-bot-key", { user: ciUser.name });

// 2. Whatever holds the key can do anything in Bedrock, on every model.
new aws.iam.UserPolicy("ci-bot-bedrock", {
  user: ciUser.name,
  policy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }],
  }),
});

// 3. A GitHub Actions role any repository on GitHub can assume (no sub condition).
const github = new aws.iam.OpenIdConnectProvider("github", {
  url: "https://token.actions.githubusercontent.com",
  clientIdLists: ["sts.amazonaws.com"],
});
const deployRole = new aws.iam.Role("gha-deploy", {
  assumeRolePolicy: github.arn.apply((arn) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: arn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } },
        },
      ],
    }),
  ),
});
new aws.iam.RolePolicyAttachment("gha-deploy-bedrock", {
  role: deployRole.name,
  policyArn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess",
});

// 4. An OpenAI key in Secrets Manager with no rotation and the default AWS-managed key.
new aws.secretsmanager.Secret("openai-api-key", {
  name: "prod/openai-api-key",
  description: "OpenAI API key for the support bot",
});
