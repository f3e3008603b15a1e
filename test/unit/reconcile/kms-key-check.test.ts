import { EMULATOR_CREDENTIALS } from "../../../lib/emulator/fixture";
import { alibabaKeyVerdict, huaweiKeyVerdict } from "../../../lib/reconcile/kms-key-check";

const { region, projectId } = EMULATOR_CREDENTIALS.huawei;
const KEY = "0f3196c8-5c23-469f-84da-92ecd2499dce";

describe("verdicts", () => {
  test("an unknown Huawei key_state is not refused: the service still checks", () => {
    expect(huaweiKeyVerdict(KEY, { keyId: KEY, state: "unknown", rawState: "9" }, { region, projectId })).toEqual({ keyId: KEY, state: 'key_state "9"' });
  });

  test("fields an Alibaba answer leaves out are not held against the key", () => {
    expect(alibabaKeyVerdict("k", { keyId: "k" }, "cn-hangzhou").problem).toBeUndefined();
    expect(alibabaKeyVerdict("k", { keyId: "k", creator: "1540355698****" }, "cn-hangzhou").problem).toBeUndefined();
  });
});
