import { DWS_CRYPT_ALGORITHMS, describeCryptAlgorithm } from "../../../../lib/cloud/huawei/dws-crypt-algorithm";

test("DWS's two crypt_algorithm names, and the cipher a person reads for each", () => {
  expect(DWS_CRYPT_ALGORITHMS).toEqual(["generalCipher", "SMcompatible"]);
  expect(DWS_CRYPT_ALGORITHMS.map(describeCryptAlgorithm)).toEqual(["AES", "SM4"]);
});

test("a name DWS may add later is shown as it is, not as a cipher it is not", () => {
  expect(describeCryptAlgorithm("SM4-GCM")).toBe("SM4-GCM");
});
