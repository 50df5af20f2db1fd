/** One line of the "Keyboard shortcuts" sheet; `keys` are shown as separate key caps. */
export interface ShortcutInfo {
  keys: string[]
  does: string
}

export interface ShortcutGroup {
  title: string
  items: ShortcutInfo[]
}

/** "Ctrl" on Windows and Linux, "⌘" on macOS, where the app listens to both. */
export function modifierLabel(
  platform = typeof navigator === 'undefined' ? '' : navigator.platform,
) {
  return /mac/i.test(platform) ? '⌘' : 'Ctrl'
}

/**
 * Every shortcut the app has, as the sheet lists them. useShortcuts, the composer, the session
 * list, menus and the desktop File menu implement them; a shortcut added there belongs here.
 */
export function shortcutGroups(mod = modifierLabel()): ShortcutGroup[] {
  return [
    {
      title: 'Anywhere',
      items: [
        { keys: [mod, 'N'], does: 'New session' },
        { keys: [mod, 'K'], does: 'Search sessions' },
        { keys: [mod, 'L'], does: 'Go to the message box' },
        { keys: [mod, ','], does: 'Open Settings' },
        { keys: [mod, '/'], does: 'Show keyboard shortcuts' },
        { keys: ['Esc'], does: 'Close the panel or dialog on top; otherwise stop the reply' },
      ],
    },
    {
      title: 'Message box',
      items: [
        { keys: ['Enter'], does: 'Send (while a reply arrives: queue it, sent when it ends)' },
        { keys: ['Shift', 'Enter'], does: 'New line' },
      ],
    },
    {
      title: 'Messages',
      items: [
        { keys: ['Shift', 'F10'], does: "Open the message's menu (or the Menu key)" },
        { keys: ['←', '→'], does: "Move between a message's toolbar buttons" },
        { keys: [mod, 'Enter'], does: 'Editing a message: save' },
        { keys: ['Esc'], does: 'Editing a message: cancel' },
      ],
    },
    {
      title: 'Session list',
      items: [
        { keys: ['↑'], does: 'Previous session' },
        { keys: ['↓'], does: 'Next session' },
        { keys: ['Home'], does: 'First session' },
        { keys: ['End'], does: 'Last session' },
        { keys: ['Enter'], does: 'Open the session' },
        { keys: ['Esc'], does: 'Search box: clear the search · Renaming: cancel' },
      ],
    },
    {
      title: 'Menus (session and message actions)',
      items: [
        { keys: ['↑', '↓'], does: 'Move between items' },
        { keys: ['Esc'], does: 'Close the menu' },
      ],
    },
    {
      title: 'Desktop app, File menu',
      items: [
        { keys: [mod, 'O'], does: 'Import…' },
        { keys: [mod, 'Shift', 'E'], does: 'Export all…' },
      ],
    },
  ]
}
