import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { measureRecallQuality } from './recallQuality'
import { report } from './summary'

/**
 * recall@5 on the project's recall set (bench/recall-set/, questions worded without their
 * session's keywords): the app's hybrid recall (bm25 fused with vector similarity from the
 * offline word-vector embedder) beside lexical recall alone, in the same run on the same store.
 */
const pct = (share: number): string => `${(share * 100).toFixed(1)} %`

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-recall-quality-'))
  try {
    const started = performance.now()
    const quality = await measureRecallQuality(dir)
    console.log(
      `${quality.questions} questions, ${quality.embeddedTexts} texts embedded in ` +
        `${quality.embeddingRequests} requests, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    for (const r of quality.results) {
      const mark = (found: string[]): string => (found.includes(r.expect) ? 'found' : 'missed')
      console.log(`  ${r.expect}: lexical ${mark(r.lexical)}, hybrid ${mark(r.hybrid)}`)
    }
    console.log(`recall@5 lexical ${pct(quality.lexicalAt5)}, hybrid ${pct(quality.hybridAt5)}`)
    report({
      figure: `recall@5, ${quality.questions} paraphrased questions (hybrid vs lexical)`,
      app: pct(quality.hybridAt5),
      raw: pct(quality.lexicalAt5),
      // raw ÷ app, like the throughputs: below 1 means the app finds more.
      ratio: quality.hybridAt5 > 0 ? quality.lexicalAt5 / quality.hybridAt5 : null,
      target: 'hybrid > lexical',
      met: quality.hybridAt5 > quality.lexicalAt5,
    })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
