import { KINDS } from "./index";
import { SpecMap } from "../contract/spec";

/** The cloud whose resources a kind of Spec declares: "huaweicloud" or "alibabacloud". */
export function cloudOfKind(kind: string): "huaweicloud" | "alibabacloud" | undefined {
  return KINDS.get(kind)?.resource.service.cloud;
}

/**
 * The resource a Spec declares, as a key (equal keys: the same resource, the same kind of
 * declaration) and words. The kind names the Spec fields that name the resource (its
 * `resource.keyFields`: cloud, region, project, resource id). Two kinds on one resource (an
 * encryption and a key rotation of one DWS cluster) have different keys: they declare
 * different things.
 */
export function declaredResource(spec: SpecMap): { key: string; description: string } {
  const resource = KINDS.get(spec.kind)?.resource;
  if (!resource) throw new Error(`no resource identity for Spec kind ${spec.kind}`);
  const fields = resource.keyFields;
  const ids = fields.map((field) => spec[field] ?? "");
  const where = fields.length > 1 ? ` in project ${spec.project_id} of ${spec.region}` : "";
  return {
    key: [spec.kind, resource.service.cloud, ...ids].join("|").toLowerCase(),
    description: `${spec.kind} of ${resource.service.noun} ${ids[ids.length - 1]}${where}`,
  };
}
