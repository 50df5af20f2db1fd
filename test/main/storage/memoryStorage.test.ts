import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { describeStorageConformance } from '../../../src/testing'

// Memory keeps nothing to reopen: the reopen tests are not registered for it.
describeStorageConformance(
  'memory',
  async () => {
    const storage = new MemoryStorage()
    return { storage, cleanup: () => storage.close() }
  },
  { durable: false },
)
