import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { SENSITIVE_PLACEHOLDER } from '../../../../src/main/services/transfer/transferService'
import type { Session } from '../../../../src/shared/domain'
import { pdfBytes, pngBytes } from '../../attachments/fixtures'
import { attachmentMirror, blobFiles, sha256, stage } from '../../attachments/helpers'
import type { TempMirror } from '../../helpers/tempMirror'
import { zipBuffer } from './zipHelpers'
import { readZip } from './zipRead'

vi.setConfig({ testTimeout: 60_000 })

const PASSWORD = 'correct horse battery staple'
let a: TempMirror
let b: TempMirror
let session: Session
const png = pngBytes(7)
const pdf = pdfBytes('Quarterly figures')
const notes = Buffer.from('# Notes\n\nLine [one] and (two).\n')

beforeEach(async () => {
  a = await attachmentMirror()
  b = await attachmentMirror()
  session = await a.mirror.sessions.create({ title: 'With files' })
  const { completion } = await a.mirror.chat.send({
    sessionId: session.id,
    text: 'Look at these',
    pattern: 'analytical',
    uncertainty: 'none',
    attachments: [
      stage(a.mirror, 'screen shot.png', png),
      stage(a.mirror, 'report.pdf', pdf),
      stage(a.mirror, 'notes [draft].md', notes),
    ],
  })
  await completion
})

afterEach(async () => {
  await a.cleanup()
  await b.cleanup()
})

const out = (name: string) => path.join(a.dir, name)

async function userMessageOf(fx: TempMirror, sessionId: string) {
  const page = await fx.mirror.storage.listMessages(sessionId, { limit: 50 })
  return page.items.find((m) => m.role === 'user')!
}

it('a zip export holds the session JSON and every file, referenced from the messages', async () => {
  const file = out('export.zip')
  const result = await a.mirror.transfer.writeSessionZip(session.id, 'json', file)
  expect(result).toMatchObject({ attachments: 3, missingAttachments: [] })
  const entries = await readZip(file)
  const json = JSON.parse(entries.get('With files.json')!.toString('utf8')) as {
    messages: Array<{ attachments?: Array<{ id: string; name: string; file: string }> }>
  }
  const refs = json.messages.flatMap((m) => m.attachments ?? [])
  expect(refs.map((r) => r.name)).toEqual(['screen shot.png', 'report.pdf', 'notes [draft].md'])
  expect(refs[0]!.file).toBe(`attachments/${sha256(png)}-screen_shot.png`)
  expect(entries.get(refs[0]!.file)).toEqual(png)
  expect(entries.get(refs[1]!.file)).toEqual(pdf)
  expect(entries.get(refs[2]!.file)).toEqual(notes)
})

it('importing the zip into another data dir brings the same bytes back as attachments', async () => {
  const file = out('export.zip')
  await a.mirror.transfer.writeSessionZip(session.id, 'json', file)
  const report = await b.mirror.transfer.importPaths([file])
  expect(report.failed).toEqual([])
  expect(report.imported).toHaveLength(1)
  const original = await userMessageOf(a, session.id)
  const imported = await userMessageOf(b, session.id)
  expect(imported.attachments).toEqual(original.attachments)
  for (const ref of imported.attachments!) {
    expect(await b.mirror.attachments.read(ref.id)).toEqual(await a.mirror.attachments.read(ref.id))
  }
})

