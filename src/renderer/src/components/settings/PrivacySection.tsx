import { BackupSettings } from './BackupSettings'
import { EncryptionSettings } from './EncryptionSettings'
import '../../styles/backup.css'
import '../../styles/vault.css'

/** Settings → Privacy: encryption at rest and backups, each its own component. */
export function PrivacySection() {
  return (
    <section className="settings-section" aria-labelledby="privacy-title">
      <h3 id="privacy-title">Privacy</h3>
      <EncryptionSettings />
      <BackupSettings />
    </section>
  )
}
