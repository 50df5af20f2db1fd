// Free of zod, so the renderer can show the limits without bundling it.

/** Longest instruction text (global, session or persona), in UTF-16 characters. */
export const MAX_INSTRUCTIONS_CHARS = 8_000
export const MAX_PERSONA_NAME_CHARS = 60
export const MAX_PERSONAS = 200
