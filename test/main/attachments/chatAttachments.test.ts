import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { ChatOutcome } from '../../../src/main/services/contracts'
import type { Session } from '../../../src/shared/domain'
import { MirrorError } from '../../../src/shared/errors'
import type { TempMirror } from '../helpers/tempMirror'
import { startLoopback } from '../llm/servers/loopback'
import type { LoopbackServer } from '../llm/servers/loopback'
import { ollamaWire } from '../llm/servers/wires'
import { pdfBytes, pngBytes } from './fixtures'
import { attachmentMirror, blobFiles, sha256, stage } from './helpers'

let fx: TempMirror
let mirror: Mirror
let server: LoopbackServer
let session: Session

beforeEach(async () => {
  fx = await attachmentMirror()
  mirror = fx.mirror
  server = await startLoopback(ollamaWire, [{ type: 'stream', texts: ['Seen.'] }])
  for (const [id, model] of [
    ['vision', 'llava:7b'],
    ['textonly', 'llama3.1:8b'],
  ] as const) {
    await mirror.providerSettings.add({
      id,
      type: 'ollama',
      label: `Ollama ${id}`,
      baseUrl: server.url,
      model,
    })
  }
  session = await mirror.sessions.create({ title: 'Files' })
})

afterEach(async () => {
  await server.close()
  await fx.cleanup()
})

const send = (input: {
  text: string
  attachments: string[]
  providerId?: string
  withoutImages?: boolean
}) =>
  mirror.chat.send({
    sessionId: session.id,
    pattern: 'analytical',
    uncertainty: 'none',
    providerId: 'vision',
    ...input,
  })

async function done(completion: Promise<ChatOutcome>): Promise<ChatOutcome> {
  const outcome = await completion
  expect(outcome.error).toBeNull()
  return outcome
}

const lastMessage = (i = -1): Record<string, unknown> =>
  (server.requests.at(i)!.body as { messages: Record<string, unknown>[] }).messages.at(-1)!

const PNG = pngBytes(1)
const PDF = pdfBytes('Quarterly figures rose')
const NOTES = Buffer.from('# Notes\nship on Friday\n')

