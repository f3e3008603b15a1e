import { DoctorReport, runDoctor } from "../doctor/doctor";
import { renderDoctorText } from "../doctor/doctor-text";
import { DoctorTarget, targetsFromFlags, targetsFromStack } from "../doctor/doctor-targets";
import { alibabaRegionFromEnv } from "../cloud/alibaba/alibaba-credentials";
import { closeConnections } from "../cloud/http-transport";
import { readStack } from "../stack/read-stack";
import { resolveStackDir } from "../stack/resolve-stack-dir";
import { ReviewError } from "../review/review-error";
import { AlibabaRoleIdentity, HuaweiAgencyIdentity, IDENTITY_RULES, parseAgencyFlag } from "../contract/declared-identity";
import { Duration } from "../contract/duration";
import { CommandIO, commandFailure, redactedPrinters } from "./live-options";
import { ExitCode, UsageError, parseCommandOptions, wantsHelp } from "./usage-error";

export const DOCTOR_USAGE = `doctor [--stack cdktf.out/stacks/NAME] [--huawei-region R --project-id P] [--alibaba-region R]
         [--huawei-agency AGENCY/DOMAIN] [--alibaba-role ROLE_ARN] [--format text|json] [--timeout 10s]
                           before a first deploy or in CI: for each service the stack uses (or the
                           flags name), the credential source and identity, the endpoint, the proxy,
                           and one harmless signed read, as the identity each resource declares (the
                           flags' services as --huawei-agency / --alibaba-role);
                           exit 0 all ready, 1 not ready, 64 bad usage`;

/**
 * `cdktf-encryption doctor`: can this environment deploy the stack? Reads which services,
 * regions and projects the synthesized stack's hooks use (or the flags), then checks each.
 */
export async function runDoctorCommand(args: readonly string[], io: CommandIO = {}): Promise<number> {
  const { out, err, env } = redactedPrinters(io);
  const cwd = io.cwd ?? process.cwd();
  if (wantsHelp(args)) {
    out(`usage: cdktf-encryption ${DOCTOR_USAGE}\n\nSee docs/doctor.md.\n`);
    return 0;
  }
  let format: string;
  let targets: DoctorTarget[];
  let problems: string[] = [];
  let timeoutMs: number;
  try {
    const { values } = parseCommandOptions("doctor", args, {
      stack: { type: "string" },
      "huawei-region": { type: "string" },
      "project-id": { type: "string" },
      "alibaba-region": { type: "string" },
      "huawei-agency": { type: "string" },
      "alibaba-role": { type: "string" },
      format: { type: "string", default: "text" },
      timeout: { type: "string", default: "10s" },
    });
    format = values.format!;
    if (format !== "text" && format !== "json") throw new UsageError(`--format ${JSON.stringify(format)} is invalid: expected text or json`, "doctor");
    timeoutMs = parseTimeout(values.timeout!);
    if (Boolean(values["huawei-region"]) !== Boolean(values["project-id"])) {
      throw new UsageError("--huawei-region and --project-id go together: a Huawei Cloud project belongs to one region", "doctor");
    }
    const flags = {
      huaweiRegion: values["huawei-region"],
      projectId: values["project-id"],
      alibabaRegion: values["alibaba-region"],
      ...identityFlags(values["huawei-agency"], values["alibaba-role"], values),
    };
    targets = targetsFromFlags(flags);
    const flagged = targets.length > 0;
    if (values.stack !== undefined || !flagged) {
      try {
        ({ targets: targets = [], problems } = mergeStack(targets, values.stack, cwd, env));
      } catch (error) {
        if (values.stack !== undefined || !(error instanceof ReviewError)) throw error;
        targets = targetsFromFlags({ huaweiRegion: env.HW_REGION_NAME?.trim(), projectId: env.HW_PROJECT_ID?.trim(), alibabaRegion: alibabaRegionFromEnv(env) });
        if (targets.length === 0) throw new UsageError(`nothing to check: ${error.message}, or name the services with --huawei-region R --project-id P and/or --alibaba-region R`, "doctor");
      }
    }
  } catch (error) {
    const usage = error instanceof ReviewError ? new UsageError(error.message, "doctor") : error;
    err(`${usage instanceof UsageError ? usage.line() : commandFailure(error, "doctor", env)}\n`);
    return usage instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILURE;
  }
  try {
    const report: DoctorReport = await runDoctor(targets, problems, { env, timeoutMs });
    out(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderDoctorText(report));
    return report.ready ? ExitCode.OK : ExitCode.FAILURE;
  } catch (error) {
    err(`${commandFailure(error, "doctor", env)}\n`);
    return ExitCode.FAILURE;
  } finally {
    await closeConnections();
  }
}

function mergeStack(flagged: DoctorTarget[], stackArg: string | undefined, cwd: string, env: NodeJS.ProcessEnv): { targets: DoctorTarget[]; problems: string[] } {
  const stack = readStack(resolveStackDir(stackArg, cwd));
  const fromStack = targetsFromStack(stack.hooks, env);
  return { targets: [...fromStack.targets, ...flagged], problems: [...stack.warnings, ...fromStack.problems] };
}

/** `--huawei-agency encryption-admin/acme-prod` (or `AGENCY/id:DOMAIN_ID`) and `--alibaba-role ARN`, each with the services it applies to. */
function identityFlags(
  agency: string | undefined,
  role: string | undefined,
  values: { readonly "huawei-region"?: string; readonly "alibaba-region"?: string },
): { huaweiAgency?: HuaweiAgencyIdentity; alibabaRole?: AlibabaRoleIdentity } {
  const huaweiAgency = agency === undefined ? undefined : parseAgencyFlag(agency);
  if (agency !== undefined && !huaweiAgency) {
    throw new UsageError(`--huawei-agency ${JSON.stringify(agency)} is invalid: expected AGENCY/DOMAIN_NAME (or AGENCY/id:DOMAIN_ID) such as encryption-admin/acme-prod`, "doctor");
  }
  if (role !== undefined && !IDENTITY_RULES.roleArn.pattern.test(role)) {
    throw new UsageError(`--alibaba-role ${JSON.stringify(role)} is invalid: expected ${IDENTITY_RULES.roleArn.allowed}`, "doctor");
  }
  if (agency !== undefined && !values["huawei-region"]) throw new UsageError("--huawei-agency applies to --huawei-region R --project-id P: give them too", "doctor");
  if (role !== undefined && !values["alibaba-region"]) throw new UsageError("--alibaba-role applies to --alibaba-region R: give it too", "doctor");
  return { huaweiAgency, alibabaRole: role === undefined ? undefined : { cloud: "alibabacloud", roleArn: role } };
}

function parseTimeout(text: string): number {
  let ms: number;
  try {
    ms = Duration.parse(text).toMilliseconds();
  } catch {
    throw new UsageError(`--timeout ${JSON.stringify(text)} is invalid: expected a duration such as 10s or 1m`, "doctor");
  }
  if (ms <= 0) throw new UsageError(`--timeout ${JSON.stringify(text)} is invalid: expected more than 0s`, "doctor");
  return ms;
}
