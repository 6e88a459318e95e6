// The dependency rule of the server (docs/architecture.md,
// docs/adr/0008-ports-per-aggregate-and-checked-boundaries.md),
// checked by `npm run lint` (npm run lint:deps). Test files beside their source follow their folder's rule; tests under
// bot/test may reach anything, since they drive the whole server from outside.
//
// Layers, inner to outer:   domain  →  ports  →  app  →  adapters  →  composition root (bootstrap.ts, main.ts)
// Adapters: every other folder of bot/src (db, http, whatsapp, sandbox, teams, jobs, live, media). One adapter reaches
// another only through that adapter's entry (index.ts or *.module.ts) or the persistence it declares for db/ to
// implement (*.port.ts, teams/teams.store.ts).

/** Folders of bot/src that hold adapters: what is not a layer and not the root. */
const ADAPTERS = '(db|http|whatsapp|sms|sandbox|teams|jobs|live|media|archive)';
/** What one adapter may import of another. */
const ENTRY_FILE = `(index|[^/]+\\.module|[^/]+\\.port|teams\\.store)\\.ts$`;
/** …at the adapter's top or one folder down (whatsapp/webhook/webhook-inbox.port.ts). */
const ENTRY = `(${ENTRY_FILE}|[^/]+/${ENTRY_FILE})`;
/** The shared package, however it resolves (its sources through the workspace link, or its build). */
const SHARED = '^(shared/(src|dist)/|node_modules/@bridgeline/shared/)';
/**
 * The npm packages the domain may use (docs/adr/0010-pure-libraries-in-the-domain.md): pure computation, no I/O, no
 * state a caller could observe. RE2 runs admins' regular expressions in linear time (data loss prevention), ibantools
 * holds the IBAN registry and its checks, libphonenumber-js the world's numbering plans.
 */
const PURE_LIBRARIES = '(^|/)node_modules/(re2js|ibantools|libphonenumber-js)/';
/** Test support a unit test beside its source may use (in-memory fakes and the like). */
const TEST_SUPPORT = '^bot/test/(fakes|support)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle ties modules together so that neither can be read, tested or moved alone.',
      from: { path: '^(bot/src|shared/src|tab/src)/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        "The product's rules import only other rules, the shared vocabulary and the few pure computation libraries named in PURE_LIBRARIES: no I/O, no ports, no adapters, no other npm package.",
      from: { path: '^bot/src/domain/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: [`^bot/src/domain/`, SHARED, PURE_LIBRARIES] },
    },
    {
      name: 'domain-tests-stay-pure',
      severity: 'error',
      comment:
        'A rule is tested as a pure function: its test imports the domain, the shared package and the test runner.',
      from: { path: '^bot/src/domain/.+\\.test\\.ts$' },
      to: {
        pathNot: ['^bot/src/domain/', SHARED, PURE_LIBRARIES, '^node_modules/(vitest|@vitest|fast-check)/'],
      },
    },
    {
      name: 'ports-name-needs-only',
      severity: 'error',
      comment:
        'Ports describe what the core needs in its own words: records and interfaces over domain and shared types.',
      from: { path: '^bot/src/ports/' },
      to: { pathNot: ['^bot/src/(ports|domain)/', SHARED] },
    },
    {
      name: 'app-uses-ports-not-adapters',
      severity: 'error',
      comment:
        "Use cases reach the world through ports only; which adapter answers is the composition root's choice (bootstrap.ts).",
      from: { path: '^bot/src/app/' },
      to: { path: [`^bot/src/${ADAPTERS}/`, '^bot/src/(bootstrap|main|config)\\.ts$'] },
    },
    {
      name: 'app-tests-use-fakes',
      severity: 'error',
      comment:
        'A use case is unit-tested with in-memory fakes of its ports, never with an adapter or a database.',
      from: { path: '^bot/src/app/.+\\.test\\.ts$' },
      to: { path: '^bot/test/(?!fakes/)' },
    },
    {
      name: 'adapters-meet-through-entries',
      severity: 'error',
      comment:
        'An adapter uses another only through its entry file or the persistence port it declares, never its internals.',
      from: { path: `^bot/src/${ADAPTERS}/` },
      to: {
        path: `^bot/src/${ADAPTERS}/`,
        pathNot: [`^bot/src/$1/`, `^bot/src/${ADAPTERS}/${ENTRY}`],
      },
    },
    {
      name: 'nothing-reaches-the-root',
      severity: 'error',
      comment: 'The composition root wires everything; nothing imports it back.',
      from: { path: '^bot/src/', pathNot: '^bot/src/main\\.ts$' },
      to: { path: '^bot/src/(bootstrap|main)\\.ts$' },
    },
    {
      name: 'source-never-imports-tests',
      severity: 'error',
      comment: 'Shipped code never depends on test code.',
      from: { path: '^bot/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^bot/test/' },
    },
    {
      name: 'only-unit-tests-reach-test-support',
      severity: 'error',
      comment: 'Tests beside their source may use the in-memory fakes and test support, not other tests.',
      from: { path: '^bot/src/.+\\.test\\.ts$' },
      to: { path: '^bot/test/', pathNot: TEST_SUPPORT },
    },
    {
      name: 'tab-talks-http-only',
      severity: 'error',
      comment: 'The tab knows the server only through HTTP and the shared contract.',
      from: { path: '^tab/src/' },
      to: { path: '^(bot|scripts|bench)/' },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'The shared contract is imported by the server and the tab, and imports neither.',
      from: { path: '^shared/src/' },
      to: { path: '^(bot|tab|scripts|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage|node_modules/\\.vite)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
