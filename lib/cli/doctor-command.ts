import { DoctorReport, runDoctor } from "../doctor/doctor";
import { renderDoctorText } from "../doctor/doctor-text";
import { DoctorTarget, targetsFromFlags, targetsFromStack } from "../doctor/doctor-targets";
import { alibabaRegionFromEnv } from "../cloud/alibaba/alibaba-credentials";
import { readStack } from "../stack/read-stack";
import { resolveStackDir } from "../stack/resolve-stack-dir";
import { InputError } from "../runtime/input-error";
import { AlibabaRoleIdentity, HuaweiAgencyIdentity, IDENTITY_RULES, parseAgencyFlag } from "../contract/declared-identity";
import { Duration } from "../contract/duration";
import { CommandIO, defineCommand, runCommand } from "./command";
import { ExitCode, UsageError } from "./usage-error";

export const DOCTOR_COMMAND = defineCommand({
  name: "doctor",
  summary: "before a first deploy or in CI: check that this environment can deploy the stack",
  details:
    "for each service the stack uses (or the flags name), the credential source and identity, the endpoint, the proxy, and one harmless signed read, as the identity each resource declares (the flags' services as --huawei-agency / --alibaba-role); see docs/doctor.md",
  options: [
    { name: "stack", value: "DIR", help: "the synthesized stack, such as cdktf.out/stacks/NAME (default: the only one in cdktf.out/stacks, else the environment's region and project)" },
    { name: "huawei-region", value: "R", help: "check Huawei Cloud in this region, with --project-id" },
    { name: "project-id", value: "P", help: "the Huawei Cloud project of --huawei-region" },
    { name: "alibaba-region", value: "R", help: "check Alibaba Cloud in this region" },
    { name: "huawei-agency", value: "AGENCY/DOMAIN", help: "read --huawei-region as this agency (or AGENCY/id:DOMAIN_ID)" },
    { name: "alibaba-role", value: "ROLE_ARN", help: "read --alibaba-region as this RAM role" },
    { name: "format", value: "text|json", default: "text", help: "the report's format" },
    { name: "timeout", value: "DURATION", default: "10s", help: "bound of each attempt of a signed read, such as 10s or 1m" },
  ],
  exits: "exit 0 all ready, 1 not ready, 64 bad usage",
  async run({ values, env, cwd, out }) {
    let targets: DoctorTarget[];
    let problems: string[] = [];
    let timeoutMs: number;
    try {
      if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format ${JSON.stringify(values.format)} is invalid: expected text or json`, "doctor");
      timeoutMs = parseTimeout(values.timeout);
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
          if (values.stack !== undefined || !(error instanceof InputError)) throw error;
          targets = targetsFromFlags({ huaweiRegion: env.HW_REGION_NAME?.trim(), projectId: env.HW_PROJECT_ID?.trim(), alibabaRegion: alibabaRegionFromEnv(env) });
          if (targets.length === 0) throw new UsageError(`nothing to check: ${error.message}, or name the services with --huawei-region R --project-id P and/or --alibaba-region R`, "doctor");
        }
      }
    } catch (error) {
      // What the command line names (a stack that is not one) is a usage error here.
      throw error instanceof InputError ? new UsageError(error.message, "doctor") : error;
    }
    const report: DoctorReport = await runDoctor(targets, problems, { env, timeoutMs });
    out(values.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderDoctorText(report));
    return report.ready ? ExitCode.OK : ExitCode.FAILURE;
  },
});

/**
 * `cdktf-encryption doctor`: can this environment deploy the stack? Reads which services,
 * regions and projects the synthesized stack's hooks use (or the flags), then checks each.
 */
export function runDoctorCommand(args: readonly string[], io: CommandIO = {}): Promise<number> {
  return runCommand(DOCTOR_COMMAND, args, io);
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
