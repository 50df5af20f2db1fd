import { WS_PATH } from '../../../shared/hostSocket'

const TOKEN_KEY = 'activemirror.token'

interface TokenPlace {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>
  storage: Pick<Storage, 'getItem' | 'setItem'>
  history: Pick<History, 'replaceState' | 'state'>
}

/**
 * The browser host hands out its token in the URL fragment (`#token=…`), which never reaches a
 * server log. Keep it for this tab only (reloads still work) and take it out of the address bar
 * so it is not shared in a screenshot or bookmark.
 */
export function takeToken({ location, storage, history }: TokenPlace): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''))
  const fromHash = params.get('token')
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash)
    params.delete('token')
    const rest = params.toString()
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
    )
    return fromHash
  }
  return storage.getItem(TOKEN_KEY)
}

/** ws://host/ws for an http page, wss:// for https. */
export function hostSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${WS_PATH}`
}
