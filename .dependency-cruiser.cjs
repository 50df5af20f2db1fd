// The layer rules, checked by `npm run lint` (and so by `npm test`): `npx depcruise src`.
// docs/architecture.md ("Layers") describes the same rules in prose and draws them; change both.
//
// Layers, top to bottom (a layer may import the ones below it, never one above):
//   hosts        src/main/index.ts + src/main/electron/ + src/main/ipc/electron*.ts (Electron),
//                src/main/host/ (browser host), src/cli/ (the `amos` command), src/sdk/ (the package entry)
//   testing      src/testing/ (`activemirror/testing`: the Storage conformance suite; storage's contract only)
//   core runtime src/main/core/ (the worker thread the core runs in, and the hosts' client for it)
//   transport    src/main/ipc/ (route table -> handler)
//   composition  src/main/mirror.ts (createMirror picks every implementation), src/main/mirrorApi.ts,
//                src/main/historySetup.ts (the history databases, gated by encryption),
//                src/main/providerSetup.ts
//   domain       src/main/continuity/, src/main/vault/  (built on the core services)
//                src/main/services/
//   interfaces   src/main/storage/*.ts, src/main/llm/, src/main/keychain/secretStore.ts
//   backends     src/main/storage/{sqlite,json,memory}/ (only storage and the composition root),
//                src/main/keychain/keytarStore.ts (only the composition root)
//   toolkits     src/main/{crypto,fs,sqlite,formats}/, src/main/paths.ts
//   contract     src/shared/ (zod only)
// The renderer (src/renderer) sees only the contract; the preload only the contract and Electron.

