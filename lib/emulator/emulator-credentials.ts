/** Credentials the emulator accepts. Not secrets: they only open the local emulator. */
export const EMULATOR_CREDENTIALS = {
  huawei: {
    accessKey: "EMULATORAKHUAWEI0001",
    secretKey: "emulatorSecretKeyHuawei0000000000000001",
    readOnlyAccessKey: "EMULATORAKREADONLY01",
    readOnlySecretKey: "emulatorSecretKeyReadOnly00000000000001",
    /** Signs correctly but holds no permission on the services: every call is refused as denied. */
    noPermissionAccessKey: "EMULATORAKNOPERMIT01",
    noPermissionSecretKey: "emulatorSecretKeyNoPermission0000000001",
    authToken: "emulator-iam-token-0001",
    region: "cn-north-4",
    projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  },
  alibaba: {
    accessKeyId: "LTAI5tEmulatorAlibaba001",
    accessKeySecret: "emulatorAlibabaSecret0000000001",
    readOnlyAccessKeyId: "LTAI5tEmulatorReadOnly01",
    readOnlyAccessKeySecret: "emulatorAlibabaReadOnly00000001",
    /** Signs correctly but holds no permission on the services: every call is refused as denied. */
    noPermissionAccessKeyId: "LTAI5tEmulatorNoPermit01",
    noPermissionAccessKeySecret: "emulatorAlibabaNoPermission0001",
    stsAccessKeyId: "STS.EmulatorAlibabaSts0001",
    stsAccessKeySecret: "emulatorAlibabaStsSecret0000001",
    securityToken: "emulator-sts-security-token-0001",
    region: "cn-hangzhou",
  },
} as const;
