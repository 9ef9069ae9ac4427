// A third-party AI key done right: the OpenAI key lives in Secrets Manager under its own
// customer-managed KMS key (with key rotation), a rotation Lambda replaces it every 30 days, and only
// the chat service's role (EKS Pod Identity, no stored AWS keys) may read it. The key value is never
// in the program: the rotation function puts it.
import * as pulumi from "@pulumi/pulumi";
import { EksPodIdentityRole, RotatedAiProviderSecret } from "../../components";

const config = new pulumi.Config();
const owner = "chat-team";

const chat = new EksPodIdentityRole("chat-api", {
  clusterArn: config.get("clusterArn") ?? "arn:aws:eks:us-east-1:123456789012:cluster/apps",
  serviceAccounts: ["chat:chat-api"],
  owner,
  purpose: "chat-api-openai-calls",
});

const key = new RotatedAiProviderSecret("openai", {
  provider: "openai",
  readers: [chat.roleArn],
  rotationLambdaArn: config.get("rotationLambdaArn") ?? "arn:aws:lambda:us-east-1:123456789012:function:openai-key-rotator",
  rotationLambdaRoleArn: config.get("rotationLambdaRoleArn") ?? "arn:aws:iam::123456789012:role/openai-key-rotator",
  owner,
  purpose: "chat-api-openai-key",
});

export const secretArn = key.secretArn;
export const readerRoleArn = chat.roleArn;