const MAIN = '^src/main/'
const ELECTRON_LAYER = [
  '^src/main/index\\.ts$',
  '^src/main/electron/',
  '^src/main/ipc/electron[^/]*\\.ts$',
]
const COMPOSITION = '^src/main/(mirror|mirrorApi|providerSetup|historySetup)\\.ts$'
const BACKENDS = '^src/main/storage/(sqlite|json|memory)/'
const KEYTAR_STORE = '^src/main/keychain/keytarStore\\.ts$'
const KEYTAR_PACKAGE = '^keytar$|(^|/)node_modules/keytar/'
const ELECTRON_PACKAGE = '^electron$|(^|/)node_modules/electron/'
const ZOD = '(^|/)node_modules/zod/'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-only-zod',
      comment: 'src/shared is the contract every process imports: zod and itself, nothing else.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/', ZOD] },
    },
    {
      name: 'renderer-only-shared',
      comment:
        'The renderer reaches main only through the bridge; it imports src/shared, never main, cli, preload, Node or Electron.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: ['^src/(main|cli|preload)/', ELECTRON_PACKAGE] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-shared',
      comment: 'The preload forwards requests and events: src/shared and Electron only.',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { path: '^src/', pathNot: '^src/(shared|preload)/' },
    },
    {
      name: 'electron-only-in-electron-layer',
      comment:
        'Only src/main/index.ts, src/main/electron/ and src/main/ipc/electron*.ts (and the preload) import electron.',
      severity: 'error',
      from: { pathNot: [...ELECTRON_LAYER, '^src/preload/'] },
      to: { path: ELECTRON_PACKAGE },
    },
    {
      name: 'nothing-imports-the-electron-layer',
      comment: 'The Electron layer is a host: other code never depends on it.',
      severity: 'error',
      from: { pathNot: ELECTRON_LAYER },
      to: { path: ELECTRON_LAYER },
    },
    {
      name: 'storage-internals-only-from-storage',
      comment:
        'A backend (sqlite/, json/, memory/) is picked by createMirror; everyone else uses the Storage interface.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/main/storage/', COMPOSITION] },
      to: { path: BACKENDS },
    },
    {
      name: 'keytar-store-only-from-composition',
      comment:
        'The OS keychain backend is picked by the composition root; everyone else is handed a SecretStore (keychain/secretStore.ts).',
      severity: 'error',
      from: { path: '^src/', pathNot: [COMPOSITION, KEYTAR_STORE] },
      to: { path: KEYTAR_STORE },
    },
    {
      name: 'keytar-only-in-keytar-store',
      comment: 'Only keychain/keytarStore.ts loads the keytar native addon.',
      severity: 'error',
      from: { pathNot: KEYTAR_STORE },
      to: { path: KEYTAR_PACKAGE },
    },
    {
      name: 'domain-not-hosts',
      comment:
        'Services, continuity and vault know nothing of the hosts, the transport or the composition root.',
      severity: 'error',
      from: { path: '^src/main/(services|continuity|vault)/' },
      to: {
        path: ['^src/main/(host|ipc|electron)/', '^src/cli/', COMPOSITION, '^src/main/index\\.ts$'],
      },
    },
    {
      name: 'domain-not-provider-clients',
      comment:
        'The provider clients (llm/providers/, the AI SDK) are handed in by the composition root; the domain uses the ChatProvider interface.',
      severity: 'error',
      from: { path: '^src/main/(services|continuity|vault)/' },
      to: { path: '^src/main/llm/providers/' },
    },
    {
      name: 'services-below-continuity-and-vault',
      comment:
        'Continuity and the vault build on the core services; the services never import them back.',
      severity: 'error',
      from: { path: '^src/main/services/' },
      to: { path: '^src/main/(continuity|vault)/' },
    },
    {
      name: 'vault-not-continuity',
      comment: 'Continuity may read vault memories; the vault never depends on continuity.',
      severity: 'error',
      from: { path: '^src/main/vault/' },
      to: { path: '^src/main/continuity/' },
    },
    {
      name: 'interfaces-below-domain',
      comment:
        'Storage, providers and the keychain serve the domain; they import only each other downwards and the toolkits.',
      severity: 'error',
      from: { path: '^src/main/(storage|llm|keychain)/' },
      to: {
        path: [MAIN, '^src/cli/'],
        pathNot: [
          '^src/main/$1/',
          '^src/main/(fs|sqlite|formats|crypto|keychain)/',
          '^src/main/paths\\.ts$',
        ],
      },
    },
    {
      name: 'toolkits-are-leaves',
      comment: 'crypto/, fs/, sqlite/ and formats/ are neutral helpers: src/shared and npm only.',
      severity: 'error',
      from: { path: '^src/main/(crypto|fs|sqlite|formats)/' },
      to: { path: [MAIN, '^src/cli/'], pathNot: '^src/main/$1/' },
    },
    {
      name: 'transport-through-contracts',
      comment:
        'The router and its handlers call the core through src/main/mirrorApi.ts and services/contracts.ts only.',
      severity: 'error',
      from: { path: '^src/main/ipc/', pathNot: ELECTRON_LAYER },
      to: {
        path: [MAIN, '^src/cli/'],
        pathNot: [
          '^src/main/ipc/',
          '^src/main/mirrorApi\\.ts$',
          '^src/main/services/contracts\\.ts$',
        ],
      },
    },
    {
      name: 'core-runtime-below-hosts',
      comment:
        'src/main/core runs createMirror and the router in a worker thread: it imports the transport, the composition root and the native-module toolkit, and only the hosts import it.',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: {
        path: [MAIN, '^src/cli/'],
        pathNot: ['^src/main/(core|ipc|sqlite)/', COMPOSITION],
      },
    },
    {
      name: 'only-hosts-start-the-core',
      comment:
        "The worker runtime is started by a host (Electron main, the browser host), nobody else. core/workerScript.ts (a leaf that finds a worker entry's script) is shared: the import starts its ChatGPT list worker with it.",
      severity: 'error',
      from: { path: MAIN, pathNot: ['^src/main/(core|host)/', ...ELECTRON_LAYER] },
      to: { path: '^src/main/core/', pathNot: '^src/main/core/workerScript\\.ts$' },
    },
    {
      name: 'browser-host-through-contracts',
      comment: 'The browser host starts the core in its worker and serves it through the router.',
      severity: 'error',
      from: { path: '^src/main/host/' },
      to: {
        path: [MAIN, '^src/cli/'],
        pathNot: [
          '^src/main/(host|ipc|core)/',
          COMPOSITION,
          '^src/main/paths\\.ts$',
          '^src/main/packageRoot\\.ts$',
        ],
      },
    },
    {
      name: 'cli-through-contracts',
      comment:
        'The CLI builds the core with createMirror and calls it through the Mirror API, like every host: never a service, the vault, storage, a backend or the keychain directly.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: {
        path: MAIN,
        pathNot: [
          '^src/main/(mirror|mirrorApi)\\.ts$',
          '^src/main/services/contracts\\.ts$',
          '^src/main/paths\\.ts$',
          // Where the package is installed (its version, the built renderer): no core code.
          '^src/main/packageRoot\\.ts$',
          // `amos serve` starts the browser host, a host of its own.
          '^src/main/host/serveCli\\.ts$',
        ],
      },
    },
    {
      name: 'sdk-through-composition',
      comment:
        "The package's SDK entry (src/sdk) is a facade over the composition root (createMirror, the Mirror type): it names the contract and the Storage interface (for custom backends), nothing else.",
      severity: 'error',
      from: { path: '^src/sdk/' },
      to: {
        path: '^src/',
        pathNot: ['^src/sdk/', COMPOSITION, '^src/shared/', '^src/main/storage/storage\\.ts$'],
      },
    },
    {
      name: 'testing-through-storage-contract',
      comment:
        "`activemirror/testing` (src/testing) checks a backend through the Storage interface: it imports the contract, storage's shared files and vitest, never a backend or the rest of main.",
      severity: 'error',
      from: { path: '^src/testing/' },
      to: {
        path: '^src/',
        pathNot: ['^src/testing/', '^src/shared/', '^src/main/storage/[^/]+\\.ts$'],
      },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles at run time (type-only cycles inside one folder are allowed; across layers the rules above forbid them).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-cross-folder-cycle',
      comment: 'No cycle, not even through type imports, that leaves a src/main folder.',
      severity: 'error',
      from: { path: '^src/main/([^/]+)/' },
      to: { circular: true, via: { pathNot: '^src/main/$1/' } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the checker cannot resolve would slip past every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a layer that names another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    exclude: { path: '\\.d\\.ts$' },
    // Resolve package subpaths (js-tiktoken/ranks/...) through their `exports` as Node does.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
