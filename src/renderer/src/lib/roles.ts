import type { Role } from '../../../shared/domain'

/** Who wrote a message, as the window names it. Tool and function messages come from imports. */
export const ROLE_NAMES: Record<Role, string> = {
  user: 'You',
  assistant: 'Mirror',
  system: 'System',
  tool: 'Tool',
  function: 'Function',
}
