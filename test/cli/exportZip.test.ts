import fs from 'node:fs'
import path from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import type { AttachmentRef } from '../../src/shared/attachments'
import type { Message, Session } from '../../src/shared/domain'
import { pngBytes } from '../main/attachments/fixtures'
import { readZip } from '../main/services/transfer/zipRead'
import { amos, amosJson, errorLine, removeDir, tempDir } from './helpers/runCli'

vi.setConfig({ testTimeout: 120_000 })

const dirs: string[] = []
const fresh = (prefix?: string) => {
  const d = tempDir(prefix)
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach(removeDir))

type Shown = Session & { messages: Array<Message & { attachments: AttachmentRef[] }> }

it('amos export ID --format zip carries the files; amos import brings them back', async () => {
  const from = fresh()
  const to = fresh()
  const files = fresh('amos-cli-files-')
  const png = pngBytes(5)
  fs.writeFileSync(path.join(files, 'screen.png'), png)
  const session = await amosJson<Session>(['--data-dir', from, 'sessions', 'create', 'Zip me'])
  const sent = await amos([
    '--data-dir',
    from,
    'send',
    session.id,
    'see',
    '--attach',
    path.join(files, 'screen.png'),
  ])
  expect(sent.code, sent.stderr).toBe(0)

  const missingOut = await amos(['--data-dir', from, 'export', session.id, '--format', 'zip'])
  expect(missingOut.code).toBe(2)
  expect(errorLine(missingOut)).toMatch(/^USAGE: Missing --out FILE.zip/)

  const out = path.join(files, 'one.zip')
  const result = await amosJson<{ format: string; attachments: number }>([
    '--data-dir',
    from,
    'export',
    session.id,
    '--format',
    'zip',
    '--out',
    out,
  ])
  expect(result).toMatchObject({ format: 'zip', attachments: 1 })
  const entries = await readZip(out)
  expect([...entries.values()].some((v) => v.equals(png))).toBe(true)

  const md = path.join(files, 'one-md.zip')
  const mdResult = await amos([
    '--data-dir',
    from,
    'export',
    session.id,
    '--format',
    'markdown-zip',
    '--out',
    md,
  ])
  expect(mdResult.code, mdResult.stderr).toBe(0)
  expect((await readZip(md)).get('Zip me.md')!.toString('utf8')).toMatch(
    /!\[screen\.png\]\(attachments\//,
  )

  const imported = await amos(['--data-dir', to, 'import', out])
  expect(imported.code, imported.stderr).toBe(0)
  const shown = await amosJson<Shown>(['--data-dir', to, 'sessions', 'show', session.id])
  const ref = shown.messages.find((m) => m.role === 'user')!.attachments[0]!
  const back = path.join(files, 'back.png')
  const got = await amos(['--data-dir', to, 'attachments', 'get', ref.id, '--out', back])
  expect(got.code, got.stderr).toBe(0)
  expect(fs.readFileSync(back)).toEqual(png)
})
