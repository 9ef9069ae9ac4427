/**
 * Speaks to a CrossGuard policy pack exactly as the Pulumi engine does: launches it with
 * `@pulumi/pulumi/cmd/run-policy-pack`, reads the gRPC port from the first stdout line, then
 * Handshake → ConfigureStack → GetAnalyzerInfo → Configure → Analyze… → AnalyzeStack.
 * Used by the tests, `ai-access-guard check`, the test helper and the benchmarks.
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const req = (id: string) => require(require.resolve(id, { paths: [pulumiDir] }));
/* eslint-disable @typescript-eslint/no-explicit-any */
const grpc: any = req("@grpc/grpc-js");
const analyzerPb: any = require(path.join(pulumiDir, "proto", "analyzer_pb.js"));
const analyzerGrpc: any = require(path.join(pulumiDir, "proto", "analyzer_grpc_pb.js"));
const structPb: any = req("google-protobuf/google/protobuf/struct_pb.js");
const emptyPb: any = req("google-protobuf/google/protobuf/empty_pb.js");

export type WireLevel = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVEL_FROM_WIRE: WireLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const LEVEL_TO_WIRE: Record<string, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };

export interface PolicyInfoJs {
  name: string;
  description: string;
  enforcementLevel: WireLevel;
  policyType: "resource" | "stack" | "unknown";
  severity: number;
  tags: string[];
  remediationSteps: string;
  configSchema: Record<string, any>;
}

export interface AnalyzerInfoJs {
  name: string;
  version: string;
  policies: PolicyInfoJs[];
}

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  message: string;
  enforcementLevel: WireLevel;
  urn: string;
  severity: number;
}

export interface AnalyzedResource {
  type: string;
  name: string;
  urn?: string;
  /** Inputs (Analyze) or outputs (AnalyzeStack); may hold Pulumi sentinels and secret objects. */
  properties: Record<string, unknown>;
  parent?: string;
  dependencies?: string[];
}

export interface LaunchOptions {
  packDir: string;
  /** Per policy: level and properties, as `--policy-pack-config` would give them. */
  config?: Record<string, { enforcementLevel?: WireLevel; [k: string]: unknown } | WireLevel>;
  project?: string;
  stack?: string;
  organization?: string;
  dryRun?: boolean;
  stackTags?: Record<string, string>;
  /** Milliseconds to wait for the port (default 60 s). */
  timeoutMs?: number;
  /** Extra environment for the pack process. */
  env?: Record<string, string>;
  /** Extra Node.js flags for the pack process (e.g. `--cpu-prof` when profiling). */
  nodeArgs?: string[];
}

export class PackLaunchError extends Error {}

/** Pack processes of this CLI still running: each runs in its own process group, which Ctrl-C on the CLI does not reach. */
const livePacks = new Set<ChildProcess>();

/** SIGKILL to every live pack's process group (a pack spinning on hostile input ignores SIGINT). For signal handlers. */
export function killLivePacks(): void {
  for (const child of livePacks) killGroup(child);
}

export class PackProcess {
  private constructor(
    readonly child: ChildProcess,
    private readonly client: any,
    readonly info: AnalyzerInfoJs,
    /** Milliseconds from spawn to the first answered GetAnalyzerInfo. */
    readonly startupMs: number,
    private readonly stderr: () => string,
  ) {}

