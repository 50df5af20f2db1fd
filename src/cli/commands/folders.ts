import type { Folder } from '../../shared/domain'
import type { CommandContext, CommandRun } from '../context'
import { EXIT_OK } from '../errors'
import { printJson, table } from '../output'

function foldersTable(folders: Folder[]): string {
  if (folders.length === 0) return 'No folders.\n'
  return `${table([['ID', 'NAME'], ...folders.map((f) => [f.id, f.name])])}\n`
}

function printFolder(ctx: CommandContext, folder: Folder, verb: string): number {
  if (ctx.globals.json) printJson(ctx.io.stdout, folder)
  else ctx.io.stdout.write(`${verb} ${folder.id}  "${folder.name}"\n`)
  return EXIT_OK
}

export const list: CommandRun = async (ctx) => {
  const folders = await (await ctx.mirror()).folders.list()
  if (ctx.globals.json) printJson(ctx.io.stdout, folders)
  else ctx.io.stdout.write(foldersTable(folders))
  return EXIT_OK
}

export const create: CommandRun = async (ctx) => {
  const folder = await (await ctx.mirror()).folders.create(ctx.args[0]!)
  return printFolder(ctx, folder, 'Created')
}

export const rename: CommandRun = async (ctx) => {
  const api = (await ctx.mirror()).folders
  const folder = await api.resolve(ctx.args[0]!)
  return printFolder(ctx, await api.rename(folder.id, ctx.args[1]!), 'Renamed')
}

/** Its sessions stay, in no folder. */
export const remove: CommandRun = async (ctx) => {
  const api = (await ctx.mirror()).folders
  const folder = await api.resolve(ctx.args[0]!)
  await api.delete(folder.id)
  if (ctx.globals.json) printJson(ctx.io.stdout, { id: folder.id, deleted: true })
  else
    ctx.io.stdout.write(`Deleted folder ${folder.id}  "${folder.name}" (its sessions are kept)\n`)
  return EXIT_OK
}
