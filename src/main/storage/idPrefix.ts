/** `Storage.findIds` for backends that hold every id in memory: a scan, sorted like SQLite. */
export function idsWithPrefix(ids: Iterable<string>, prefix: string, limit: number): string[] {
  const found: string[] = []
  for (const id of ids) if (id.startsWith(prefix)) found.push(id)
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, Math.max(0, limit))
}
