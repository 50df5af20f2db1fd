import { MirrorError } from '../../shared/errors'
import type { IdKind, Storage } from '../storage/storage'

/** How many candidates an ambiguous prefix names. */
export const AMBIGUOUS_SHOWN = 5

/**
 * The full id of the session or message whose id is `idOrPrefix`, or the one id that starts with
 * it. An exact id always wins, even when it is also the start of longer ids.
 * Unknown: NOT_FOUND. Several: USAGE naming up to AMBIGUOUS_SHOWN of them, so the caller can
 * type more of the one they mean.
 */
export async function resolveIdPrefix(
  storage: Pick<Storage, 'findIds'>,
  kind: IdKind,
  idOrPrefix: string,
): Promise<string> {
  // Sorted by id: an id equal to the prefix comes first.
  const found = await storage.findIds(kind, idOrPrefix, AMBIGUOUS_SHOWN + 1)
  const [first] = found
  if (first === idOrPrefix || (first !== undefined && found.length === 1)) return first
  if (first === undefined) {
    throw new MirrorError('NOT_FOUND', `No ${kind} id is or starts with ${idOrPrefix}.`, {
      id: idOrPrefix,
    })
  }
  const shown = found.slice(0, AMBIGUOUS_SHOWN)
  const more = found.length > AMBIGUOUS_SHOWN ? ', …' : ''
  throw new MirrorError(
    'USAGE',
    `${idOrPrefix} is the start of several ${kind} ids: ${shown.join(', ')}${more}. Give more of the id.`,
    { id: idOrPrefix, candidates: shown },
  )
}
