/// The store's migrations, in order. Shipped migrations are immutable: change the schema with a new one.
///
/// Conventions: instants are INTEGER milliseconds since the epoch (UTC) in `*_ms` columns; booleans are
/// 0/1 INTEGERs; JSON is TEXT in `*_json` columns. Rows that only make sense for a live integration or person
/// reference them with ON DELETE CASCADE (foreign_keys=ON is set on every connection).
enum CalSyncSchema {
    static let migrator = Migrator([
        Migration("001-integrations-and-instructors", sql: integrationsAndInstructors),
        Migration("002-training-events", sql: trainingEvents),
        Migration("003-pull-state", sql: pullState),
        Migration("004-push-state-and-operations", sql: pushState),
        Migration("005-sync-runs", sql: syncRuns),
        Migration("006-integration-purge", sql: integrationPurge),
        Migration("007-operation-not-before", sql: operationNotBefore),
        Migration("008-absences", sql: absences),
        Migration("009-directory-states", sql: directoryStates),
        Migration("010-pull-error-http-status", sql: pullErrorHTTPStatus),
        Migration("011-one-open-operation-per-key", sql: oneOpenOperationPerKey),
        Migration("012-neutral-connection", pausesForeignKeys: true, sql: neutralConnection),
    ])

    static let integrationsAndInstructors = """
        CREATE TABLE integrations (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            client_id TEXT NOT NULL,
            client_secret TEXT NOT NULL,
            establishments_json TEXT NOT NULL DEFAULT '[]',
            graph_base_url TEXT NOT NULL,
            authority_host TEXT NOT NULL,
            settings_json TEXT NOT NULL DEFAULT '{}',
            created_at_ms INTEGER NOT NULL
        );
        CREATE TABLE instructors (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            establishment TEXT,
            time_zone TEXT,
            sync_enabled INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE instructor_matches (
            integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
            instructor_id TEXT NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            calendar_user_id TEXT,
            calendar_user_mail TEXT,
            reason TEXT,
            mailbox_time_zone TEXT,
            matched_at_ms INTEGER,
            matched_email TEXT,
            PRIMARY KEY (integration_id, instructor_id)
        ) WITHOUT ROWID;
        CREATE INDEX instructor_matches_by_instructor ON instructor_matches(instructor_id);
        """

    /// Assignments do not reference `instructors`: the scheduler may assign a person it has not sent yet.
    static let trainingEvents = """
        CREATE TABLE training_events (
            id TEXT PRIMARY KEY NOT NULL,
            title TEXT NOT NULL,
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            time_zone TEXT NOT NULL,
            location TEXT,
            description TEXT,
            status TEXT NOT NULL
        );
        CREATE TABLE event_assignments (
            event_id TEXT NOT NULL REFERENCES training_events(id) ON DELETE CASCADE,
            instructor_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (event_id, instructor_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_assignments_by_instructor ON event_assignments(instructor_id, event_id);
        """

    /// Busy blocks are WITHOUT ROWID, so the by-person index carries the primary key too: with the remaining
    /// columns it covers the availability query (`instructor_id = ? AND start_ms < ? AND end_ms > ?`), which then
    /// never reads the table, and its order is the query's ORDER BY (no sort step). It is on start_ms because the pull window is mostly future (1 day back, 180 ahead):
    /// a query near "now" stops scanning at its end instead of reading every future block.
    static let pullState = """
        CREATE TABLE busy_blocks (
            integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
            instructor_id TEXT NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
            external_id TEXT NOT NULL,
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            show_as TEXT NOT NULL,
            is_all_day INTEGER NOT NULL,
            PRIMARY KEY (integration_id, instructor_id, external_id)
        ) WITHOUT ROWID;
        CREATE INDEX busy_blocks_by_instructor_start
            ON busy_blocks(instructor_id, start_ms, end_ms, integration_id, external_id, show_as, is_all_day);
        CREATE TABLE delta_states (
            integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
            instructor_id TEXT NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
            calendar_user_id TEXT NOT NULL,
            delta_link TEXT,
            window_start_ms INTEGER NOT NULL,
            window_end_ms INTEGER NOT NULL,
            last_success_at_ms INTEGER,
            last_error_at_ms INTEGER,
            last_error_code TEXT,
            last_error_message TEXT,
            PRIMARY KEY (integration_id, instructor_id)
        );
        CREATE INDEX delta_states_by_instructor ON delta_states(instructor_id);
        """

