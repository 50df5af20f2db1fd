import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { pngBytes } from '../../attachments/fixtures'
import { attachmentMirror, blobFiles, sha256 } from '../../attachments/helpers'
import type { TempMirror } from '../../helpers/tempMirror'
import { zipBuffer } from './zipHelpers'

vi.setConfig({ testTimeout: 60_000 })

let fx: TempMirror
beforeEach(async () => {
  fx = await attachmentMirror()
})
afterEach(async () => {
  await fx.cleanup()
})

const imagePart = (pointer: string) => ({
  content_type: 'image_asset_pointer',
  asset_pointer: pointer,
  size_bytes: 120,
  width: 2,
  height: 1,
  metadata: { dalle: null },
})

function userNode(id: string, parent: string, child: string | null, parts: unknown[], at: number) {
  return {
    id,
    parent,
    children: child ? [child] : [],
    message: {
      id,
      author: { role: 'user', metadata: {} },
      create_time: at,
      content: { content_type: 'multimodal_text', parts },
      recipient: 'all',
      metadata: {},
    },
  }
}

/** A conversations.json as ChatGPT writes it: a mapping, image parts pointing at file ids. */
function conversations() {
  return [
    {
      title: 'Birds and receipts',
      create_time: 1700100000,
      update_time: 1700100100,
      conversation_id: 'conv-images-1',
      current_node: 'm-a',
      mapping: {
        root: { id: 'root', parent: null, children: ['m-u1'], message: null },
        'm-u1': userNode(
          'm-u1',
          'root',
          'm-u2',
          [
            imagePart('file-service://file-AbC123'),
            'What bird is this?',
            imagePart('sediment://file_00000000f00dcafe'),
          ],
          1700100001,
        ),
        'm-u2': userNode(
          'm-u2',
          'm-u1',
          'm-a',
          [imagePart('file-service://file-NotAnImage'), imagePart('file-service://file-Gone999')],
          1700100002,
        ),
        'm-a': {
          id: 'm-a',
          parent: 'm-u2',
          children: [],
          message: {
            id: 'm-a',
            author: { role: 'assistant', metadata: {} },
            create_time: 1700100003,
            content: { content_type: 'text', parts: ['A robin, and a PDF I cannot see.'] },
            recipient: 'all',
            metadata: { model_slug: 'gpt-4o' },
          },
        },
      },
    },
  ]
}

it('a ChatGPT zip’s images become attachments; other file- entries are skipped with a note', async () => {
  const robin = pngBytes(1)
  const fence = pngBytes(2)
  const zip = await zipBuffer([
    { name: 'conversations.json', content: JSON.stringify(conversations()) },
    { name: 'file-AbC123-robin.png', content: robin },
    { name: 'user-xyz/file_00000000f00dcafe-7d1c2e.png', content: fence },
    { name: 'file-NotAnImage-receipt.docx', content: Buffer.from('PK\u0003\u0004 not an image') },
    { name: 'chat.html', content: '<html></html>' },
  ])
  const file = path.join(fx.dir, 'chatgpt-export.zip')
  fs.writeFileSync(file, zip)
  const report = await fx.mirror.transfer.importPaths([file])
  expect(report.failed).toEqual([])
  expect(report.imported.map((i) => i.title)).toEqual(['Birds and receipts'])
  expect(report.skipped).toEqual([
    {
      file: `${file}/file-NotAnImage-receipt.docx`,
      sessionId: 'chatgpt-conv-images-1',
      reason: expect.stringContaining('keeps "[image]" instead'),
    },
  ])
  const [first, second] = (await fx.mirror.storage.listMessages('chatgpt-conv-images-1')).items
  // Found images leave the text; the ones not found (wrong kind, not in the zip) stay "[image]".
  expect(first!.content).toBe('What bird is this?')
  expect(first!.attachments).toEqual([
    { id: sha256(robin), name: 'robin.png', mimeType: 'image/png', size: robin.length },
    { id: sha256(fence), name: '7d1c2e.png', mimeType: 'image/png', size: fence.length },
  ])
  expect(await fx.mirror.attachments.read(sha256(robin))).toEqual(robin)
  expect(await fx.mirror.attachments.read(sha256(fence))).toEqual(fence)
  expect(second!.content).toBe('[image]\n\n[image]')
  expect(second!.attachments).toBeUndefined()
  expect(blobFiles(fx.dir)).toHaveLength(2)
})

it('conversations.json on its own keeps "[image]" and stores no file', async () => {
  const report = await fx.mirror.transfer.importFiles([
    { name: 'conversations.json', content: JSON.stringify(conversations()) },
  ])
  expect(report.imported).toHaveLength(1)
  const [first] = (await fx.mirror.storage.listMessages('chatgpt-conv-images-1')).items
  expect(first!.content).toBe('[image]\n\nWhat bird is this?\n\n[image]')
  expect(first!.attachments).toBeUndefined()
  expect(blobFiles(fx.dir)).toEqual([])
})

it('the files count against the zip’s unpacked-size limit: over it, an image is reported', async () => {
  const robin = pngBytes(1)
  const fence = pngBytes(2)
  const json = JSON.stringify(conversations())
  const file = path.join(fx.dir, 'chatgpt-export.zip')
  fs.writeFileSync(
    file,
    await zipBuffer([
      { name: 'conversations.json', content: json },
      { name: 'file-AbC123-robin.png', content: robin },
      { name: 'file_00000000f00dcafe-7d1c2e.png', content: fence },
    ]),
  )
  const limit = Buffer.byteLength(json) + robin.length + fence.length - 1
  const report = await fx.mirror.transfer.importPaths([file], {
    limits: { maxZipUncompressedBytes: limit },
  })
  expect(report.imported).toHaveLength(1)
  expect(report.failed).toEqual([
    {
      file: `${file}/file_00000000f00dcafe-7d1c2e.png`,
      code: 'IMPORT_INVALID',
      reason: expect.stringContaining('would unpack to more than'),
    },
  ])
  const [first] = (await fx.mirror.storage.listMessages('chatgpt-conv-images-1')).items
  expect(first!.attachments!.map((a) => a.name)).toEqual(['robin.png'])
  expect(first!.content).toBe('What bird is this?\n\n[image]')
})