describe('sending attachments', () => {
  it('stores each file once by content and gives the model images, inlined text and PDF text', async () => {
    const ids = [
      stage(mirror, 'screen.png', PNG),
      stage(mirror, 'notes.md', NOTES),
      stage(mirror, 'report.pdf', PDF),
    ]
    const { userMessage, completion } = await send({ text: 'Look at these', attachments: ids })
    const outcome = await done(completion)

    expect(userMessage.attachments).toEqual([
      { id: sha256(PNG), name: 'screen.png', mimeType: 'image/png', size: PNG.length },
      { id: sha256(NOTES), name: 'notes.md', mimeType: 'text/markdown', size: NOTES.length },
      { id: sha256(PDF), name: 'report.pdf', mimeType: 'application/pdf', size: PDF.length },
    ])
    expect(lastMessage()).toEqual({
      role: 'user',
      content:
        'Look at these\n\n[Attached file: notes.md]\n# Notes\nship on Friday\n\n[End of notes.md]' +
        '\n\n[Attached file: report.pdf, text extracted from the PDF]\nQuarterly figures rose\n[End of report.pdf]',
      images: [PNG.toString('base64')],
    })
    // Bytes beside the database, named by their hash, not inside it.
    expect(blobFiles(fx.dir)).toEqual(
      [PNG, NOTES, PDF].map((b) => path.join(sha256(b).slice(0, 2), sha256(b))).sort(),
    )
    expect(await mirror.attachments.read(sha256(PDF))).toEqual(PDF)
    expect((await mirror.storage.getMessage(userMessage.id)).attachments).toEqual(
      userMessage.attachments,
    )
    // The stored record holds ids only; names come from the message when shown.
    expect(outcome.message!.metadata.context!.attachments).toEqual(
      [PNG, NOTES, PDF].map((b, i) => ({
        messageId: userMessage.id,
        id: sha256(b),
        as: i === 0 ? 'native' : 'text',
      })),
    )
    // Sending the same image again stores nothing new.
    const again = await send({ text: 'Again', attachments: [stage(mirror, 'copy.png', PNG)] })
    await done(again.completion)
    expect(blobFiles(fx.dir)).toHaveLength(3)
  })

  it('refuses images for a model known not to read them, storing nothing, until sent without them', async () => {
    const ids = [stage(mirror, 'screen.png', PNG)]
    const error = await send({ text: 'See?', attachments: ids, providerId: 'textonly' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(MirrorError)
    expect((error as MirrorError).code).toBe('MODEL_NO_VISION')
    expect((error as MirrorError).data).toMatchObject({
      provider: 'textonly',
      model: 'llama3.1:8b',
      images: ['screen.png'],
      options: ['withoutImages', 'pickModel'],
      visionProviders: [{ id: 'vision', model: 'llava:7b' }],
    })
    expect((await mirror.storage.getSession(session.id)).messageCount).toBe(0)
    expect(blobFiles(fx.dir)).toEqual([])
    expect(server.requests).toHaveLength(0)

    // The same staged file, sent without images: kept on the message, left out of the request.
    const { userMessage, completion } = await send({
      text: 'See?',
      attachments: ids,
      providerId: 'textonly',
      withoutImages: true,
    })
    const outcome = await done(completion)
    expect(userMessage.attachments).toHaveLength(1)
    expect(lastMessage()).toEqual({ role: 'user', content: 'See?' })
    expect(outcome.message!.metadata.context!.attachments).toEqual([
      { messageId: userMessage.id, id: sha256(PNG), as: 'omitted', reason: 'withoutImages' },
    ])
  })

  it('a regenerated reply and an edited message still carry the files', async () => {
    const { userMessage, completion } = await send({
      text: 'Describe',
      attachments: [stage(mirror, 'screen.png', PNG)],
    })
    const first = await done(completion)
    const regen = await mirror.messages.regenerate({ messageId: first.message!.id }, {})
    await done(regen.completion)
    expect(lastMessage()).toEqual({
      role: 'user',
      content: 'Describe',
      images: [PNG.toString('base64')],
    })
    const edit = await mirror.messages.edit(
      { messageId: userMessage.id, text: 'Describe it', providerId: 'vision' },
      {},
    )
    await done(edit.completion)
    expect(edit.userMessage.attachments).toEqual(userMessage.attachments)
    expect(lastMessage()).toEqual({
      role: 'user',
      content: 'Describe it',
      images: [PNG.toString('base64')],
    })
  })

  it('the context meter counts staged and sent files; What the model saw lists them', async () => {
    const base = {
      sessionId: session.id,
      text: 'Hi',
      pattern: 'analytical',
      uncertainty: 'none',
      providerId: 'vision',
    } as const
    const empty = await mirror.chatContext.estimate(base)
    const drafted = await mirror.chatContext.estimate({
      ...base,
      attachments: [{ mimeType: 'image/png', size: PNG.length }],
    })
    expect(empty.attachments).toBe(0)
    expect(drafted.attachments).toBe(1)
    expect(drafted.used - empty.used).toBe(1_600)

    const { userMessage, completion } = await send({
      text: 'Look',
      attachments: [stage(mirror, 'screen.png', PNG), stage(mirror, 'notes.md', NOTES)],
    })
    const reply = (await done(completion)).message!
    const seen = await mirror.chatContext.seen(session.id, reply.id)
    expect(seen.attachments).toEqual([
      { messageId: userMessage.id, ...userMessage.attachments![0]!, as: 'native' },
      { messageId: userMessage.id, ...userMessage.attachments![1]!, as: 'text' },
    ])
    expect((await mirror.chatContext.estimate(base)).attachments).toBe(2)
  })

  it('the offline engine acknowledges files by name and size', async () => {
    const { completion } = await mirror.chat.send({
      sessionId: session.id,
      text: 'What do you make of this?',
      pattern: 'exploratory',
      uncertainty: 'none',
      attachments: [stage(mirror, 'screen.png', PNG), stage(mirror, 'notes.md', NOTES)],
    })
    const outcome = await done(completion)
    expect(outcome.message!.content).toMatch(
      new RegExp(
        `^You attached screen\\.png \\(${PNG.length} bytes\\) and notes\\.md \\(${NOTES.length} bytes\\)\\. I cannot open files`,
      ),
    )
    expect(outcome.message!.metadata.context!.attachments!.map((u) => u.as)).toEqual([
      'named',
      'named',
    ])
  })
})

describe('limits and wrong types', () => {
  const expectCode = (fn: () => unknown, code: string): MirrorError => {
    try {
      fn()
    } catch (error) {
      expect(error).toBeInstanceOf(MirrorError)
      expect((error as MirrorError).code).toBe(code)
      return error as MirrorError
    }
    throw new Error(`expected ${code}`)
  }

  it('are typed errors before anything is stored or sent', async () => {
    const bigText = Buffer.alloc(2 * 1024 * 1024 + 1, 'a')
    expect(
      expectCode(() => stage(mirror, 'big.txt', bigText), 'ATTACHMENT_TOO_LARGE').data,
    ).toEqual({ name: 'big.txt', size: bigText.length, limit: 2 * 1024 * 1024, kind: 'text' })
    expectCode(
      () => mirror.attachments.begin('huge.pdf', 50 * 1024 * 1024 + 1),
      'ATTACHMENT_TOO_LARGE',
    )
    // By content, not by name: a zip named .png is refused; a text file named .png is text.
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0x00])
    expectCode(() => stage(mirror, 'photo.png', zip), 'ATTACHMENT_TYPE_UNSUPPORTED')
    expect(mirror.attachments.stage('photo.png', Buffer.from('just text')).mimeType).toBe(
      'text/plain',
    )
    const eleven = Array.from({ length: 11 }, (_, i) => stage(mirror, `s${i}.png`, pngBytes(i)))
    const error = await send({ text: 'many', attachments: eleven }).catch((e: unknown) => e)
    expect((error as MirrorError).code).toBe('TOO_MANY_ATTACHMENTS')
    expect((error as MirrorError).data).toEqual({ count: 11, limit: 10 })

    expect((await mirror.storage.getSession(session.id)).messageCount).toBe(0)
    expect(blobFiles(fx.dir)).toEqual([])
    expect(server.requests).toHaveLength(0)
  })
})

