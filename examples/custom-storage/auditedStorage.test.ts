// `npx vitest run`: the shipped conformance suite on the custom backend.
import { describeStorageConformance } from 'activemirror/testing'
import { openAuditedStorage } from './auditedStorage'

describeStorageConformance(
  'audited memory store',
  async () => {
    const storage = await openAuditedStorage([])
    return { storage, cleanup: () => storage.close() }
  },
  // Memory keeps nothing once closed, so the reopen (persistence) tests are left out.
  { durable: false },
)
