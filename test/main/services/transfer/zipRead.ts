import yauzl from 'yauzl'

/** Every entry of a zip file, by name. */
export async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false })
  const out = new Map<string, Buffer>()
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = []
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
      out.set(entry.fileName, Buffer.concat(chunks))
    }
  } finally {
    zip.close()
  }
  return out
}