describe('clean-up', () => {
  it('removes bytes once no message refers to them: sessions at once, messages after Undo', async () => {
    const other = await mirror.sessions.create({ title: 'Other' })
    const a = await send({ text: 'one', attachments: [stage(mirror, 'a.png', PNG)] })
    await done(a.completion)
    const b = await mirror.chat.send({
      sessionId: other.id,
      text: 'two',
      pattern: 'analytical',
      uncertainty: 'none',
      providerId: 'vision',
      attachments: [stage(mirror, 'b.png', PNG), stage(mirror, 'notes.md', NOTES)],
    })
    await done(b.completion)
    const png = path.join(sha256(PNG).slice(0, 2), sha256(PNG))
    const notes = path.join(sha256(NOTES).slice(0, 2), sha256(NOTES))
    expect(blobFiles(fx.dir)).toEqual([png, notes].sort())

    await mirror.sessions.delete(session.id)
    // The other session still shows the image.
    expect(blobFiles(fx.dir)).toEqual([png, notes].sort())

    // A deleted message keeps its bytes while Undo is possible…
    const deleted = await mirror.messages.delete(b.userMessage.id)
    expect(blobFiles(fx.dir)).toEqual([png, notes].sort())
    await mirror.messages.undoDelete(deleted.undoToken)
    expect(await mirror.attachments.read(sha256(NOTES))).toEqual(NOTES)
    await mirror.messages.delete(b.userMessage.id)
    // …and Undo ends with the core.
    mirror = await fx.reopen()
    expect(blobFiles(fx.dir)).toEqual([])
    expect(fs.existsSync(path.join(fx.dir, 'activemirror.db'))).toBe(true)
  })
})
