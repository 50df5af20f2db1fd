import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { appFilesDir, defaultDataDir } from '../../src/main/paths'

describe('defaultDataDir', () => {
  it('uses XDG_CONFIG_HOME on Linux when it is set and absolute', () => {
    const dir = defaultDataDir({
      platform: 'linux',
      env: { XDG_CONFIG_HOME: '/srv/conf' },
      homedir: '/home/ada',
    })
    expect(dir).toBe('/srv/conf/ActiveMirror')
  })

  it('falls back to ~/.config on Linux when XDG_CONFIG_HOME is unset, empty or relative', () => {
    for (const env of [{}, { XDG_CONFIG_HOME: '' }, { XDG_CONFIG_HOME: 'relative/conf' }]) {
      expect(defaultDataDir({ platform: 'linux', env, homedir: '/home/ada' })).toBe(
        '/home/ada/.config/ActiveMirror',
      )
    }
  })

  it('treats other Unix-likes like Linux', () => {
    expect(defaultDataDir({ platform: 'freebsd', env: {}, homedir: '/home/bo' })).toBe(
      '/home/bo/.config/ActiveMirror',
    )
  })

  it('uses Application Support on macOS and ignores XDG there', () => {
    const dir = defaultDataDir({
      platform: 'darwin',
      env: { XDG_CONFIG_HOME: '/srv/conf' },
      homedir: '/Users/ada',
    })
    expect(dir).toBe('/Users/ada/Library/Application Support/ActiveMirror')
  })

  it('uses %APPDATA% on Windows, with backslashes', () => {
    const dir = defaultDataDir({
      platform: 'win32',
      env: { APPDATA: 'C:\\Users\\Ada\\AppData\\Roaming' },
      homedir: 'C:\\Users\\Ada',
    })
    expect(dir).toBe('C:\\Users\\Ada\\AppData\\Roaming\\ActiveMirror')
  })

  it('derives the Roaming folder from the home dir when APPDATA is missing on Windows', () => {
    expect(defaultDataDir({ platform: 'win32', env: {}, homedir: 'C:\\Users\\Ada' })).toBe(
      'C:\\Users\\Ada\\AppData\\Roaming\\ActiveMirror',
    )
  })
})

describe('appFilesDir', () => {
  it('keeps app files beside the database for SQLite and in .activemirror for a JSON store', () => {
    expect(appFilesDir('/data', 'sqlite')).toBe('/data')
    expect(appFilesDir('/data', 'json')).toBe(path.join('/data', '.activemirror'))
  })
})
