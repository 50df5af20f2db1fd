import fs from 'node:fs'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { isMirrorError } from '../../src/sdk'
import { pdfBytes, pngBytes } from '../main/attachments/fixtures'
import { readZip } from '../main/services/transfer/zipRead'
import { sdkMirrors } from './helpers/sdkTemp'

const mirrors = sdkMirrors()
afterEach(() => mirrors.cleanup())

it('send takes files by path or bytes; messages list them and attachments.read gives the bytes', async () => {
  const mirror = await mirrors.open()
  const folder = mirrors.dir()
  const png = pngBytes(4)
  const file = path.join(folder, 'photo.png')
  fs.writeFileSync(file, png)
  const pdf = pdfBytes('Invoice 42')
  const session = await mirror.sessions.create({ title: 'SDK files' })

  const reply = await mirror.send({
    sessionId: session.id,
    text: 'What is in these?',
    attachments: [{ path: file }, { name: 'invoice.pdf', data: pdf }],
  })
  const { error } = await reply.completion
  expect(error).toBeNull()
  expect(reply.userMessage.attachments!.map((a) => [a.name, a.mimeType, a.size])).toEqual([
    ['photo.png', 'image/png', png.length],
    ['invoice.pdf', 'application/pdf', pdf.length],
  ])
  const [stored] = (await mirror.sessions.messages(session.id)).items
  expect(stored!.attachments).toEqual(reply.userMessage.attachments)
  expect(await mirror.attachments.read(stored!.attachments![0]!.id)).toEqual(png)
  expect(await mirror.attachments.pdfText(stored!.attachments![1]!.id)).toContain('Invoice 42')

  const zip = path.join(folder, 'session.zip')
  const written = await mirror.transfer.writeSessionZip(session.id, 'json', zip)
  expect(written.attachments).toBe(2)
  expect([...(await readZip(zip)).values()].some((v) => v.equals(pdf))).toBe(true)
})

it('a refused file stores nothing: wrong type, missing path, bad input', async () => {
  const mirror = await mirrors.open()
  const session = await mirror.sessions.create({ title: 'Refused' })
  const codeOf = (attachments: unknown) =>
    mirror.send({ sessionId: session.id, text: 'x', attachments: attachments as never }).then(
      () => 'sent',
      (e: unknown) => (isMirrorError(e) ? e.code : String(e)),
    )
  expect(
    await codeOf([
      { name: 'ok.png', data: pngBytes(1) },
      { name: 'a.bin', data: new Uint8Array([0, 1, 0]) },
    ]),
  ).toBe('ATTACHMENT_TYPE_UNSUPPORTED')
  expect(await codeOf([{ path: path.join(mirrors.dir(), 'nope.png') }])).toBe('NOT_FOUND')
  expect(await codeOf([{ name: 'x.png' }])).toBe('VALIDATION_FAILED')
  expect((await mirror.sessions.messages(session.id)).items).toEqual([])
})
