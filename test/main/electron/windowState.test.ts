import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  MIN_HEIGHT,
  MIN_WIDTH,
  fitBounds,
  loadWindowState,
  saveWindowState,
} from '../../../src/main/electron/windowState'

const laptop = { workArea: { x: 0, y: 0, width: 1440, height: 900 } }
const external = { workArea: { x: 1440, y: 0, width: 2560, height: 1440 } }

describe('fitting remembered bounds to the displays', () => {
  it('keeps bounds that are on a display', () => {
    const bounds = { x: 100, y: 50, width: 1000, height: 700 }
    expect(fitBounds(bounds, [laptop])).toEqual(bounds)
    const onExternal = { x: 2000, y: 100, width: 1200, height: 900 }
    expect(fitBounds(onExternal, [laptop, external])).toEqual(onExternal)
  })

  it('forgets a window whose display was unplugged', () => {
    expect(fitBounds({ x: 2000, y: 100, width: 1200, height: 900 }, [laptop])).toBeNull()
  })

  it('forgets a window whose title bar is out of reach', () => {
    expect(fitBounds({ x: 1400, y: 100, width: 800, height: 600 }, [laptop])).toBeNull()
    expect(fitBounds({ x: 100, y: -500, width: 800, height: 600 }, [laptop])).toBeNull()
  })

  it('shrinks a window larger than its display and grows one below the minimum', () => {
    expect(fitBounds({ x: 0, y: 0, width: 3000, height: 2000 }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 900,
    })
    expect(fitBounds({ x: 10, y: 10, width: 100, height: 100 }, [laptop])).toEqual({
      x: 10,
      y: 10,
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
    })
  })

  it('returns null with no displays at all', () => {
    expect(fitBounds({ x: 0, y: 0, width: 800, height: 600 }, [])).toBeNull()
  })
})

describe('window state file', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'amos-window-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('round-trips through a JSON file without leaving temp files', async () => {
    const file = join(dir, 'nested', 'window-state.json')
    const state = { bounds: { x: 1, y: 2, width: 900, height: 700 }, maximized: true }
    await saveWindowState(file, state)
    expect(await loadWindowState(file)).toEqual(state)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state)
    expect(readdirSync(join(dir, 'nested'))).toEqual(['window-state.json'])
  })

  it('treats a missing, corrupt or wrongly shaped file as no state', async () => {
    expect(await loadWindowState(join(dir, 'missing.json'))).toBeNull()
    const file = join(dir, 'window-state.json')
    writeFileSync(file, '{"bounds": {"x": 1')
    expect(await loadWindowState(file)).toBeNull()
    writeFileSync(
      file,
      JSON.stringify({ bounds: { x: 'a', y: 0, width: 1, height: 1 }, maximized: false }),
    )
    expect(await loadWindowState(file)).toBeNull()
  })

  it('refuses to save invalid bounds', async () => {
    const file = join(dir, 'window-state.json')
    await expect(
      saveWindowState(file, {
        bounds: { x: 0, y: 0, width: Number.NaN, height: 1 },
        maximized: false,
      }),
    ).rejects.toThrow()
  })
})
