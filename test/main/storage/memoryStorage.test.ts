import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { describeStorageConformance } from './conformance'

describeStorageConformance('memory', async () => {
  const storage = new MemoryStorage()
  return { storage, cleanup: () => storage.close() }
})
