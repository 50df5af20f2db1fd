/**
 * A padlock drawn inline: the emoji needs a color-emoji font, which many Linux systems lack
 * (it showed as an empty box there).
 */
export function LockIcon() {
  return (
    <svg
      className="lock-icon"
      viewBox="0 0 16 16"
      width="0.9em"
      height="0.9em"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M5 7V5a3 3 0 0 1 6 0v2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  )
}
