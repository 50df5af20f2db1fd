/**
 * The OS keychain as the core sees it (macOS Keychain, Windows Credential Vault, libsecret Secret
 * Service). The composition root hands an implementation (keytarStore.ts) to whoever needs one.
 */
export interface SecretStore {
  readonly service: string
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
  /** True when a keychain answers; never throws. */
  available(): Promise<boolean>
}