it('a damaged or missing file costs only that attachment, with a clear per-file error', async () => {
  const file = out('export.zip')
  await a.mirror.transfer.writeSessionZip(session.id, 'json', file)
  const entries = await readZip(file)
  const pngEntry = `attachments/${sha256(png)}-screen_shot.png`
  const pdfEntry = [...entries.keys()].find((n) => n.endsWith('report.pdf'))!
  const damaged = Buffer.from(entries.get(pngEntry)!)
  damaged[damaged.length - 1]! ^= 0xff
  const rebuilt = await zipBuffer(
    [...entries]
      .filter(([name]) => name !== pdfEntry)
      .map(([name, content]) => ({ name, content: name === pngEntry ? damaged : content })),
  )
  const broken = out('broken.zip')
  fs.writeFileSync(broken, rebuilt)
  const report = await b.mirror.transfer.importPaths([broken])
  expect(report.imported).toHaveLength(1)
  expect(report.failed.map((f) => [f.file, f.code])).toEqual([
    [`${broken}/${pngEntry}`, 'IMPORT_INVALID'],
    [`${broken}/${pdfEntry}`, 'IMPORT_INVALID'],
  ])
  expect(report.failed[0]!.reason).toContain('damaged')
  expect(report.failed[1]!.reason).toContain('missing from the zip')
  const imported = await userMessageOf(b, session.id)
  expect(imported.content).toBe('Look at these')
  expect(imported.attachments!.map((r) => r.name)).toEqual(['notes [draft].md'])
  expect(await b.mirror.attachments.read(imported.attachments![0]!.id)).toEqual(notes)
})

it('a Markdown zip links the files: images inline, others as links', async () => {
  const file = out('export-md.zip')
  await a.mirror.transfer.writeSessionZip(session.id, 'markdown', file)
  const entries = await readZip(file)
  const md = entries.get('With files.md')!.toString('utf8')
  expect(md).toContain(`- ![screen shot.png](attachments/${sha256(png)}-screen_shot.png)`)
  expect(md).toContain(`- 📎 [report.pdf](attachments/${sha256(pdf)}-report.pdf)`)
  expect(md).toContain(`- 📎 [notes \\[draft\\].md](attachments/${sha256(notes)}-notes_draft_.md)`)
  for (const link of md.matchAll(/\]\((attachments\/[^)]+)\)/g)) {
    expect(entries.has(link[1]!)).toBe(true)
  }
  // The plain Markdown export names the files; the JSON one keeps the references.
  const plain = await a.mirror.transfer.exportSession(session.id, 'markdown')
  expect(plain.content).toContain('- 📎 screen shot.png (')
  const json = await a.mirror.transfer.exportSession(session.id, 'json')
  expect(json.content).toContain(`"id": "${sha256(png)}"`)
  expect(json.content).not.toContain('"file"')
})

it('plain JSON keeps the references where the bytes are stored and reports the others', async () => {
  const json = await a.mirror.transfer.exportSession(session.id, 'json')
  // The other data dir holds the screenshot already (sent there too), not the other two files.
  const there = await b.mirror.sessions.create({ title: 'Elsewhere' })
  const sent = await b.mirror.chat.send({
    sessionId: there.id,
    text: 'same screenshot',
    pattern: 'analytical',
    uncertainty: 'none',
    attachments: [stage(b.mirror, 'again.png', png)],
  })
  await sent.completion
  const other = await b.mirror.transfer.importFiles([{ name: 'x.json', content: json.content }])
  expect(other.imported).toHaveLength(1)
  expect(other.failed.map((f) => [f.file, f.reason])).toEqual([
    ['x.json', expect.stringContaining('report.pdf of message')],
    ['x.json', expect.stringContaining('not in this export (export as a zip')],
  ])
  const refs = (await userMessageOf(b, session.id)).attachments!
  expect(refs.map((r) => r.name)).toEqual(['screen shot.png'])
  expect(await b.mirror.attachments.read(refs[0]!.id)).toEqual(png)
})

