import * as path from "node:path";
import { VERDICTS_KEY, Verdict } from "../policy/policy-check";
import { SynthesizedStack, readStack } from "../stack/read-stack";
import { InputError } from "../runtime/input-error";
import { KINDS } from "../kinds/index";
import { SpecMap } from "../contract/spec";
import type { CloudName } from "../kinds/kind-definition";

/** A service's id in the registry of kinds: "dws", "taurusdb", "ack". */
export type AuditedService = string;

/** A cloud as audit scopes and reports name it. */
export function auditCloud(cloud: CloudName): "huawei" | "alibaba" {
  return cloud === "alibabacloud" ? "alibaba" : "huawei";
}

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

/** Reads the encryption resources declared in one synthesized stack directory. */
export function readDeclarations(dir: string): Declaration[] {
  let stack: SynthesizedStack;
  try {
    stack = readStack(dir);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`--stack ${dir} is not a synthesized stack: ${error.message}; give a directory such as cdktf.out/stacks/NAME after \`cdktf synth\``);
  }
  const file = path.join(dir, "cdk.tf.json");
  return stack.hooks.flatMap((hook): Declaration[] => {
    const resource = KINDS.get(hook.found.map.kind)?.resource;
    if (!resource) return [];
    // The kind's key fields end with the resource id (cluster_id, instance_id).
    const idField = resource.keyFields[resource.keyFields.length - 1];
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
          cloud: auditCloud(resource.service.cloud),
          service: resource.service.id,
          region: spec.region ?? "",
          projectId: spec.project_id,
          id: spec[idField] ?? "",
          unresolved: ["region", "project_id", idField].some((f) => hook.found.unknown.includes(f)),
        },
      },
    ];
  });
}
