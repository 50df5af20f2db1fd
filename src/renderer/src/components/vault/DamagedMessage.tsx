/** In place of a sensitive message whose vault record cannot be decrypted (damaged on disk). */
export function DamagedMessage() {
  return (
    <p className="message-locked message-damaged" role="note">
      This message could not be decrypted: its record in the vault is damaged. The rest of the
      session is unaffected; <code>amos vault check</code> lists damaged records.
    </p>
  )
}
