// How a platform team tests its own Pulumi program against ai-access-guard (vitest or jest).
// In your project: import { expectNoMandatoryFindings } from "ai-access-guard/testing";
import { it } from "vitest";
import { expectNoMandatoryFindings } from "../../testing";

it("the GitHub Actions -> Bedrock path passes the AI access guard", async () => {
  // Load the program inside the callback so Pulumi's mocks are in place first.
  await expectNoMandatoryFindings(() => import("../github-actions-bedrock/index"), { programDir: "examples/github-actions-bedrock" });
}, 60_000);
