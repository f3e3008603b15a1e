import { readFileSync } from "node:fs";
import * as path from "node:path";
import { VERDICTS_KEY, Verdict } from "../policy/policy-check";
import { findSpec, isForeign } from "../review/hook-spec";
import { ReviewError } from "../review/review-error";
import { ACK_SECRET_ENCRYPTION } from "../spec/ack-secret-encryption-spec";
import { DWS_CLUSTER_ENCRYPTION } from "../spec/dws-cluster-encryption-spec";
import { DWS_KEY_ROTATION } from "../spec/dws-key-rotation-spec";
import { SpecMap } from "../spec/spec";
import { TAURUSDB_BACKUP_ENCRYPTION } from "../spec/taurusdb-backup-encryption-spec";

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
}

const TARGETS: Record<string, { service: AuditedService; idField: string }> = {
  [DWS_CLUSTER_ENCRYPTION]: { service: "dws", idField: "cluster_id" },
  [DWS_KEY_ROTATION]: { service: "dws", idField: "cluster_id" },
  [TAURUSDB_BACKUP_ENCRYPTION]: { service: "taurusdb", idField: "instance_id" },
  [ACK_SECRET_ENCRYPTION]: { service: "ack", idField: "cluster_id" },
};

/** Reads the encryption resources declared in one synthesized stack directory. */
export function readDeclarations(dir: string): Declaration[] {
  const file = path.join(dir, "cdk.tf.json");
  let config: { resource?: Record<string, Record<string, Record<string, unknown>>>; "//"?: { metadata?: { stackName?: string } } };
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ReviewError(`--stack ${dir} is not a synthesized stack: ${file} cannot be read as JSON (${reason}); give a directory such as cdktf.out/stacks/NAME after \`cdktf synth\``);
  }
  if (!config || typeof config !== "object" || !("//" in config || "resource" in config || "terraform" in config)) {
    throw new ReviewError(`--stack ${dir} is not a synthesized stack: ${file} is not a cdktf configuration`);
  }
  const stack = config["//"]?.metadata?.stackName ?? path.basename(dir);
  const declarations: Declaration[] = [];
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(byName ?? {})) {
      const found = findSpec(body, undefined, (v) => v.includes("${"));
      if (!found || isForeign(found)) continue;
      const target = TARGETS[found.map.kind];
      if (!target) continue;
      const comment = (body["//"] ?? {}) as { metadata?: { path?: string }; [VERDICTS_KEY]?: Verdict[] };
      const spec = found.map;
      declarations.push({
        stack,
        file,
        address: `${type}.${name}`,
        constructPath: comment.metadata?.path,
        spec,
        verdicts: comment[VERDICTS_KEY] ?? [],
        target: {
          cloud: target.service === "ack" ? "alibaba" : "huawei",
          service: target.service,
          region: spec.region ?? "",
          projectId: spec.project_id,
          id: spec[target.idField] ?? "",
          unresolved: ["region", "project_id", target.idField].some((f) => found.unknown.includes(f)),
        },
      });
    }
  }
  return declarations;
}
