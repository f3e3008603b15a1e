import * as path from "node:path";
import { VERDICTS_KEY, Verdict } from "../policy/policy-check";
import { SynthesizedStack, readStack } from "../stack/read-stack";
import { ReviewError } from "../review/review-error";
import { ACK_SECRET_ENCRYPTION } from "../kinds/ack-secret-encryption/spec";
import { DWS_CLUSTER_ENCRYPTION } from "../kinds/dws-cluster-encryption/spec";
import { DWS_KEY_ROTATION } from "../kinds/dws-key-rotation/spec";
import { SpecMap } from "../contract/spec";
import { TAURUSDB_BACKUP_ENCRYPTION } from "../kinds/taurusdb-backup-encryption/spec";

export type AuditedService = "dws" | "taurusdb" | "ack";

/** The cloud resource a Spec acts on. */
export interface DeclaredTarget {
  readonly cloud: "huawei" | "alibaba";
  readonly service: AuditedService;
  readonly region: string;
  readonly projectId?: string;
  readonly id: string;
  /** A field is a reference Terraform resolves at apply (`${…}`): the target cannot be matched. */
  readonly unresolved: boolean;
}

/** One encryption resource declared in a synthesized stack. */
export interface Declaration {
  readonly stack: string;
  /** The stack's cdk.tf.json, as given (relative paths stay relative, for SARIF locations). */
  readonly file: string;
  readonly address: string;
  /** The construct path cdktf recorded, e.g. `prod/warehouse/encryption/hook`. */
  readonly constructPath?: string;
  readonly spec: SpecMap;
  readonly target: DeclaredTarget;
  /** What the stack's EncryptionPolicy decided at synth, when one held it. */
  readonly verdicts: readonly Verdict[];
  /** Spec fields that are `${…}` references Terraform resolves at apply: drift cannot be judged. */
  readonly unresolvedFields: readonly string[];
}

const TARGETS: Record<string, { service: AuditedService; idField: string }> = {
  [DWS_CLUSTER_ENCRYPTION]: { service: "dws", idField: "cluster_id" },
  [DWS_KEY_ROTATION]: { service: "dws", idField: "cluster_id" },
  [TAURUSDB_BACKUP_ENCRYPTION]: { service: "taurusdb", idField: "instance_id" },
  [ACK_SECRET_ENCRYPTION]: { service: "ack", idField: "cluster_id" },
};

/** Reads the encryption resources declared in one synthesized stack directory. */
export function readDeclarations(dir: string): Declaration[] {
  let stack: SynthesizedStack;
  try {
    stack = readStack(dir);
  } catch (error) {
    if (!(error instanceof ReviewError)) throw error;
    throw new ReviewError(`--stack ${dir} is not a synthesized stack: ${error.message}; give a directory such as cdktf.out/stacks/NAME after \`cdktf synth\``);
  }
  const file = path.join(dir, "cdk.tf.json");
  return stack.hooks.flatMap((hook): Declaration[] => {
    const target = TARGETS[hook.found.map.kind];
    if (!target) return [];
    const spec = hook.found.map;
    const metadata = hook.comment.metadata as { path?: string } | undefined;
    return [
      {
        stack: stack.name,
        file,
        address: hook.address,
        constructPath: metadata?.path,
        spec,
        verdicts: (hook.comment[VERDICTS_KEY] as Verdict[] | undefined) ?? [],
        unresolvedFields: hook.found.unknown,
        target: {
          cloud: target.service === "ack" ? "alibaba" : "huawei",
          service: target.service,
          region: spec.region ?? "",
          projectId: spec.project_id,
          id: spec[target.idField] ?? "",
          unresolved: ["region", "project_id", target.idField].some((f) => hook.found.unknown.includes(f)),
        },
      },
    ];
  });
}
