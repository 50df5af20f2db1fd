import { create } from 'zustand'

interface ShortcutsState {
  /** The "Keyboard shortcuts" sheet (Ctrl/Cmd+/). */
  sheetOpen: boolean
  /** Bumped to ask the open composer to take focus (Ctrl/Cmd+L). */
  composerFocusRequest: number
  setSheetOpen(open: boolean): void
  requestComposerFocus(): void
}

export const useShortcutsStore = create<ShortcutsState>()((set) => ({
  sheetOpen: false,
  composerFocusRequest: 0,
  setSheetOpen(open) {
    set({ sheetOpen: open })
  },
  requestComposerFocus() {
    set((state) => ({ composerFocusRequest: state.composerFocusRequest + 1 }))
  },
}))
