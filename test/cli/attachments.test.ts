import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AttachmentRef } from '../../src/shared/attachments'
import type { Message, Session } from '../../src/shared/domain'
import { pngBytes } from '../main/attachments/fixtures'
import { amos, amosJson, errorLine, removeDir, tempDir } from './helpers/runCli'

vi.setConfig({ testTimeout: 90_000 })

type SessionWithMessages = Session & { messages: (Message & { attachments: AttachmentRef[] })[] }

let dir: string
let files: string
let session: Session

beforeAll(async () => {
  dir = tempDir()
  files = tempDir('amos-cli-files-')
  fs.writeFileSync(path.join(files, 'screen.png'), pngBytes(3))
  fs.writeFileSync(path.join(files, 'notes.md'), '# Plan\nship it\n')
  fs.writeFileSync(path.join(files, 'blob.bin'), Buffer.from([0, 1, 2, 3, 255, 0]))
  session = await amosJson<Session>(['--data-dir', dir, 'sessions', 'create', 'Files'])
})
afterAll(() => {
  removeDir(dir)
  removeDir(files)
})

const shown = (): Promise<SessionWithMessages> =>
  amosJson<SessionWithMessages>(['--data-dir', dir, 'sessions', 'show', session.id])

describe('amos send --attach and amos attachments get', () => {
  it('attaches files, lists them in --json, and writes one back byte for byte', async () => {
    const reply = await amosJson<Message & { attachments: AttachmentRef[] }>([
      '--data-dir',
      dir,
      'send',
      session.id,
      'What do you see?',
      '--attach',
      path.join(files, 'screen.png'),
      '--attach',
      path.join(files, 'notes.md'),
    ])
    expect(reply.role).toBe('assistant')
    expect(reply.attachments).toEqual([])
    expect(reply.content).toMatch(/^You attached screen\.png \(.+\) and notes\.md \(.+\)\./)

    const listed = await shown()
    const user = listed.messages.find((m) => m.role === 'user')!
    expect(user.attachments.map(({ name, mimeType, size }) => ({ name, mimeType, size }))).toEqual([
      { name: 'screen.png', mimeType: 'image/png', size: pngBytes(3).length },
      { name: 'notes.md', mimeType: 'text/markdown', size: 15 },
    ])
    expect(Object.keys(user.attachments[0]!).sort()).toEqual(['id', 'mimeType', 'name', 'size'])

    const out = path.join(files, 'copy.png')
    const got = await amos([
      '--data-dir',
      dir,
      'attachments',
      'get',
      user.attachments[0]!.id,
      '--out',
      out,
    ])
    expect(got.code, got.stderr).toBe(0)
    expect(fs.readFileSync(out)).toEqual(pngBytes(3))
  })

  it('refuses a file that is not an image, PDF or text, with its code, and stores nothing', async () => {
    const r = await amos([
      '--data-dir',
      dir,
      'send',
      session.id,
      'and this?',
      '--attach',
      path.join(files, 'blob.bin'),
    ])
    expect(r.code).toBe(1)
    expect(errorLine(r)).toMatch(/^ATTACHMENT_TYPE_UNSUPPORTED/)
    const listed = await shown()
    expect(listed.messages).toHaveLength(2)
  })

  it('an unknown attachment id is NOT_FOUND; a missing --out is a usage error', async () => {
    const missing = await amos([
      '--data-dir',
      dir,
      'attachments',
      'get',
      'a'.repeat(64),
      '--out',
      path.join(files, 'x'),
    ])
    expect(missing.code).toBe(1)
    expect(errorLine(missing)).toMatch(/^NOT_FOUND/)
    const usage = await amos(['--data-dir', dir, 'attachments', 'get', 'a'.repeat(64)])
    expect(usage.code).toBe(2)
  })
})
