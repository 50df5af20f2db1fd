import { afterEach, describe, expect, it } from 'vitest'
import type { ProviderFile, ProviderRequest } from '../../../src/main/llm/provider'
import { pdfBytes, pngBytes } from '../attachments/fixtures'
import { KINDS, collect, makeProvider } from './harness'
import type { KindCase } from './harness'
import { startLoopback } from './servers/loopback'
import type { LoopbackServer } from './servers/loopback'

const servers: LoopbackServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const PNG = pngBytes(7)
const PDF = pdfBytes('Quarterly figures')
const png64 = PNG.toString('base64')
const pdf64 = PDF.toString('base64')
const image: ProviderFile = { name: 'screen.png', mimeType: 'image/png', data: PNG }
const pdf: ProviderFile = { name: 'report.pdf', mimeType: 'application/pdf', data: PDF }

const kind = (type: KindCase['type']): KindCase => KINDS.find((k) => k.type === type)!

function request(files: ProviderFile[], content = 'What is in these?'): ProviderRequest {
  return {
    model: '',
    system: 'sys',
    pattern: 'analytical',
    uncertainty: 'none',
    messages: [
      { role: 'user', content: 'Earlier question' },
      { role: 'assistant', content: 'Earlier answer' },
      { role: 'user', content, files },
    ],
  }
}

/** The body the provider's server received for `req`. */
async function sent(k: KindCase, req: ProviderRequest): Promise<Record<string, unknown>> {
  const server = await startLoopback(k.wire, [{ type: 'stream', texts: ['ok'] }])
  servers.push(server)
  const result = await collect({
    stream: (_r, signal) => makeProvider(k, k.baseUrl(server.url)).stream(req, signal),
  })
  expect(result.error).toBeNull()
  expect(server.requests).toHaveLength(1)
  expect(server.requests[0]!.path).toBe(k.chatPath)
  return server.requests[0]!.body as Record<string, unknown>
}

describe('attachments in each provider wire format', () => {
  it('OpenAI: image_url data URL and a file part with the PDF', async () => {
    const body = await sent(kind('openai'), request([image, pdf]))
    expect(body.messages).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'Earlier question' },
      { role: 'assistant', content: 'Earlier answer' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${png64}` } },
          {
            type: 'file',
            file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${pdf64}` },
          },
        ],
      },
    ])
  })

  it('OpenAI-compatible: image_url data URL', async () => {
    const body = await sent(kind('openai-compatible'), request([image]))
    expect((body.messages as unknown[]).at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is in these?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${png64}` } },
      ],
    })
  })

  it('Anthropic: image and document blocks with base64 sources', async () => {
    const body = await sent(kind('anthropic'), request([image, pdf]))
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Earlier question' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Earlier answer' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png64 } },
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: pdf64 },
            title: 'report.pdf',
          },
        ],
      },
    ])
  })

  it('Anthropic: a message of files alone sends no empty text block', async () => {
    const body = await sent(kind('anthropic'), request([image], ''))
    expect((body.messages as unknown[]).at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png64 } },
      ],
    })
  })

  it('Ollama: images as base64 strings beside the text', async () => {
    const body = await sent(kind('ollama'), request([image, { ...image, data: pngBytes(8) }]))
    expect((body.messages as unknown[]).at(-1)).toEqual({
      role: 'user',
      content: 'What is in these?',
      images: [png64, pngBytes(8).toString('base64')],
    })
  })
})
