// Whether out/cli (scripts/build-cli.mjs) may run: shared by bin/amos.mjs and the build's
// --if-stale mode, so both judge freshness the same way.
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * out/cli/main.mjs under `root` when it is at least as new as every source it was built from.
 * An installed package (`npm pack`) ships the build without the sources: the build is all there is.
 */
export function freshCliBuild(root) {
  const built = path.join(root, 'out/cli/main.mjs')
  if (!existsSync(path.join(root, 'src')) && existsSync(built)) return built
  try {
    const builtAt = statSync(built).mtimeMs
    const { inputs } = JSON.parse(readFileSync(path.join(root, 'out/cli/inputs.json'), 'utf8'))
    return inputs.every((input) => statSync(path.join(root, input)).mtimeMs <= builtAt)
      ? built
      : null
  } catch {
    return null // no build, an unfinished one, or a source it used is gone
  }
}
