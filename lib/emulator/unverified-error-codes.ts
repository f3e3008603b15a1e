/**
 * The one place for the error answers of the emulated services whose real code no official
 * source gives (see `docs/cloud-fidelity.md` and `reference/cloud-apis.md` §1–§3). The real
 * services refuse these situations, but their codes (and for some the HTTP status) are not
 * documented. Each placeholder starts with `UNVERIFIED.` so it can never be mistaken for, or
 * collide with, a documented code (`DWS.0015` is "cluster does not exist"; `DBS.280001`,
 * `DBS.200022`, `DBS.280439`–`280441` mean other things). The clients never branch on these:
 * they go by the HTTP status and print the code and message as the service gave them.
 *
 * Documented codes the emulator uses stay in the services themselves: DWS.0001/0047 (not
 * found), DWS.7023 (busy), DBS.200019 (instance being operated), ACK ErrorClusterNotFound and
 * StatusForbidden.
 */
export const UNVERIFIED_CODES = {
  dws: {
    /** A rotate-key or encrypt body that is not a JSON object, or a bad field. */
    invalidRequest: "UNVERIFIED.DWS.InvalidRequest",
    /** IAM denial (real DWS: code not published; HTTP 403 assumed). */
    denied: "UNVERIFIED.DWS.Forbidden",
    alreadyEncrypted: "UNVERIFIED.DWS.AlreadyEncrypted",
    versionTooOld: "UNVERIFIED.DWS.VersionNotSupported",
    disasterRecovery: "UNVERIFIED.DWS.DisasterRecoveryCluster",
    /** Refused inside an HTTP 200, as DWS does for some refusals (EncryptClusterResponse has error_code). */
    guestAgentTooOld: "UNVERIFIED.DWS.GuestAgentTooOld",
    kmsKeyNotFound: "UNVERIFIED.DWS.KmsKeyNotFound",
    kmsKeyNotEnabled: "UNVERIFIED.DWS.KmsKeyNotEnabled",
    notEncrypted: "UNVERIFIED.DWS.NotEncrypted",
    /** `failed_code` of a conversion job that ended FAIL or STOP. */
    jobFailed: "UNVERIFIED.DWS.JobFailed",
    jobStopped: "UNVERIFIED.DWS.JobStopped",
  },
  taurusdb: {
    /** Real TaurusDB: code and status for an unknown instance not published (404 assumed). */
    instanceNotFound: "UNVERIFIED.DBS.InstanceNotFound",
    invalidParameter: "UNVERIFIED.DBS.InvalidParameter",
    denied: "UNVERIFIED.DBS.Forbidden",
    kmsKeyNotFound: "UNVERIFIED.DBS.KmsKeyNotFound",
    kmsKeyNotEnabled: "UNVERIFIED.DBS.KmsKeyNotEnabled",
    crossRegionBackup: "UNVERIFIED.DBS.CrossRegionBackupEnabled",
    /** A list page out of range: other Huawei database services answer DBS.280439/280440; TaurusDB's own table was not found. */
    invalidLimit: "UNVERIFIED.DBS.InvalidLimit",
    invalidOffset: "UNVERIFIED.DBS.InvalidOffset",
  },
  ack: {
    invalidParameter: "UNVERIFIED.ACK.InvalidParameter",
    specNotSupported: "UNVERIFIED.ACK.ClusterSpecNotSupported",
    clusterState: "UNVERIFIED.ACK.ClusterStateNotAllowed",
    /** The 409 after a recent change: the status is documented, the code string is not. */
    coolDown: "UNVERIFIED.ACK.CoolDown",
    kmsKeyNotFound: "UNVERIFIED.ACK.KmsKeyNotFound",
    kmsKeyInvalid: "UNVERIFIED.ACK.KmsKeyInvalid",
  },
} as const;