    /// Mappings outlive their person (the pusher still has to delete the person's events), not their integration.
    /// Operations are a log: they outlive both, and AUTOINCREMENT keeps ids (paging cursors) from being reused.
    static let pushState = """
        CREATE TABLE event_mappings (
            integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
            item_kind TEXT NOT NULL,
            item_id TEXT NOT NULL,
            instructor_id TEXT NOT NULL,
            calendar_user_id TEXT NOT NULL,
            external_id TEXT,
            transaction_id TEXT NOT NULL,
            generation INTEGER NOT NULL,
            fingerprint TEXT,
            updated_at_ms INTEGER NOT NULL,
            PRIMARY KEY (integration_id, item_kind, item_id, instructor_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_mappings_by_mailbox ON event_mappings(integration_id, calendar_user_id, external_id);
        CREATE INDEX event_mappings_by_instructor ON event_mappings(instructor_id);
        CREATE INDEX event_mappings_by_item ON event_mappings(item_kind, item_id);
        CREATE TABLE operations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            integration_id TEXT NOT NULL,
            item_kind TEXT NOT NULL,
            item_id TEXT NOT NULL,
            instructor_id TEXT NOT NULL,
            action TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at_ms INTEGER NOT NULL,
            last_attempt_at_ms INTEGER,
            external_id TEXT,
            error_code TEXT,
            error_message TEXT,
            http_status INTEGER,
            note TEXT
        );
        CREATE INDEX operations_by_status ON operations(status, id);
        CREATE INDEX operations_by_instructor ON operations(instructor_id, id);
        CREATE INDEX operations_by_integration ON operations(integration_id, id);
        CREATE INDEX operations_by_key ON operations(integration_id, item_kind, item_id, instructor_id, id);
        """

    static let syncRuns = """
        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at_ms INTEGER NOT NULL,
            finished_at_ms INTEGER,
            instructors INTEGER NOT NULL DEFAULT 0,
            pulled INTEGER NOT NULL DEFAULT 0,
            pushed INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0
        );
        """

    /// `DELETE /v1/integrations/{id}?purgeCalendars=true`: the integration stays (inactive) until the events
    /// CalSync pushed for it are deleted; this column says since when it waits for that (NULL = not asked).
    static let integrationPurge = """
        ALTER TABLE integrations ADD COLUMN purge_requested_at_ms INTEGER;
        """

    /// A throttled or failing push waits in the outbox until `not_before_ms` (Retry-After, backoff).
    static let operationNotBefore = """
        ALTER TABLE operations ADD COLUMN not_before_ms INTEGER;
        CREATE INDEX operations_pending ON operations (status, not_before_ms) WHERE status = 'pending';
        """

    /// Leave from the HR system. An absence belongs to a known person and goes with them (their pushed
    /// events are deleted through the mappings, which outlive the person). `start_day` / `end_day` are the
    /// boundary dates as days since 1970-01-01, for range queries (by person, or "ending on or after").
    static let absences = """
        CREATE TABLE absences (
            id TEXT PRIMARY KEY NOT NULL,
            person_id TEXT NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
            account_name TEXT NOT NULL,
            counts_as_absence INTEGER NOT NULL,
            public_reason INTEGER NOT NULL,
            remote_work INTEGER NOT NULL,
            start_date TEXT NOT NULL,
            start_half TEXT NOT NULL,
            end_date TEXT NOT NULL,
            end_half TEXT NOT NULL,
            start_day INTEGER NOT NULL,
            end_day INTEGER NOT NULL,
            status TEXT NOT NULL
        );
        CREATE INDEX absences_by_person ON absences(person_id, end_day, start_day);
        CREATE INDEX absences_by_end ON absences(end_day);
        """

    /// How the last directory reads of an integration went (token and `/users`): the diagnosis of an integration
    /// whose token is refused before anyone is matched. And a person's held mass deletion, accepted by an admin
    /// (`POST /v1/sync` with `acceptDeletions`), for their next pull.
    static let directoryStates = """
        CREATE TABLE directory_states (
            integration_id TEXT PRIMARY KEY NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
            last_success_at_ms INTEGER,
            last_error_at_ms INTEGER,
            last_error_code TEXT,
            last_error_http_status INTEGER,
            last_error_message TEXT
        );
        ALTER TABLE delta_states ADD COLUMN deletions_accepted INTEGER NOT NULL DEFAULT 0;
        """

    /// The HTTP status of a person's last failed pull (null when there was no HTTP answer): the diagnosis tells an
    /// outage of the calendar service (5xx) from a problem with one mailbox (404, 403).
    static let pullErrorHTTPStatus = """
        ALTER TABLE delta_states ADD COLUMN last_error_http_status INTEGER;
        """

    /// A push key has at most one open operation (pending or failed): a change, a retry or the backstop reuses it, so
    /// the outbox never holds a key twice and a key that keeps failing is one line of the log. Older databases may
    /// hold several (a failed key queued again after another push of its item succeeded): the newest stays open, the
    /// older ones are closed as processed, their note naming it.
    static let oneOpenOperationPerKey = """
        UPDATE operations AS o SET status = 'processed',
            note = coalesce(note || '; ', '') || 'superseded by operation ' || (
                SELECT max(n.id) FROM operations n
                WHERE n.integration_id = o.integration_id AND n.item_kind = o.item_kind AND n.item_id = o.item_id
                    AND n.instructor_id = o.instructor_id AND n.status IN ('pending', 'error'))
        WHERE o.status IN ('pending', 'error') AND EXISTS (
            SELECT 1 FROM operations n
            WHERE n.integration_id = o.integration_id AND n.item_kind = o.item_kind AND n.item_id = o.item_id
                AND n.instructor_id = o.instructor_id AND n.status IN ('pending', 'error') AND n.id > o.id);
        CREATE UNIQUE INDEX operations_one_open_per_key
            ON operations(integration_id, item_kind, item_id, instructor_id) WHERE status IN ('pending', 'error');
        """
}