  /** Launches the pack, performs the engine's opening calls and returns a ready client. */
  static async launch(opts: LaunchOptions): Promise<PackProcess> {
    const packDir = path.resolve(opts.packDir);
    const project = opts.project ?? "ai-access-guard-check";
    const stack = opts.stack ?? "dev";
    const started = process.hrtime.bigint();
    const runner = runnerFor(packDir);
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), runner, "127.0.0.1:0", packDir], {
      cwd: packDir,
      env: {
        ...process.env,
        PULUMI_CONFIG: "{}",
        PULUMI_NODEJS_PROJECT: project,
        PULUMI_NODEJS_STACK: stack,
        PULUMI_NODEJS_ORGANIZATION: opts.organization ?? "organization",
        PULUMI_NODEJS_DRY_RUN: String(opts.dryRun ?? true),
        ...(opts.env ?? {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: process.platform !== "win32",
    });
    livePacks.add(child);
    child.once("exit", () => livePacks.delete(child));
    let err = "";
    child.stderr!.on("data", (d) => {
      err += d.toString();
      if (err.length > 64_000) err = err.slice(-64_000);
    });
    let client: any;
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new PackLaunchError(`policy pack at ${packDir} did not print its port within ${opts.timeoutMs ?? 60_000} ms\n${err}`)), opts.timeoutMs ?? 60_000);
        child.stdout!.on("data", (d) => {
          out += d.toString();
          const nl = out.indexOf("\n");
          if (nl >= 0) {
            clearTimeout(timer);
            const first = out.slice(0, nl).trim();
            const n = Number(first);
            if (!Number.isInteger(n) || n <= 0) reject(new PackLaunchError(`policy pack printed "${first.slice(0, 80)}" instead of its port on the first stdout line`));
            else resolve(n);
          }
        });
        child.on("exit", (code) => {
          clearTimeout(timer);
          const cause = launchCause(err);
          reject(new PackLaunchError(`policy pack at ${packDir} exited with code ${code} before serving${cause ? `: ${cause}` : ""}\n${err}`));
        });
      });
      child.removeAllListeners("exit");
      client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 1024 * 1024 * 400,
        "grpc.max_send_message_length": 1024 * 1024 * 400,
      });
      const call = <T>(method: string, request: unknown): Promise<T> =>
        new Promise((resolve, reject) => client[method](request, (e: any, r: T) => (e ? reject(e) : resolve(r))));

      // 1. Handshake: @pulumi/policy answers UNIMPLEMENTED, which the engine accepts.
      const hs = new analyzerPb.AnalyzerHandshakeRequest();
      hs.setEngineAddress("127.0.0.1:0");
      await call("handshake", hs).catch((e: any) => {
        if (e?.code !== grpc.status.UNIMPLEMENTED) throw e;
      });
      // 2. ConfigureStack
      const cs = new analyzerPb.AnalyzerStackConfigureRequest();
      cs.setStack(stack);
      cs.setProject(project);
      cs.setOrganization(opts.organization ?? "organization");
      cs.setDryRun(opts.dryRun ?? true);
      if (opts.stackTags && typeof cs.getTagsMap === "function") {
        for (const [k, v] of Object.entries(opts.stackTags)) cs.getTagsMap().set(k, v);
      }
      await call("configureStack", cs);
      // 3. GetAnalyzerInfo
      const rawInfo: any = await call("getAnalyzerInfo", new emptyPb.Empty());
      const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
      const info: AnalyzerInfoJs = {
        name: rawInfo.getName(),
        version: rawInfo.getVersion(),
        policies: rawInfo.getPoliciesList().map((p: any) => ({
          name: p.getName(),
          description: p.getDescription(),
          enforcementLevel: LEVEL_FROM_WIRE[p.getEnforcementlevel()] ?? "advisory",
          policyType: p.getPolicyType() === 1 ? "resource" : p.getPolicyType() === 2 ? "stack" : "unknown",
          severity: p.getSeverity(),
          tags: p.getTagsList(),
          remediationSteps: p.getRemediationSteps(),
          configSchema: p.getConfigschema()?.getProperties()?.toJavaScript() ?? {},
        })),
      };
      // 4. Configure: every policy gets a config, schema defaults merged with the user's, as the engine does.
      const conf = new analyzerPb.ConfigureAnalyzerRequest();
      const map = conf.getPolicyconfigMap();
      for (const p of info.policies) {
        const user = opts.config?.[p.name];
        const userObj = typeof user === "string" ? { enforcementLevel: user } : (user ?? {});
        const { enforcementLevel, ...props } = userObj as Record<string, unknown>;
        const merged: Record<string, unknown> = {};
        for (const [k, schema] of Object.entries(p.configSchema)) if (schema && (schema as any).default !== undefined) merged[k] = (schema as any).default;
        Object.assign(merged, props);
        const pc = new analyzerPb.PolicyConfig();
        pc.setEnforcementlevel(LEVEL_TO_WIRE[String(enforcementLevel ?? p.enforcementLevel)] ?? 0);
        pc.setProperties(structPb.Struct.fromJavaScript(merged));
        map.set(p.name, pc);
      }
      await call("configure", conf);
      const ready = new PackProcess(child, client, info, startupMs, () => err);
      // A pack that dies mid-session must fail its pending calls, not leave them waiting.
      child.once("exit", () => client.close());
      return ready;
    } catch (e) {
      // A failed launch (bad config rejected at Configure, no port, …) must not leave the process behind.
      client?.close();
      killGroup(child);
      throw e;
    }
  }

  /** One raw call with a prebuilt request (the benchmarks build requests before the clock starts). */
  send<T>(method: string, request: unknown): Promise<T> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return Promise.reject(new PackLaunchError(`the policy pack process has exited (${this.child.exitCode ?? this.child.signalCode}); ${method} cannot be answered\n${this.stderr()}`));
    }
    // Deadline: a pack that hangs must fail the call, never the caller's whole run.
    const deadline = new Date(Date.now() + 10 * 60_000);
    return new Promise((resolve, reject) => this.client[method](request, { deadline }, (e: any, r: T) => (e ? reject(e) : resolve(r))));
  }

  /** `Remediate` then `Analyze` for one resource, as the engine does per resource. */
  async analyze(r: AnalyzedResource): Promise<Diagnostic[]> {
    const req = buildAnalyzeRequest(r);
    await this.send("remediate", req);
    const res: any = await this.send("analyze", req);
    return res.getDiagnosticsList().map(toDiagnostic);
  }

  /** `AnalyzeStack` over outputs of every resource, once at the end. */
  async analyzeStack(resources: AnalyzedResource[]): Promise<Diagnostic[]> {
    const res: any = await this.send("analyzeStack", buildAnalyzeStackRequest(resources));
    return res.getDiagnosticsList().map(toDiagnostic);
  }

  stderrText(): string {
    return this.stderr();
  }

  /** Closes the channel, SIGINT to the process group, SIGKILL after 5 s (as the CLI does). */
  async close(): Promise<void> {
    this.client.close();
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }, 5000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      try {
        process.kill(-child.pid!, "SIGINT");
      } catch {
        child.kill("SIGINT");
      }
    });
  }
}

