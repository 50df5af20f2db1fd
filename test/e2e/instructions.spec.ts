import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openApp, replies, send } from './helpers'

/** Screenshots for looking at, not for comparing: outside the repo. */
const SHOTS = '/tmp/amos-instructions-screens'

async function saw(page: Page) {
  await replies(page).last().getByRole('button', { name: 'What the model saw' }).click()
  return page.getByRole('dialog', { name: 'What the model saw' })
}

test('instructions, session instructions and personas reach the model, as What the model saw shows', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000)
  await openApp(page, host)

  // Settings → Instructions.
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const field = settings.getByRole('textbox', { name: 'Instructions' })
  await expect(field).toBeEnabled()
  await field.fill('Answer in British English.')
  await settings.getByRole('button', { name: 'Save instructions' }).click()
  await expect(
    settings.getByRole('status').filter({ hasText: 'Instructions saved.' }),
  ).toBeVisible()

  // Settings → Personas: add one.
  await settings.getByRole('button', { name: 'Add persona' }).click()
  await settings.getByRole('textbox', { name: 'Persona name' }).fill('Coach')
  await settings
    .getByRole('textbox', { name: 'Persona instructions' })
    .fill('Ask one question at a time.')
  await settings.getByRole('combobox', { name: 'Default pattern' }).selectOption('strategic')
  await settings.getByRole('combobox', { name: 'Default uncertainty' }).selectOption('low')
  await settings.getByRole('button', { name: 'Save persona' }).click()
  await expect(settings.getByRole('listitem', { name: 'Coach' })).toBeVisible()
  await settings.getByRole('button', { name: 'Close settings' }).click()

  // The New session menu starts a session with the persona.
  await page.getByRole('button', { name: 'Start with a persona' }).click()
  await page
    .getByRole('menu', { name: 'Start with a persona' })
    .getByRole('menuitem', { name: 'Coach' })
    .click()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Pattern' })).toHaveValue('strategic')
  await expect(page.getByRole('combobox', { name: 'Uncertainty' })).toHaveValue('low')

  await send(page, 'Where do I start?')
  let dialog = await saw(page)
  await expect(dialog).toContainText('Instructions (Settings) · Persona: Coach')
  const prompt = dialog.locator('pre')
  await expect(prompt).toContainText(
    'Instructions from the user (apply them to every reply):\nAnswer in British English.',
  )
  await expect(prompt).toContainText(
    'Persona "Coach" (instructions for this conversation):\nAsk one question at a time.',
  )
  await dialog.getByRole('button', { name: 'Close' }).click()

  // Session settings from the chat header: session instructions that add, then replace.
  await page.getByRole('button', { name: 'Session settings' }).click()
  let session = page.getByRole('dialog', { name: 'Session settings' })
  await expect(session.getByRole('combobox', { name: 'Persona' })).toHaveValue(/persona_/)
  await session.getByRole('textbox', { name: 'Session instructions' }).fill('Use metric units.')
  await expect(session.getByRole('radio', { name: 'Add to the global instructions' })).toBeChecked()
  await session.getByRole('button', { name: 'Save' }).click()
  await expect(session).toBeHidden()
  await send(page, 'And then?')
  dialog = await saw(page)
  await expect(dialog.locator('pre')).toContainText(
    'Ask one question at a time.\n\nInstructions for this conversation:\nUse metric units.',
  )
  await dialog.getByRole('button', { name: 'Close' }).click()

  await page.getByRole('button', { name: 'Session settings' }).click()
  session = page.getByRole('dialog', { name: 'Session settings' })
  await expect(session.getByRole('textbox', { name: 'Session instructions' })).toHaveValue(
    'Use metric units.',
  )
  await session.getByRole('radio', { name: 'Replace the global instructions' }).check()
  await session.getByRole('button', { name: 'Save' }).click()
  await expect(session).toBeHidden()
  await send(page, 'Only metric now?')
  dialog = await saw(page)
  await expect(dialog).toContainText('Session instructions (replacing the global instructions)')
  await expect(dialog.locator('pre')).toContainText('Use metric units.')
  await expect(dialog.locator('pre')).not.toContainText('British English')
  await expect(dialog.locator('pre')).not.toContainText('Ask one question')
  await dialog.getByRole('button', { name: 'Close' }).click()
})

for (const scheme of ['light', 'dark'] as const) {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 800, height: 600 },
  ]) {
    test(`screens: ${scheme} ${size.width}×${size.height}`, async ({ page, host }) => {
      await page.setViewportSize(size)
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
      await openApp(page, host)
      const name = (what: string) => `${SHOTS}/${scheme}-${size.width}x${size.height}-${what}.png`
      const shot = (what: string) =>
        page.screenshot({ path: name(what), animations: 'disabled', caret: 'hide' })

      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      const settings = page.getByRole('dialog', { name: 'Settings' })
      const field = settings.getByRole('textbox', { name: 'Instructions' })
      await expect(field).toBeEnabled()
      await field.fill('I am a nurse; skip the basics. Answer in British English.')
      await settings.getByRole('button', { name: 'Save instructions' }).click()
      await settings.getByRole('button', { name: 'Add persona' }).click()
      await settings.getByRole('textbox', { name: 'Persona name' }).fill('Coach')
      await settings
        .getByRole('textbox', { name: 'Persona instructions' })
        .fill('Ask one question at a time. Push gently towards a next step.')
      await settings.getByRole('combobox', { name: 'Default pattern' }).selectOption('strategic')
      await settings.getByRole('button', { name: 'Save persona' }).click()
      await expect(settings.getByRole('listitem', { name: 'Coach' })).toBeVisible()
      await settings.getByRole('heading', { name: 'Instructions' }).scrollIntoViewIfNeeded()
      await shot('settings-instructions')
      await settings.getByRole('button', { name: 'Add persona' }).click()
      await settings.getByRole('heading', { name: 'Personas' }).scrollIntoViewIfNeeded()
      await shot('settings-personas')
      await settings.getByRole('button', { name: 'Close settings' }).click()

      await page.getByRole('button', { name: 'Start with a persona' }).click()
      await shot('new-session-menu')
      await page.getByRole('menuitem', { name: 'Coach' }).click()
      await expect(page.getByRole('combobox', { name: 'Pattern' })).toHaveValue('strategic')
      await shot('chat-header')
      await page.getByRole('button', { name: 'Session settings' }).click()
      const dialog = page.getByRole('dialog', { name: 'Session settings' })
      await dialog
        .getByRole('textbox', { name: 'Session instructions' })
        .fill('We are planning a trip to Lisbon in May.')
      await shot('session-settings')
    })
  }
}
