import { EncryptionStatusSchema } from '../encryption'
import { EmptyInputSchema as Empty, route } from './route'

/** Settings → Privacy, "Encrypt all history" (docs/security.md). */
export const encryptionRoutes = {
  /** Needs no unlock: says whether the history is encrypted and whether it is locked. */
  'encryption.status': route(Empty, EncryptionStatusSchema),
  /** Needs the vault unlocked; ENCRYPTION_UNSUPPORTED for the JSON folder store. */
  'encryption.enable': route(Empty, EncryptionStatusSchema),
  'encryption.disable': route(Empty, EncryptionStatusSchema),
}
