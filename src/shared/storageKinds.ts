import { z } from 'zod'

/** A mirror's sessions store as the hosts report it: a built-in backend, or `custom` (SDK). */
export const StorageBackendKindSchema = z.enum(['sqlite', 'json', 'memory', 'postgres', 'custom'])
