import { z } from 'zod'

// The window's CSP forbids eval. zod compiles object parsers with `new Function` when it may, and
// its probe for that is reported as a CSP violation even though zod catches the error: so it runs
// without compiling, here, before anything parses.
z.config({ jitless: true })
