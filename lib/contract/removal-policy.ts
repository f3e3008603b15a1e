/** What happens to the encryption setting when its construct is destroyed. */
export enum RemovalPolicy {
  /** Leave the cloud resource as it is: encryption stays on. The safe default. */
  RETAIN = "retain",
  /** Turn encryption off on destroy. */
  DISABLE = "disable",
}
