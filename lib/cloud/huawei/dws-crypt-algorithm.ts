/**
 * DWS `crypt_algorithm` names (ClusterDetail, encrypt-info, the encrypt request) and the cipher
 * each stands for: AES-CBC and SM4.
 */
const CIPHERS = { generalCipher: "AES", SMcompatible: "SM4" } as const;

export type DwsCryptAlgorithm = keyof typeof CIPHERS;

export const DWS_CRYPT_ALGORITHMS = Object.keys(CIPHERS) as DwsCryptAlgorithm[];

/** "AES" / "SM4": the words a person reads for a DWS algorithm name; an unknown name as it is. */
export function describeCryptAlgorithm(algorithm: string): string {
  return CIPHERS[algorithm as DwsCryptAlgorithm] ?? algorithm;
}
