import type { Queryable } from '../pgPool'

export const version = 2
export const name = 'change notifications'

/** The channel every ActiveMirror database notifies on (docs/storage.md "PostgreSQL"). */
export const CHANGE_CHANNEL = 'amos_changes'

/**
 * Live changes across machines: every committed change to a session, its messages or the
 * folders sends NOTIFY on CHANGE_CHANNEL with `<schema> <session id>` (an empty id for
 * folders), so any writer — this app on another machine, the CLI, a hand-written tool using
 * these tables — is seen by every open app without polling. PostgreSQL delivers a transaction's
 * notifications only when it commits and folds identical ones within it, so an import of a
 * thousand messages to one session notifies once. A message deleted together with its session
 * needs no notice of its own: the session's is there.
 */
export async function up(db: Queryable): Promise<void> {
  await db.query(`
    CREATE FUNCTION amos_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed text;
    BEGIN
      IF TG_TABLE_NAME = 'folders' THEN
        changed := '';
      ELSIF TG_TABLE_NAME = 'sessions' THEN
        changed := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
      ELSE
        changed := CASE WHEN TG_OP = 'DELETE' THEN OLD.session_id ELSE NEW.session_id END;
      END IF;
      PERFORM pg_notify('${CHANGE_CHANNEL}', TG_TABLE_SCHEMA || ' ' || changed);
      RETURN NULL;
    END $$;
    CREATE TRIGGER sessions_notify AFTER INSERT OR UPDATE OR DELETE ON sessions
      FOR EACH ROW EXECUTE FUNCTION amos_notify_change();
    CREATE TRIGGER messages_notify AFTER INSERT OR UPDATE OR DELETE ON messages
      FOR EACH ROW EXECUTE FUNCTION amos_notify_change();
    CREATE TRIGGER folders_notify AFTER INSERT OR UPDATE OR DELETE ON folders
      FOR EACH ROW EXECUTE FUNCTION amos_notify_change();
  `)
}
