import { spawn } from 'node:child_process'
import type { Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'
import type { RunningHost } from './fixtures'

export type PatternLabel = 'Exploratory' | 'Analytical' | 'Creative' | 'Strategic'
export type UncertaintyLabel = 'None' | 'Low' | 'Medium' | 'High'

/** Opens the printed link and waits until the first session list has arrived. */
export async function openApp(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url)
  await expect(page.getByRole('navigation', { name: 'Sessions' })).toBeVisible()
  await expect(page.getByText('Loading sessions…')).toHaveCount(0)
}

export function messages(page: Page): Locator {
  return page.getByRole('log', { name: 'Messages' })
}

export function replies(page: Page): Locator {
  return messages(page).getByRole('article', { name: 'assistant message' })
}

export function userMessages(page: Page): Locator {
  return messages(page).getByRole('article', { name: 'user message' })
}

/** Creates a session with the button and renames it, so tests can find it by title. */
export async function createSession(page: Page, title?: string): Promise<void> {
  const before = await page
    .getByRole('list', { name: 'Recent sessions' })
    .getByRole('listitem')
    .count()
  await page.getByRole('button', { name: 'New session' }).click()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  await expect(
    page.getByRole('list', { name: 'Recent sessions' }).getByRole('listitem'),
  ).toHaveCount(before + 1)
  if (title) await renameOpenSession(page, title)
}

/** The sidebar item of a session, found by its title. */
export function sessionItem(page: Page, title: string): Locator {
  return page
    .getByRole('navigation', { name: 'Sessions' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) })
}

export async function renameOpenSession(page: Page, title: string): Promise<void> {
  const item = page.locator('.session-item-selected')
  await item.getByRole('button', { name: 'Session actions' }).click()
  await page.getByRole('menuitem', { name: 'Rename' }).click()
  const field = page.getByRole('textbox', { name: 'Session title' })
  await field.fill(title)
  await field.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible()
}

export async function choose(
  page: Page,
  settings: { pattern?: PatternLabel; uncertainty?: UncertaintyLabel },
): Promise<void> {
  if (settings.pattern) {
    await page.getByRole('combobox', { name: 'Pattern' }).selectOption({ label: settings.pattern })
  }
  if (settings.uncertainty) {
    await page
      .getByRole('combobox', { name: 'Uncertainty' })
      .selectOption({ label: settings.uncertainty })
  }
}

/** Types and sends with Enter; returns once the reply has finished streaming. */
export async function send(page: Page, text: string): Promise<Locator> {
  const count = await replies(page).count()
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
  await waitForReply(page, count + 1)
  return replies(page).nth(count)
}

export async function waitForReply(page: Page, count: number): Promise<void> {
  await expect(replies(page)).toHaveCount(count)
  await expect(messages(page).locator('[aria-busy="true"]')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0)
}

export interface SeedMessage {
  role: 'user' | 'assistant'
  content: string
}

/** An ActiveMirror session export (the native JSON format) with the given messages. */
export function sessionExport(id: string, title: string, contents: SeedMessage[]): string {
  const start = Date.parse('2025-03-01T09:00:00.000Z')
  const at = (i: number) => new Date(start + i * 60_000).toISOString()
  return JSON.stringify({
    format: 'activemirror.session',
    version: 1,
    id,
    title,
    createdAt: at(0),
    updatedAt: at(contents.length),
    messages: contents.map((m, i) => ({
      id: `${id}_m${String(i).padStart(5, '0')}`,
      role: m.role,
      content: m.content,
      timestamp: at(i),
      pattern: m.role === 'assistant' ? 'exploratory' : null,
    })),
  })
}

/** Imports files through the file input, as a user choosing files would. */
export async function importFiles(
  page: Page,
  files: Array<{ name: string; content: string }>,
): Promise<void> {
  await page.getByLabel('Import file').setInputFiles(
    files.map((f) => ({
      name: f.name,
      mimeType: 'application/json',
      buffer: Buffer.from(f.content),
    })),
  )
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
    `Imported ${files.length} session`,
  )
}

/**
 * Scrolls the message log to the top until the message is on screen, as a reader scrolling up
 * through a long session would (each visit to the top loads one older page).
 */
export async function scrollUpTo(page: Page, messageId: string): Promise<void> {
  await expect
    .poll(
      () =>
        messages(page).evaluate((log, id) => {
          log.scrollTo({ top: 0 })
          const row = log.querySelector(`[data-message-id="${id}"]`)
          if (!row) return false
          const a = row.getBoundingClientRect()
          const b = log.getBoundingClientRect()
          return a.top >= b.top - 1 && a.bottom <= b.bottom + 1
        }, messageId),
      { timeout: 15_000 },
    )
    .toBe(true)
}

interface ClipboardGlobals {
  navigator: { clipboard: { readText(): Promise<string> } }
}

/** The clipboard's text as the page reads it (the context needs the clipboard permissions). */
export function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() =>
    (globalThis as unknown as ClipboardGlobals).navigator.clipboard.readText(),
  )
}

/** A message's toolbar (shown on hover and focus) and one of its buttons by exact name. */
export function messageToolbar(message: Locator): Locator {
  return message.getByRole('toolbar', { name: 'Message actions' })
}

export function messageAction(message: Locator, name: string): Locator {
  return messageToolbar(message).getByRole('button', { name, exact: true })
}

/** `amos …` as its own process on a data folder, as a user in a terminal runs it; its stdout. */
export function runAmos(
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/amos.mjs', ...args, '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`amos ${args.join(' ')}: ${err}`)),
    )
  })
}
