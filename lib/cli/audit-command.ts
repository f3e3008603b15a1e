import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { systemClock } from "../runtime/clock";
import { StderrLog } from "../runtime/log";
import { audit, auditExitCode } from "../audit/audit";
import { renderAuditMarkdown } from "../audit/audit-markdown";
import { renderAuditSarif } from "../audit/audit-sarif";
import { AuditScope, parseAlibabaScope, parseHuaweiScope, resolveScopes } from "../audit/audit-scope";
import { renderAuditText } from "../audit/audit-text";
import { Declaration, readDeclarations } from "../audit/declarations";
import { takeInventory } from "../audit/inventory";
import { InputError } from "../runtime/input-error";
import { Duration } from "../contract/duration";
import { CommandIO, defineCommand, runCommand } from "./command";
import { LIVE_OPTIONS, liveOptions } from "./live-options";
import { packageVersion } from "./version";

const FORMATS = ["text", "json", "sarif", "markdown"] as const;
type Format = (typeof FORMATS)[number];

/** `--output sarif=audit.sarif`: one run, several reports. */
function parseOutput(text: string): { format: Format; file: string } {
  const at = text.indexOf("=");
  const format = text.slice(0, at) as Format;
  const file = text.slice(at + 1);
  if (at < 1 || !FORMATS.includes(format) || file === "") {
    throw new InputError(`--output ${JSON.stringify(text)} is invalid: expected FORMAT=FILE with FORMAT one of ${FORMATS.join(", ")}, e.g. sarif=encryption-audit.sarif`);
  }
  return { format, file };
}

export const AUDIT_COMMAND = defineCommand({
  name: "audit",
  summary: "list what the accounts hold (DWS clusters, TaurusDB instances, ACK clusters), read each one's encryption and compare with the stacks' declarations",
  details:
    "a declared resource is read as the identity it declares, a flag's scope as the agency or role after @ (else the environment's identity)",
  options: [
    { name: "stack", value: "DIR", repeatable: true, help: "a synthesized stack whose declarations the estate is compared with" },
    { name: "huawei", value: "REGION:PROJECT_ID[@AGENCY/DOMAIN]", repeatable: true, help: "a Huawei Cloud project to list, read as the agency after @ (default: HW_REGION_NAME and HW_PROJECT_ID, and the stacks' projects)" },
    { name: "alibaba", value: "REGION[@ROLE_ARN]", repeatable: true, help: "an Alibaba Cloud region to list, read as the role after @ (default: ALICLOUD_REGION or ALIBABA_CLOUD_REGION, and the stacks' regions)" },
    { name: "format", value: "text|json|sarif|markdown", default: "text", help: "the report's format on stdout" },
    { name: "output", value: "FORMAT=FILE", repeatable: true, help: "also write the report in FORMAT to FILE, such as sarif=encryption-audit.sarif" },
    { name: "max-key-age", value: "DURATION", default: "365d", help: "a key older than this without rotation is a finding" },
    ...LIVE_OPTIONS,
  ],
  exits: "exit 0 clean, 2 findings, 1 error (a scope or service not read), 64 usage error",
  async run({ values, env, cwd, out, err, io }) {
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new InputError(`--format ${JSON.stringify(values.format)} is invalid: expected one of ${FORMATS.join(", ")}`);
    const outputs = values.output.map(parseOutput);
    let maxKeyAge: Duration;
    try {
      maxKeyAge = Duration.parse(values["max-key-age"]);
    } catch {
      throw new InputError(`--max-key-age ${JSON.stringify(values["max-key-age"])} is invalid: expected a duration such as 180d`);
    }
    const live = liveOptions(values, env);
    const declarations: Declaration[] = [];
    const stacks: string[] = [];
    for (const dir of values.stack) {
      const found = readDeclarations(path.resolve(cwd, dir));
      stacks.push(found[0]?.stack ?? path.basename(dir));
      declarations.push(...found.map((d) => ({ ...d, file: path.relative(cwd, d.file) || d.file })));
    }
    const given: AuditScope[] = [...values.huawei.map(parseHuaweiScope), ...values.alibaba.map(parseAlibabaScope)];
    const scopes = resolveScopes(given, declarations, env);
    const clock = io.clock ?? systemClock;
    const log = io.log ?? new StderrLog({ env, write: (line) => err(line) });
    const inventories = await takeInventory(scopes, { env, concurrency: live.concurrency, timeoutMs: live.timeoutMs, clock, log });
    const report = audit(inventories, declarations, stacks, { maxKeyAge, now: new Date(clock.now()) });
    const render = (f: Format) =>
      f === "json" ? `${JSON.stringify(report, null, 2)}\n` : f === "sarif" ? renderAuditSarif(report, cwd, packageVersion()) : f === "markdown" ? renderAuditMarkdown(report) : renderAuditText(report);
    for (const o of outputs) writeFileSync(path.resolve(cwd, o.file), render(o.format));
    out(render(format));
    return auditExitCode(report);
  },
});

/** `cdktf-encryption audit`: the estate against the declarations and the policy's verdicts. */
export function runAuditCommand(args: readonly string[], io: CommandIO = {}): Promise<number> {
  return runCommand(AUDIT_COMMAND, args, io);
}
