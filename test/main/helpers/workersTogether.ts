import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { runTsChild } from './tsChild'

async function waitForFiles(files: string[]): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!files.every((f) => fs.existsSync(f))) {
    if (Date.now() > deadline) throw new Error('workers did not get ready')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Runs one tsx child process per tag, all starting their work at the same moment: each gets
 * `args(tag)` followed by its ready file and a shared go file (the worker calls
 * `readyThenWaitForGo` from workerGate.ts). Fails unless every child exits 0; returns what each
 * printed, in the order of `tags`.
 */
export async function runWorkersTogether(
  worker: string,
  dir: string,
  tags: readonly string[],
  args: (tag: string) => string[],
): Promise<string[]> {
  const go = path.join(dir, 'go')
  const ready = tags.map((tag) => path.join(dir, `ready-${tag}`))
  const runs = tags.map((tag, i) => runTsChild(worker, [...args(tag), ready[i]!, go]))
  await waitForFiles(ready)
  fs.writeFileSync(go, 'go')
  const results = await Promise.all(runs)
  for (const result of results) {
    expect(result, result.stderr).toMatchObject({ code: 0 })
  }
  return results.map((r) => r.stdout)
}
