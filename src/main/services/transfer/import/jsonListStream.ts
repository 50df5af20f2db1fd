import type { Readable } from 'node:stream'
import { pipeline, Transform } from 'node:stream'
import Parser from 'stream-json/Parser.js'
import StreamArray from 'stream-json/streamers/StreamArray.js'

/**
 * The items of a top-level JSON list, one at a time, reading `input` as a stream: memory holds
 * one item (one ChatGPT conversation), never the file. `onBytes` counts raw bytes read.
 * Stopping early (break/return) destroys the whole pipeline and closes the file.
 */
export async function* streamJsonList(
  input: Readable,
  onBytes: (bytes: number) => void,
): AsyncGenerator<unknown> {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length)
      done(null, chunk)
    },
  })
  const items = pipeline(
    input,
    counter,
    new Parser({ packValues: true, streamValues: false }),
    new StreamArray(),
    // Errors surface through the iteration below; this callback only keeps them handled.
    () => {},
  )
  for await (const item of items as AsyncIterable<{ key: number; value: unknown }>) {
    yield item.value
  }
}
