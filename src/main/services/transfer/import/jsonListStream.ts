import type { Readable } from 'node:stream'
import { JsonListSplitter } from './jsonListSplitter'

/**
 * The items of a top-level JSON list, one at a time, reading `input` as a stream: memory holds
 * one chunk and one item (one ChatGPT conversation), never the file. Each item is parsed with
 * `JSON.parse` (see JsonListSplitter). `onBytes` counts raw bytes read. Stopping early
 * (break/return) closes the file.
 */
export async function* streamJsonList(
  input: Readable,
  onBytes: (bytes: number) => void,
): AsyncGenerator<unknown> {
  const splitter = new JsonListSplitter()
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
      onBytes(bytes.length)
      for (const text of splitter.push(bytes)) yield JSON.parse(text) as unknown
    }
    splitter.end()
  } finally {
    input.destroy()
  }
}
