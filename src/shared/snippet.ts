// Kept apart from domain.ts (which builds zod schemas) so the renderer can import these
// without bundling zod.

/** Private-use characters so snippets can be highlighted without ever parsing HTML. */
export const SNIPPET_OPEN = '\u{E000}'
export const SNIPPET_CLOSE = '\u{E001}'
