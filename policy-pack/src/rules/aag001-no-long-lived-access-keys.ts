import { T } from "../model/resource";
import { isUnknown } from "../model/values";
import type { ResourceRule } from "../engine/types";

export const noLongLivedAccessKeys: ResourceRule = {
  kind: "resource",
  id: "AAG-001",
  name: "no-long-lived-access-keys",
  title: "No long-lived IAM access keys",
  severity: "critical",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI7", "NHI2"], owaspAgentic: ["ASI03"], nistCsf: ["PR.AA-01", "PR.AA-03"], nistAiRmf: ["MEASURE 2.7", "MANAGE 1.3"] },
  why:
    "An IAM access key never expires on its own. Once it leaks (a CI log, a laptop, a public repo), " +
    "attackers try it within minutes and use it to call Bedrock at the owner's cost (LLMjacking) " +
    "until someone notices and revokes it.",
  fix:
    "Delete the access key and let the workload federate instead: GitHub Actions, GitLab CI or any " +
    "OIDC issuer through a pinned web-identity role (GithubActionsRole, GitlabCiRole, OidcRole), EKS " +
    "through IRSA or Pod Identity (EksIrsaRole, EksPodIdentityRole); all issue credentials that expire in an hour.",
  appliesTo: [T.accessKey],
  check(resource, ctx) {
    const user = resource.properties.user;
    const who = typeof user === "string" && !isUnknown(user) ? ` for IAM user "${user}"` : "";
    const status = resource.properties.status;
    const inactive = status === "Inactive" ? " (created Inactive, but it can be activated at any time)" : "";
    // One finding per key resource, keyed without any name: the user's name may be a physical one
    // (auto-named `ci-bot-4e5f6a7`), different in `check`, each preview and the deployed stack, so a
    // waiver written against it would never match twice. Waivers target the key by its resource
    // (URN or logical name); the message still names the user.
    ctx.violation("AccessKey::long-lived", `creates a long-lived IAM access key${who}${inactive}.`, { property: "user" });
  },
};
