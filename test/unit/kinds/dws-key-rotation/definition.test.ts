import { DWS_CLUSTER_ENCRYPTION_KIND } from "../../../../lib/kinds/dws-cluster-encryption/definition";
import { CONVERT, ROTATE_MASTER_KEY } from "../../../../lib/kinds/dws-cluster-encryption/reconciler";
import { DWS_KEY_ROTATION_KIND } from "../../../../lib/kinds/dws-key-rotation/definition";
import { DwsRotationObserved } from "../../../../lib/kinds/dws-key-rotation/reconciler";
import { KINDS } from "../../../../lib/kinds/index";
import { EarlierStep } from "../../../../lib/kinds/kind-definition";
import { afterEarlierSteps } from "../../../../lib/review/deploy-sequence";
import { ENCRYPTION_MAP, KEY_A, KEY_B, ROTATION_MAP } from "../dws-fixtures";

const definition = DWS_KEY_ROTATION_KIND;
const rotation = definition.parse(ROTATION_MAP);
const NOW = Date.parse("2026-12-07T10:00:00Z");
const reading: DwsRotationObserved = { exists: true, encryption: { masterKeyId: KEY_A, lastRotateKeyTime: "2026-01-01 00:00:00" }, now: NOW };

function clusterStep(actionType: string, spec = DWS_CLUSTER_ENCRYPTION_KIND.parse(ENCRYPTION_MAP)): EarlierStep {
  return { address: "null_resource.encryption", kind: "dws.cluster-encryption", spec, actions: [{ type: actionType, description: actionType }] };
}

test("is registered under its kind and names its cluster as cluster encryption does", () => {
  expect(KINDS.get("dws.key-rotation")).toBe(definition);
  expect(definition.resource.keyFields).toEqual(["region", "project_id", "cluster_id"]);
});

test("after its cluster's hook moved the master key, the hook reads the new key and a rotation made just now", () => {
  expect(afterEarlierSteps("dws.key-rotation", rotation, reading, [clusterStep(ROTATE_MASTER_KEY)])).toEqual({
    observed: { exists: true, encryption: { masterKeyId: KEY_B, masterKeyName: undefined, cryptAlgorithm: "generalCipher", lastRotateKeyTime: "2026-12-07 10:00:00" }, now: NOW },
    after: "null_resource.encryption",
  });
});

test("after its cluster was converted, the hook reads the new key and no rotation recorded", () => {
  const sequenced = afterEarlierSteps("dws.key-rotation", rotation, reading, [clusterStep(CONVERT)]);
  expect(sequenced.after).toBe("null_resource.encryption");
  expect((sequenced.observed as DwsRotationObserved).encryption).toEqual({ masterKeyId: KEY_B, masterKeyName: undefined, cryptAlgorithm: "generalCipher", lastRotateKeyTime: undefined });
});

test("a step on another cluster, or one that changed nothing, leaves the reading as observed", () => {
  const other = DWS_CLUSTER_ENCRYPTION_KIND.parse({ ...ENCRYPTION_MAP, cluster_id: "11111111-2222-4333-8444-555555555555" });
  expect(afterEarlierSteps("dws.key-rotation", rotation, reading, [clusterStep(ROTATE_MASTER_KEY, other)])).toEqual({ observed: reading });
  expect(afterEarlierSteps("dws.key-rotation", rotation, reading, [clusterStep("wait")])).toEqual({ observed: reading });
});

test("kinds without sequencing read what was observed", () => {
  expect(afterEarlierSteps("dws.cluster-encryption", {}, reading, [clusterStep(ROTATE_MASTER_KEY)])).toEqual({ observed: reading });
  expect(afterEarlierSteps("no.such-kind", {}, reading, [])).toEqual({ observed: reading });
});
