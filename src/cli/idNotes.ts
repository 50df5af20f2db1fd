/** `--help` lines for arguments that take the start of an id (resolved by SessionApi). */
export const SESSION_ID_NOTE =
  'A session id may be shortened to its start, as long as no other session id starts the same way.'
export const MESSAGE_ID_NOTE =
  'A message id may be shortened to its start, as long as no other message id starts the same way.'
