// Access decided by purpose, not by which policy happens to be attached. The summariser pods run in
// namespace `ticket-summaries`; EKS Pod Identity stamps that namespace on every session as a tag
// the pod cannot choose, and the model profile is tagged purpose=ticket-summaries: IAM allows the
// call only while the two match. The nightly evaluation job runs in GitHub Actions, which cannot
// set session tags: its purpose is pinned on the role of the `eval` environment instead.
import { EksPodIdentityRole, GithubActionsRole, ModelInvocationLogging, PurposeBoundAccess } from "../../components";

const guardrail = { id: "gr7x2k9q4m1a", version: "4" };

const summariser = new EksPodIdentityRole("ticket-summariser", {
  clusterArn: "arn:aws:eks:us-east-1:123456789012:cluster/support",
  serviceAccounts: ["ticket-summaries:summariser"],
  owner: "support-ml",
  purpose: "ticket-summaries",
});

new PurposeBoundAccess("ticket-summaries", {
  purpose: "ticket-summaries",
  purposeFrom: { kind: "eks-session-tag", tag: "kubernetes-namespace" },
  models: [{ name: "haiku", systemProfile: "us.anthropic.claude-3-5-haiku-20241022-v1:0", modelId: "anthropic.claude-3-5-haiku-20241022-v1:0", routesTo: ["us-east-1", "us-east-2", "us-west-2"] }],
  guardrail,
  roles: [summariser.roleName],
  owner: "support-ml",
});

const evaluator = new GithubActionsRole("nightly-eval", {
  oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
  repository: "acme/support-ml",
  environments: ["eval"],
  owner: "support-ml",
  purpose: "summary-evaluation",
});

new PurposeBoundAccess("summary-evaluation", {
  purpose: "summary-evaluation",
  purposeFrom: { kind: "role-tag" },
  models: [{ name: "haiku", foundationModel: "anthropic.claude-3-5-haiku-20241022-v1:0" }],
  guardrail,
  roles: [evaluator.roleName],
  owner: "support-ml",
});

new ModelInvocationLogging("invocation-logs", { cloudWatch: {}, owner: "support-ml", purpose: "model-invocation-audit" });
