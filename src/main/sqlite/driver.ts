/**
 * The one place the SQLite driver is named. better-sqlite3-multiple-ciphers is better-sqlite3
 * with SQLite3 Multiple Ciphers compiled in: the same API and file format for plain databases,
 * plus encrypted ones (see cipher.ts). Everything else imports the driver and its types from here.
 */
import Database from 'better-sqlite3-multiple-ciphers'

export default Database
export type { Database, Statement, Transaction } from 'better-sqlite3-multiple-ciphers'