it('a sensitive message’s files follow its text: left out by default, sealed again on import', async () => {
  await a.mirror.vault.init(PASSWORD)
  const secret = pngBytes(99)
  const sent = await a.mirror.chat.send({
    sessionId: session.id,
    text: 'private one',
    pattern: 'analytical',
    uncertainty: 'none',
    sensitive: true,
    attachments: [stage(a.mirror, 'private.png', secret)],
  })
  await sent.completion
  const sealedId = sent.userMessage.attachments![0]!.id
  expect(sealedId.startsWith('sealed-')).toBe(true)

  const closed = out('closed.zip')
  await a.mirror.transfer.writeSessionZip(session.id, 'json', closed)
  const closedEntries = await readZip(closed)
  expect([...closedEntries.keys()].some((n) => n.includes('private'))).toBe(false)
  expect([...closedEntries.values()].some((v) => v.includes(secret.subarray(8)))).toBe(false)
  const json = JSON.parse(closedEntries.get('With files.json')!.toString('utf8')) as {
    messages: Array<{ id: string; content: string; attachments?: unknown }>
  }
  const placeholder = json.messages.find((m) => m.id === sent.userMessage.id)!
  expect(placeholder.content).toBe(SENSITIVE_PLACEHOLDER)
  expect(placeholder.attachments).toBeUndefined()

  const open = out('open.zip')
  await a.mirror.transfer.writeSessionZip(session.id, 'json', open, { includeSensitive: true })
  expect([...(await readZip(open)).values()].some((v) => v.equals(secret))).toBe(true)
  await b.mirror.vault.init(PASSWORD)
  const report = await b.mirror.transfer.importPaths([open])
  expect(report.failed).toEqual([])
  const imported = await b.mirror.storage.getMessage(sent.userMessage.id)
  const ref = imported.attachments![0]!
  expect(ref.id.startsWith('sealed-')).toBe(true)
  expect(ref.name).toBe('private.png')
  expect(await b.mirror.attachments.read(ref.id)).toEqual(secret)
})

it('the zip of every session carries the files once, and imports back with them', async () => {
  const file = out('all.zip')
  await a.mirror.transfer.writeAllZip(file)
  const entries = await readZip(file)
  expect([...entries.keys()].filter((n) => n.startsWith('attachments/'))).toHaveLength(3)
  const report = await b.mirror.transfer.importPaths([file])
  expect(report.failed).toEqual([])
  const imported = await userMessageOf(b, session.id)
  expect(await b.mirror.attachments.read(imported.attachments![1]!.id)).toEqual(pdf)
})

it('a session the store refuses leaves none of its imported files behind', async () => {
  await a.mirror.vault.init(PASSWORD)
  const sent = await a.mirror.chat.send({
    sessionId: session.id,
    text: 'private one',
    pattern: 'analytical',
    uncertainty: 'none',
    sensitive: true,
  })
  await sent.completion
  const file = out('with-sensitive.zip')
  await a.mirror.transfer.writeSessionZip(session.id, 'json', file, { includeSensitive: true })
  // The vault here is locked: the sensitive message cannot be sealed, so the session fails…
  await b.mirror.vault.init(PASSWORD)
  b.mirror.vault.lock()
  const report = await b.mirror.transfer.importPaths([file])
  expect(report.imported).toEqual([])
  expect(report.failed.map((f) => f.code)).toEqual(['VAULT_LOCKED'])
  // …and the plain files read for it before are removed again.
  expect(blobFiles(b.dir)).toEqual([])
})

it('a Markdown zip imports back with its files; plain Markdown with attachments still imports', async () => {
  const plain = await a.mirror.transfer.exportSession(session.id, 'markdown')
  const fromText = await b.mirror.transfer.importFiles([{ name: 'x.md', content: plain.content }])
  expect(fromText.imported).toHaveLength(1)
  // No bytes in a text file: each reference is reported, the messages import.
  expect(fromText.failed.map((f) => f.reason)).toEqual([
    expect.stringContaining('not in this export'),
    expect.stringContaining('not in this export'),
    expect.stringContaining('not in this export'),
  ])
  expect((await userMessageOf(b, session.id)).content).toBe('Look at these')

  const c = await attachmentMirror()
  try {
    const file = out('export-md.zip')
    await a.mirror.transfer.writeSessionZip(session.id, 'markdown', file)
    const report = await c.mirror.transfer.importPaths([file])
    expect(report.failed).toEqual([])
    const imported = await userMessageOf(c, session.id)
    expect(imported.attachments).toEqual((await userMessageOf(a, session.id)).attachments)
    expect(await c.mirror.attachments.read(imported.attachments![2]!.id)).toEqual(notes)
  } finally {
    await c.cleanup()
  }
})
