import type { Queryable } from '../pgPool'

export const version = 1
export const name = 'sessions, messages, folders, full-text index'

/**
 * The SQLite schema's final shape (its migrations 0001–0008) in one step, with PostgreSQL's own
 * types. Ids, timestamps and folder keys are compared byte by byte (COLLATE "C"), as SQLite
 * compares them, so every ordering and id range agrees across backends whatever the database's
 * locale. Metadata is kept as text, returned exactly as written (jsonb would reorder keys).
 *
 * - `messages.seq` orders messages as they were stored (newest first for search windows).
 * - The tree columns mean what they mean on SQLite (docs/storage.md "Message tree").
 * - `search_words`: the message's words folded as every backend folds them (normalizeToken),
 *   written by the app with the text; NULL for sensitive messages, which are never indexed.
 *   `word_count` is its length for bm25. A GIN index answers words and prefixes.
 * - `sessions.indexed_messages` / `indexed_words`: per-session totals kept by a trigger, so
 *   bm25's collection figures are a sum over sessions, never a scan of messages; the trigger
 *   touches only the session row the writer has locked already.
 */
export async function up(db: Queryable): Promise<void> {
  await db.query(`
    CREATE TABLE folders (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      name_key text COLLATE "C" NOT NULL CONSTRAINT folders_name_key_unique UNIQUE,
      created_at text NOT NULL
    );

    CREATE TABLE sessions (
      id text COLLATE "C" PRIMARY KEY,
      title text NOT NULL,
      title_folded text NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL,
      message_count integer NOT NULL DEFAULT 0 CHECK (message_count >= 0),
      archived boolean NOT NULL DEFAULT false,
      pinned boolean NOT NULL DEFAULT false,
      folder_id text COLLATE "C" REFERENCES folders (id) ON DELETE SET NULL,
      metadata text NOT NULL DEFAULT '{}',
      current_leaf_id text COLLATE "C",
      indexed_messages integer NOT NULL DEFAULT 0,
      indexed_words bigint NOT NULL DEFAULT 0
    );
    CREATE INDEX sessions_by_archived ON sessions (archived, pinned DESC, updated_at DESC, id DESC);
    CREATE INDEX sessions_by_order ON sessions (pinned DESC, updated_at DESC, id DESC);
    CREATE INDEX sessions_by_folder ON sessions (folder_id, pinned DESC, updated_at DESC, id DESC);

    CREATE TABLE messages (
      seq bigserial PRIMARY KEY,
      id text COLLATE "C" NOT NULL CONSTRAINT messages_id_unique UNIQUE,
      session_id text COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      parent_id text COLLATE "C" REFERENCES messages (id),
      active_child_id text COLLATE "C",
      on_path boolean NOT NULL DEFAULT false,
      role text NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool', 'function')),
      content text NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      pattern text,
      uncertainty text,
      sensitive boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'complete',
      provider text,
      model text,
      metadata text NOT NULL DEFAULT '{}',
      search_words tsvector,
      word_count integer NOT NULL DEFAULT 0,
      CHECK (NOT (sensitive AND search_words IS NOT NULL))
    );
    CREATE INDEX messages_by_session ON messages (session_id, seq);
    CREATE INDEX messages_by_parent ON messages (parent_id, seq);
    CREATE INDEX messages_roots ON messages (session_id, seq) WHERE parent_id IS NULL;
    CREATE INDEX messages_search ON messages USING gin (search_words);

    CREATE FUNCTION amos_count_indexed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.sensitive THEN
        UPDATE sessions SET indexed_messages = indexed_messages - 1,
          indexed_words = indexed_words - OLD.word_count WHERE id = OLD.session_id;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') AND NOT NEW.sensitive THEN
        UPDATE sessions SET indexed_messages = indexed_messages + 1,
          indexed_words = indexed_words + NEW.word_count WHERE id = NEW.session_id;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER messages_count_indexed_insert AFTER INSERT ON messages
      FOR EACH ROW WHEN (NOT NEW.sensitive) EXECUTE FUNCTION amos_count_indexed();
    CREATE TRIGGER messages_count_indexed_delete AFTER DELETE ON messages
      FOR EACH ROW WHEN (NOT OLD.sensitive) EXECUTE FUNCTION amos_count_indexed();
    CREATE TRIGGER messages_count_indexed_update AFTER UPDATE OF sensitive, word_count ON messages
      FOR EACH ROW WHEN (OLD.sensitive IS DISTINCT FROM NEW.sensitive
        OR OLD.word_count IS DISTINCT FROM NEW.word_count)
      EXECUTE FUNCTION amos_count_indexed();
  `)
}