function resourceOptions(): any {
  const o = new analyzerPb.AnalyzerResourceOptions();
  o.setProtect(false);
  return o;
}

function urnOf(r: AnalyzedResource): string {
  return r.urn ?? `urn:pulumi:dev::ai-access-guard-check::${r.type}::${r.name}`;
}

/** The `AnalyzeRequest` the engine sends for one resource (inputs). */
export function buildAnalyzeRequest(r: AnalyzedResource): any {
  const req = new analyzerPb.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name);
  req.setUrn(urnOf(r));
  req.setProperties(structPb.Struct.fromJavaScript(r.properties as any));
  req.setOptions(resourceOptions());
  return req;
}

/** The `AnalyzeStackRequest` the engine sends once at the end (outputs of every resource). */
export function buildAnalyzeStackRequest(resources: readonly AnalyzedResource[]): any {
  const req = new analyzerPb.AnalyzeStackRequest();
  req.setResourcesList(
    resources.map((r) => {
      const ar = new analyzerPb.AnalyzerResource();
      ar.setType(r.type);
      ar.setName(r.name);
      ar.setUrn(urnOf(r));
      ar.setProperties(structPb.Struct.fromJavaScript(r.properties as any));
      ar.setOptions(resourceOptions());
      if (r.parent) ar.setParent(r.parent);
      if (r.dependencies) ar.setDependenciesList(r.dependencies);
      return ar;
    }),
  );
  return req;
}

function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

function toDiagnostic(d: any): Diagnostic {
  return {
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    message: d.getMessage(),
    enforcementLevel: LEVEL_FROM_WIRE[d.getEnforcementlevel()] ?? "advisory",
    urn: d.getUrn(),
    severity: d.getSeverity(),
  };
}

/**
 * The pack runner, resolved from the pack's own directory as the engine's Node.js language host does
 * (`locateModule(…, programDirectory)`): the pack runs on the @pulumi/pulumi its directory sees, never
 * on a copy that happens to sit next to this CLI. Also checks the pack's entry point exists, so the
 * error names the real cause instead of a process that exits early.
 */
export function runnerFor(packDir: string): string {
  let main = "index.js";
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
    if (typeof pkg.main === "string") main = pkg.main;
  } catch {
    throw new PackLaunchError(`${packDir} is not a policy pack: it has no readable package.json`);
  }
  if (!fs.existsSync(path.join(packDir, main)) && !fs.existsSync(path.join(packDir, "index.ts"))) {
    throw new PackLaunchError(`the policy pack at ${packDir} has no entry point ${main} (in a clone of ai-access-guard, run npm run build)`);
  }
  try {
    return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  } catch {
    throw new PackLaunchError(`the policy pack's dependencies are not installed: @pulumi/pulumi/cmd/run-policy-pack cannot be resolved from ${packDir}; run npm install there (or install @pulumi/pulumi in your project)`);
  }
}

/** The line of a pack's stderr that says why it died (module not found, TypeScript error, exception). */
export function launchCause(stderr: string): string | undefined {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return (
    lines.find((l) => /^(error TS\d+|TSError|Error: Cannot find module|[A-Za-z]*Error:)/.test(l)) ??
    lines.find((l) => /error/i.test(l))
  )?.slice(0, 300);
}

/** Where this repository's pack lives (works from sources and from dist/). */
export function defaultPackDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, "policy-pack");
    try {
      require.resolve(path.join(candidate, "package.json"));
      return candidate;
    } catch {
      dir = path.dirname(dir);
    }
  }
  return path.resolve(__dirname, "..", "..", "policy-pack");
}
