import { useState } from 'react'
import type { Appearance, TextSize, Theme } from '../../lib/appearance'
import {
  applyAppearance,
  readAppearance,
  saveAppearance,
  TEXT_SIZES,
  THEMES,
} from '../../lib/appearance'

const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' }
const TEXT_SIZE_LABELS: Record<TextSize, string> = {
  small: 'Small',
  default: 'Default',
  large: 'Large',
}

function Choice<T extends string>(props: {
  legend: string
  name: string
  values: readonly T[]
  labels: Record<T, string>
  value: T
  onChange(value: T): void
}) {
  return (
    <fieldset className="appearance-choice">
      <legend>{props.legend}</legend>
      {props.values.map((v) => (
        <label key={v}>
          <input
            type="radio"
            name={props.name}
            value={v}
            checked={props.value === v}
            onChange={() => props.onChange(v)}
          />
          {props.labels[v]}
        </label>
      ))}
    </fieldset>
  )
}

/** Settings → Appearance: theme and text size, kept in this window (lib/appearance.ts). */
export function AppearanceSection() {
  const [appearance, setAppearance] = useState(readAppearance)

  function change(next: Appearance) {
    setAppearance(next)
    saveAppearance(next)
    applyAppearance(next)
  }

  return (
    <section className="settings-section" aria-labelledby="appearance-title">
      <h3 id="appearance-title">Appearance</h3>
      <Choice
        legend="Theme"
        name="theme"
        values={THEMES}
        labels={THEME_LABELS}
        value={appearance.theme}
        onChange={(theme) => change({ ...appearance, theme })}
      />
      <Choice
        legend="Text size"
        name="text-size"
        values={TEXT_SIZES}
        labels={TEXT_SIZE_LABELS}
        value={appearance.textSize}
        onChange={(textSize) => change({ ...appearance, textSize })}
      />
    </section>
  )
}
