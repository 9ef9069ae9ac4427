/** Which principals in the stack can read a given secret (for AI-secret recognition and isolation). */
import type { ResourceModel } from "../model/resource";
import { containsUnknown } from "../model/values";
import { coversAction } from "../iam/analysis";
import { wildcardMatches } from "../iam/patterns";
import type { PrincipalView, StackView } from "./view";

const READ = "secretsmanager:GetSecretValue";

export function secretReferences(secret: ResourceModel): string[] {
  const p = secret.properties;
  return [secret.urn, secret.name, p.arn, p.id, p.name].filter((x): x is string => typeof x === "string" && x !== "" && !containsUnknown(x));
}

/** Principals whose grants allow GetSecretValue on the secret's ARN (or on `*`). */
export function readersOf(secret: ResourceModel, view: StackView): PrincipalView[] {
  const arn = typeof secret.properties.arn === "string" && !containsUnknown(secret.properties.arn) ? (secret.properties.arn as string) : undefined;
  const name = typeof secret.properties.name === "string" ? (secret.properties.name as string) : secret.name;
  return view.principals.filter((p) =>
    p.grants.some((g) =>
      g.document?.statements.some(
        (s) =>
          s.effect === "Allow" &&
          coversAction(s, READ) &&
          (!s.resource ||
            s.resource.negated ||
            s.resource.values.some((r) => r === "*" || (arn ? wildcardMatches(r, arn) : false) || r.includes(`:secret:${name}`))),
      ),
    ),
  );
}
