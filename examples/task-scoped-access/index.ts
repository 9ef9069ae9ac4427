// A batch re-embedding job gets model access for the hours it runs, not for days. The pipeline
// passes the task's start time (stable across re-runs) and, when the job finishes, re-applies the
// stack with `taskEndedAt`: the grant disappears and every session issued before that moment is
// revoked (the aws:TokenIssueTime deny of IAM's "Revoke active sessions"). A leaked session of this
// job, or of an earlier one, is worthless from then on.
import * as pulumi from "@pulumi/pulumi";
import { GithubActionsRole, ModelInvocationLogging, TaskScopedAiGrant } from "../../components";

const config = new pulumi.Config();
const startedAt = config.get("taskStartedAt") ?? new Date(Date.now() - 10 * 60_000).toISOString();
const endedAt = config.get("taskEndedAt");

const job = new GithubActionsRole("reembed-job", {
  oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
  repository: "acme/search",
  environments: ["reembed"],
  maxSessionDuration: 3600,
  owner: "search-team",
  purpose: "nightly-reembedding",
});

new TaskScopedAiGrant("reembed-task", {
  role: job.roleName,
  access: { foundationModels: ["amazon.titan-embed-text-v2:0"], guardrail: { id: "gr7x2k9q4m1a", version: "1" } },
  startedAt,
  hours: 4,
  endedAt,
});

new ModelInvocationLogging("invocation-logs", { cloudWatch: {}, owner: "search-team", purpose: "model-invocation-audit" });
