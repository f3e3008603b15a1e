import { Duration } from "../../../lib/contract/duration";
import { dwsClusterEncryptionToMap } from "../../../lib/kinds/dws-cluster-encryption/spec";
import { dwsKeyRotationToMap } from "../../../lib/kinds/dws-key-rotation/spec";

/** One DWS cluster, as its encryption and its key rotation declare it. */
export const CLUSTER = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" };
export const KEY_A = "0f3196c8-5c23-469f-84da-92ecd2499dce";
export const KEY_B = "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d";

export const ENCRYPTION_MAP = dwsClusterEncryptionToMap({ ...CLUSTER, masterKeyId: KEY_B, algorithm: "generalCipher", timeout: Duration.hours(1) });
export const ROTATION_MAP = dwsKeyRotationToMap({
  ...CLUSTER,
  rotationPeriod: Duration.days(90),
  checkInterval: Duration.days(7),
  rotationWindow: "2026-12-07",
  timeout: Duration.hours(1),
});
