interface Props {
  label: string
  checked: boolean
  onChange(checked: boolean): void
  disabled?: boolean
  /** When the visible label alone would be ambiguous (e.g. one per list row). */
  ariaLabel?: string
  className?: string
}

/** A checkbox inside its label, so the whole text is the click target. */
export function CheckboxField({ label, checked, onChange, disabled, ariaLabel, className }: Props) {
  return (
    <label className={className ?? 'vault-check'}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-label={ariaLabel}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  )
}
