import { printSummary } from './summary'

/**
 * `npm run bench [-- name…]`: runs each benchmark module in turn and lets it print its figures,
 * then one table of every headline figure against its raw baseline and target (./summary.ts).
 * To add one, write bench/<name>Bench.ts exporting `async function run(): Promise<void>` that
 * calls `report()` for its headline figures, and list it below.
 */
interface BenchModule {
  run(): Promise<void>
}

const BENCHES: Array<{ name: string; load: () => Promise<BenchModule> }> = [
  { name: 'storage', load: () => import('./storageBench') },
  { name: 'recall', load: () => import('./recallBench') },
  { name: 'recallQuality', load: () => import('./recallQualityBench') },
  { name: 'search', load: () => import('./searchBench') },
  { name: 'firstToken', load: () => import('./firstTokenBench') },
  { name: 'vault', load: () => import('./vaultBench') },
  { name: 'provider', load: () => import('./providerBench') },
  { name: 'renderer', load: () => import('./rendererBench') },
  { name: 'cli', load: () => import('./cliBench') },
  { name: 'core', load: () => import('./coreThreadBench') },
  { name: 'import', load: () => import('./importBench') },
  { name: 'encryption', load: () => import('./encryptionBench') },
  { name: 'postgres', load: () => import('./postgresBench') },
]

async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const selected = wanted.length > 0 ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES
  if (selected.length === 0) {
    console.error(`Unknown benchmark. Known: ${BENCHES.map((b) => b.name).join(', ')}`)
    process.exit(2)
  }
  for (const bench of selected) {
    console.log(`\n== ${bench.name} ==`)
    const started = performance.now()
    await (await bench.load()).run()
    console.log(`(${bench.name} took ${((performance.now() - started) / 1000).toFixed(1)} s)`)
  }
  printSummary()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
