import { describe, expect, it } from "vitest";
import { expectNoMandatoryFindings, runWithPolicyPack } from "../../testing";

describe("expectNoMandatoryFindings on a violating program", () => {
  it("fails with the readable report naming the findings", async () => {
    const err = await expectNoMandatoryFindings(() => import("../../examples/bad-ai-path/index"), { programDir: "examples/bad-ai-path" }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.name).toBe("AiAccessGuardError");
    expect(err?.message).toMatch(/^ai-access-guard: \d+ mandatory finding\(s\)/);
    expect(err?.message).toContain('MANDATORY [AAG-001] AccessKey "ci-bot-key" creates a long-lived IAM access key');
    expect(err?.message).toContain("[AAG-006]");
    expect(err?.message).toContain("[AAG-007]");
  });
  it("rejects a program that is not a function, saying how to call it", async () => {
    await expect(runWithPolicyPack("./index" as never)).rejects.toThrow('program must be a function that loads your program, e.g. () => import("./index")');
  });
});
