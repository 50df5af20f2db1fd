import { BackupSettings } from './BackupSettings'
import '../../styles/backup.css'

/** Settings → Privacy: backups (and, beside them, encryption at rest). */
export function PrivacySection() {
  return (
    <section className="settings-section" aria-labelledby="privacy-title">
      <h3 id="privacy-title">Privacy</h3>
      <BackupSettings />
    </section>
  )
}
