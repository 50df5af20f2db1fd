import { describe, expect, it } from 'vitest'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { at, makeMessage, makeSession } from '../../storage/helpers/fixtures'

async function organisedStore() {
  const storage = new MemoryStorage()
  await storage.createFolder({ id: 'folder_src', name: 'Field notes', createdAt: at(0) })
  const filed = makeSession({ title: 'Filed and pinned', pinned: true, folderId: 'folder_src' })
  const plain = makeSession({ title: 'Plain' })
  for (const s of [filed, plain]) {
    await storage.createSession(s)
    await storage.appendMessage(makeMessage(s.id, { createdAt: at(1) }))
  }
  return { storage, filed, plain }
}

describe('native JSON export and import keep pins and folders', () => {
  it('exports pinned and the folder name only where set', async () => {
    const { storage, filed, plain } = await organisedStore()
    const transfer = new TransferService({ storage })
    const one = JSON.parse((await transfer.exportSession(filed.id, 'json')).content) as object
    expect(one).toMatchObject({ pinned: true, folder: 'Field notes' })
    const other = JSON.parse((await transfer.exportSession(plain.id, 'json')).content) as object
    expect(other).not.toHaveProperty('pinned')
    expect(other).not.toHaveProperty('folder')
  })

  it('an import into another store pins the session and files it in a folder of that name', async () => {
    const { storage, filed } = await organisedStore()
    const exported = await new TransferService({ storage }).exportSession(filed.id, 'json')

    const target = new MemoryStorage()
    // A folder of the same name in another case is reused, not doubled.
    await target.createFolder({ id: 'folder_mine', name: 'FIELD NOTES', createdAt: at(0) })
    const report = await new TransferService({ storage: target }).importFiles([
      { name: 'filed.json', content: exported.content },
    ])
    expect(report.imported).toHaveLength(1)
    expect(await target.getSession(filed.id)).toMatchObject({
      pinned: true,
      folderId: 'folder_mine',
    })

    const fresh = new MemoryStorage()
    await new TransferService({ storage: fresh }).importFiles([
      { name: 'filed.json', content: exported.content },
    ])
    const [made] = await fresh.listFolders()
    expect(made?.name).toBe('Field notes')
    expect((await fresh.getSession(filed.id)).folderId).toBe(made?.id)
  })
})
