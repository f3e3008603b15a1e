import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { Clock, systemClock } from "../runtime/clock";
import { closeConnections } from "../cloud/http-transport";
import { StderrLog } from "../runtime/log";
import { audit, auditExitCode } from "../audit/audit";
import { renderAuditMarkdown } from "../audit/audit-markdown";
import { renderAuditSarif } from "../audit/audit-sarif";
import { AuditScope, parseAlibabaScope, parseHuaweiScope, resolveScopes } from "../audit/audit-scope";
import { renderAuditText } from "../audit/audit-text";
import { Declaration, readDeclarations } from "../audit/declarations";
import { takeInventory } from "../audit/inventory";
import { ReviewError } from "../review/review-error";
import { Duration } from "../contract/duration";
import { CommandIO, LIVE_OPTION_SPECS, commandFailure, liveOptions, redactedPrinters } from "./live-options";

export const AUDIT_USAGE = `audit [--stack DIR ...] [--huawei REGION:PROJECT_ID[@AGENCY/DOMAIN] ...] [--alibaba REGION[@ROLE_ARN] ...]
        [--format text|json|sarif|markdown] [--output FORMAT=FILE ...] [--max-key-age 365d]
        [--concurrency 8] [--timeout 30s]
                           list what the accounts hold (DWS clusters, TaurusDB instances, ACK clusters),
                           read each one's encryption and compare with the stacks' declarations;
                           a declared resource is read as the identity it declares, a flag's scope
                           as the agency or role after @ (else the environment's identity);
                           exit 0 clean, 2 findings, 1 error (a scope or service not read)`;

const FORMATS = ["text", "json", "sarif", "markdown"] as const;
type Format = (typeof FORMATS)[number];

/** `--output sarif=audit.sarif`: one run, several reports. */
function parseOutput(text: string): { format: Format; file: string } {
  const at = text.indexOf("=");
  const format = text.slice(0, at) as Format;
  const file = text.slice(at + 1);
  if (at < 1 || !FORMATS.includes(format) || file === "") {
    throw new ReviewError(`--output ${JSON.stringify(text)} is invalid: expected FORMAT=FILE with FORMAT one of ${FORMATS.join(", ")}, e.g. sarif=encryption-audit.sarif`);
  }
  return { format, file };
}

/** `cdktf-encryption audit`: the estate against the declarations and the policy's verdicts. */
export async function runAuditCommand(args: readonly string[], io: CommandIO & { clock?: Clock } = {}): Promise<number> {
  const { out, err, env } = redactedPrinters(io);
  const cwd = io.cwd ?? process.cwd();
  if (args.includes("--help") || args.includes("-h")) {
    out(`usage: cdktf-encryption ${AUDIT_USAGE}\n`);
    return 0;
  }
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        stack: { type: "string", multiple: true, default: [] },
        huawei: { type: "string", multiple: true, default: [] },
        alibaba: { type: "string", multiple: true, default: [] },
        format: { type: "string", default: "text" },
        "max-key-age": { type: "string", default: "365d" },
        output: { type: "string", multiple: true, default: [] },
        ...LIVE_OPTION_SPECS,
      },
    });
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new ReviewError(`--format ${JSON.stringify(values.format)} is invalid: expected one of ${FORMATS.join(", ")}`);
    const outputs = (values.output ?? []).map(parseOutput);
    let maxKeyAge: Duration;
    try {
      maxKeyAge = Duration.parse(values["max-key-age"] ?? "");
    } catch {
      throw new ReviewError(`--max-key-age ${JSON.stringify(values["max-key-age"])} is invalid: expected a duration such as 180d`);
    }
    const live = liveOptions(values, env);
    const declarations: Declaration[] = [];
    const stacks: string[] = [];
    for (const dir of values.stack ?? []) {
      const found = readDeclarations(path.resolve(cwd, dir));
      stacks.push(found[0]?.stack ?? path.basename(dir));
      declarations.push(...found.map((d) => ({ ...d, file: path.relative(cwd, d.file) || d.file })));
    }
    const given: AuditScope[] = [...(values.huawei ?? []).map(parseHuaweiScope), ...(values.alibaba ?? []).map(parseAlibabaScope)];
    const scopes = resolveScopes(given, declarations, env);
    const clock = io.clock ?? systemClock;
    const log = new StderrLog({ env, write: (line) => err(line) });
    const inventories = await takeInventory(scopes, { env, concurrency: live.concurrency, timeoutMs: live.timeoutMs, clock, log });
    const report = audit(inventories, declarations, stacks, { maxKeyAge, now: new Date(clock.now()) });
    const render = (f: Format) =>
      f === "json" ? `${JSON.stringify(report, null, 2)}\n` : f === "sarif" ? renderAuditSarif(report, cwd, packageVersion()) : f === "markdown" ? renderAuditMarkdown(report) : renderAuditText(report);
    for (const o of outputs) writeFileSync(path.resolve(cwd, o.file), render(o.format));
    out(render(format));
    return auditExitCode(report);
  } catch (error) {
    err(`${commandFailure(error, "audit", env)}\n`);
    return 1;
  } finally {
    await closeConnections();
  }
}

/** This package's version, from its package.json (found from the source tree or the build). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "cdktf-encryption") return pkg.version ?? "0.0.0";
    }
  }
  return "0.0.0";
}
