import { closeSync, ftruncateSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { expectMirrorError } from '../../storage/helpers/fixtures'
import { FIXTURES, fixture, snapshot, tempDir } from './helpers'
import { renameEntries, zipBuffer } from './zipHelpers'

const dirs: string[] = []
function dir(): string {
  const d = tempDir()
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

async function withStoredSession() {
  const storage = new MemoryStorage()
  const workDir = dir()
  const transfer = new TransferService({ storage, workDir })
  await transfer.importFiles([fixture('native-session.json')])
  return { storage, transfer, workDir, before: await snapshot(storage) }
}

describe('bad input: a clear message naming the file, and nothing stored changes', () => {
  it.each([
    ['bad/empty.json', 'IMPORT_INVALID', /empty/],
    ['bad/binary.png', 'IMPORT_UNSUPPORTED_FORMAT', /binary file/],
    ['bad/truncated.json', 'IMPORT_INVALID', /malformed or truncated/],
    ['bad/wrong-shape.json', 'IMPORT_UNSUPPORTED_FORMAT', /expected an ActiveMirror/],
    [
      'bad/not-an-export.md',
      'IMPORT_UNSUPPORTED_FORMAT',
      /not an ActiveMirror or ActiveMirrorOS export/,
    ],
    ['bad/sdk-session-dup-ids.json', 'IMPORT_INVALID', /msg_dup appears twice/],
    ['bad/sdk-index.json', 'IMPORT_UNSUPPORTED_FORMAT', /index\.json/],
  ])('%s', async (name, code, reason) => {
    const { storage, transfer, before } = await withStoredSession()
    const report = await transfer.importPaths([path.join(FIXTURES, name)])
    expect(report.imported).toEqual([])
    expect(report.failed).toEqual([
      { file: path.join(FIXTURES, name), code, reason: expect.any(String) },
    ])
    expect(report.failed[0]!.reason).toMatch(reason)
    expect(await snapshot(storage)).toEqual(before)
  })

  it('a 2 GB file is refused by its size before anything is read', async () => {
    const { storage, transfer, before } = await withStoredSession()
    const file = path.join(dir(), 'huge.json')
    const fd = openSync(file, 'w')
    // Sparse: 2 GB long, no blocks written.
    ftruncateSync(fd, 2 * 1024 ** 3)
    closeSync(fd)
    const started = Date.now()
    const report = await transfer.importPaths([file])
    expect(Date.now() - started).toBeLessThan(2000)
    expect(report.failed).toEqual([
      {
        file,
        code: 'IMPORT_INVALID',
        reason: 'the file is 2.0 GB; the largest file ActiveMirror imports is 1.0 GB',
      },
    ])
    expect(await snapshot(storage)).toEqual(before)
  })

  it('the app refuses a 2 GB upload at import.begin, before any chunk', async () => {
    const { transfer, workDir } = await withStoredSession()
    await expectMirrorError(transfer.beginUpload('huge.zip', 2 * 1024 ** 3), 'IMPORT_INVALID')
    await expect(transfer.beginUpload('huge.zip', 2 * 1024 ** 3)).rejects.toThrow(
      'huge.zip is 2.0 GB; the largest file ActiveMirror imports is 1.0 GB.',
    )
    expect(readdirSync(workDir)).toEqual([])
  })

  it('a zip bomb is refused by its compression ratio before it is inflated', async () => {
    const { storage, transfer, before } = await withStoredSession()
    const zip = await zipBuffer([
      { name: 'conversations.json', content: Buffer.alloc(64 * 1024 * 1024, 0x20) },
    ])
    expect(zip.length).toBeLessThan(200 * 1024)
    const file = path.join(dir(), 'bomb.zip')
    writeFileSync(file, zip)
    const report = await transfer.importPaths([file])
    expect(report.failed).toEqual([
      { file: `${file}/conversations.json`, code: 'IMPORT_INVALID', reason: expect.any(String) },
    ])
    expect(report.failed[0]!.reason).toMatch(/unpack to 64\.0 MB .*zip bomb; not read/)
    expect(await snapshot(storage)).toEqual(before)
  })

  it('a zip whose total unpacked size is over the limit is refused whole', async () => {
    const storage = new MemoryStorage()
    const transfer = new TransferService({ storage, limits: { maxZipUncompressedBytes: 1000 } })
    const zip = await zipBuffer([
      { name: 'a.json', content: fixture('native-session.json').content },
      { name: 'b.json', content: fixture('js-sdk-session.json').content },
    ])
    const file = path.join(dir(), 'big.zip')
    writeFileSync(file, zip)
    const report = await transfer.importPaths([file])
    expect(report.failed).toEqual([
      {
        file,
        code: 'IMPORT_INVALID',
        reason: expect.stringMatching(/would unpack to .* the limit is/),
      },
    ])
    expect(await snapshot(storage)).toEqual([])
  })

  it('path-traversal names inside a zip are reported and never used; the rest imports', async () => {
    const { storage, transfer } = await withStoredSession()
    const built = await zipBuffer([
      { name: 'aa/evil.json', content: fixture('js-sdk-session.json').content },
      { name: 'zabs/evil.json', content: fixture('js-sdk-session.json').content },
      { name: 'good.json', content: fixture('python-sdk-session.json').content },
    ])
    const hostile = renameEntries(
      renameEntries(built, 'aa/evil.json', '../evil.json'),
      'zabs/evil.json',
      '/abs/evil.json',
    )
    const d = dir()
    const file = path.join(d, 'hostile.zip')
    writeFileSync(file, hostile)
    const report = await transfer.importPaths([file])
    expect(report.failed.map((f) => [f.file, f.code])).toEqual([
      [`${file}/../evil.json`, 'IMPORT_INVALID'],
      [`${file}//abs/evil.json`, 'IMPORT_INVALID'],
    ])
    expect(report.failed[0]!.reason).toMatch(/unsafe path/)
    expect(report.imported.map((r) => r.file)).toEqual([`${file}/good.json`])
    expect(await storage.hasSession('session_1730000000000_ab12cd34e')).toBe(false)
    // Nothing was written next to the zip or above it.
    expect(readdirSync(d)).toEqual(['hostile.zip'])
  })

  it('duplicate session ids across the files of one import: the first wins, the rest are named', async () => {
    const { storage, transfer } = await withStoredSession()
    const js = fixture('js-sdk-session.json')
    const report = await transfer.importFiles([
      js,
      { name: 'copy.json', content: js.content },
      fixture('native-session.json'),
    ])
    expect(report.imported.map((r) => r.file)).toEqual(['js-sdk-session.json'])
    expect(report.skipped).toEqual([
      {
        file: 'copy.json',
        sessionId: 'session_1730000000000_ab12cd34e',
        reason:
          'session id session_1730000000000_ab12cd34e was already imported from js-sdk-session.json',
      },
      {
        file: 'native-session.json',
        sessionId: 'session_1731578400000_nat1ve001',
        reason: 'a session with this id is already stored',
      },
    ])
    expect((await snapshot(storage)).length).toBe(2)
  })
})
