import { describe, expect, it } from 'vitest'
import {
  PASSWORD_MASK,
  maskedUrl,
  splitPassword,
  withPassword,
} from '../../../src/main/storageChoice/databaseUrl'

describe('database URLs in Settings → Storage', () => {
  it('takes the password out and puts it back, whatever characters it holds', () => {
    const password = 'p@ss:w/rd%20 ü#?'
    const url = withPassword('postgres://amos@db.example:5433/history?sslmode=require', password)
    const split = splitPassword(url)
    expect(split).toEqual({
      url: 'postgres://amos@db.example:5433/history?sslmode=require',
      password,
    })
    expect(split.url).not.toContain('p%40ss')
    expect(splitPassword(withPassword(split.url, split.password))).toEqual(split)
  })

  it('masks a password for the renderer and leaves a URL without one as it is', () => {
    expect(maskedUrl('postgresql://amos:secret@db/history')).toBe(
      `postgresql://amos:${PASSWORD_MASK}@db/history`,
    )
    expect(maskedUrl('postgres://amos@db/history')).toBe('postgres://amos@db/history')
    expect(maskedUrl(undefined)).toBeNull()
  })

  it('refuses what is not a PostgreSQL URL without repeating it', () => {
    for (const text of ['mysql://u:hunter2@h/db', 'not a url hunter2', 'postgres:///nohost']) {
      expect(() => splitPassword(text)).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          message: expect.not.stringContaining('hunter2'),
        }),
      )
    }
  })
})
