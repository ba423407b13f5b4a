namespace Kiosk.Queue.Storage;

/// <summary>
/// Schema history, applied in order inside one transaction each, recorded in PRAGMA user_version.
/// Never edit a shipped step: sites in the field already ran it. Add a new one.
/// </summary>
internal static class Migrations
{
    // Every index is one more page written (and fsynced) per ticket, so the schema carries only what a query needs:
    // tickets are keyed by id without a rowid copy; UNIQUE(day, number) is both the last guard against a repeated
    // number and the per-day index (a number's prefix and band fix its queue, so it also implies unique (queue, seq_no));
    // the outbox is read from an in-memory low-water mark over its rowid, and event ids are unique by construction
    // (UUIDv7). Transfer links stay inside one business day and retention removes whole days, so they need no FK.
    public static IReadOnlyList<string> Steps { get; } =
    [
        // 1: the ticket log, the outbox and the processed-commands table.
        """
        CREATE TABLE site_state(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE business_days(
            day TEXT PRIMARY KEY,
            opened_at INTEGER NOT NULL,
            closed_at INTEGER) STRICT;
        CREATE TABLE counters(
            id TEXT PRIMARY KEY,
            paused INTEGER NOT NULL DEFAULT 0,
            current_ticket TEXT,
            priority_streak INTEGER NOT NULL DEFAULT 0) STRICT;
        CREATE TABLE tickets(
            id TEXT PRIMARY KEY,
            day TEXT NOT NULL REFERENCES business_days(day),
            queue TEXT NOT NULL,
            seq_no INTEGER NOT NULL,
            number TEXT NOT NULL,
            category TEXT NOT NULL,
            payer TEXT NOT NULL,
            priority TEXT NOT NULL,
            state TEXT NOT NULL,
            print_state TEXT NOT NULL,
            source TEXT NOT NULL,
            emergency INTEGER NOT NULL,
            family_size INTEGER NOT NULL,
            card_kind TEXT,
            card_number TEXT,
            issued_at INTEGER NOT NULL,
            printed_at INTEGER,
            first_called_at INTEGER,
            last_called_at INTEGER,
            finished_at INTEGER,
            called_by TEXT,
            call_count INTEGER NOT NULL,
            transferred_from TEXT,
            transferred_to TEXT,
            queue_key REAL NOT NULL,
            note TEXT,
            UNIQUE(day, number)) STRICT, WITHOUT ROWID;
        CREATE TABLE outbox(
            seq INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL,
            type TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            payload TEXT NOT NULL,
            published INTEGER NOT NULL DEFAULT 0) STRICT;
        CREATE TABLE processed_commands(
            command_id TEXT PRIMARY KEY,
            counter_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            processed_at INTEGER NOT NULL,
            result TEXT NOT NULL) STRICT;
        """,
        // 2: retention deletes old command answers by time.
        """
        CREATE INDEX processed_commands_at ON processed_commands(processed_at);
        """,
        // 3: the patient-page token printed in each ticket's QR code (null for tickets from before). No index: the
        // screens host looks tokens up in its own memory, the kiosk never does.
        """
        ALTER TABLE tickets ADD COLUMN patient_token TEXT;
        """,
        // 4: commands are stored by the contract's command type (Kiosk.Contract.Commands.CommandType), no longer by the
        // engine's own names for five of them; a repeated command id of an open day must still find its answer.
        """
        UPDATE processed_commands SET kind = CASE kind
            WHEN 'CallSpecific' THEN 'Call' WHEN 'ReturnSkipped' THEN 'Return' WHEN 'ServeDone' THEN 'Serve'
            WHEN 'IssueEmergency' THEN 'Emergency' WHEN 'IssueManual' THEN 'Issue' ELSE kind END
        WHERE kind IN ('CallSpecific', 'ReturnSkipped', 'ServeDone', 'IssueEmergency', 'IssueManual');
        UPDATE processed_commands SET result = json_set(result, '$.kind', kind)
        WHERE json_extract(result, '$.kind') <> kind;
        """,
        // 5: Mobile JKN bookings (source 'Booking'): when the patient checked in at the kiosk, and whether BPJS itself
        // cancelled it. No index: a day's tickets are in the engine's memory.
        """
        ALTER TABLE tickets ADD COLUMN checked_in_at INTEGER;
        ALTER TABLE tickets ADD COLUMN cancelled_by_bpjs INTEGER NOT NULL DEFAULT 0;
        """,
        // 6: Mobile JKN bookings for a later business day. They hold numbers of a day that is not open yet, so they
        // cannot be tickets (a ticket's day is a row of business_days, and the newest row is the running day); the
        // day's opening moves them into tickets in its own transaction. The same columns as tickets, so one reader and
        // one writer serve both; UNIQUE(day, number) guards the numbering as it does for tickets.
        """
        CREATE TABLE advance_bookings(
            id TEXT PRIMARY KEY,
            day TEXT NOT NULL,
            queue TEXT NOT NULL,
            seq_no INTEGER NOT NULL,
            number TEXT NOT NULL,
            category TEXT NOT NULL,
            payer TEXT NOT NULL,
            priority TEXT NOT NULL,
            state TEXT NOT NULL,
            print_state TEXT NOT NULL,
            source TEXT NOT NULL,
            emergency INTEGER NOT NULL,
            family_size INTEGER NOT NULL,
            card_kind TEXT,
            card_number TEXT,
            issued_at INTEGER NOT NULL,
            printed_at INTEGER,
            first_called_at INTEGER,
            last_called_at INTEGER,
            finished_at INTEGER,
            called_by TEXT,
            call_count INTEGER NOT NULL,
            transferred_from TEXT,
            transferred_to TEXT,
            queue_key REAL NOT NULL,
            note TEXT,
            patient_token TEXT,
            checked_in_at INTEGER,
            cancelled_by_bpjs INTEGER NOT NULL DEFAULT 0,
            UNIQUE(day, number)) STRICT, WITHOUT ROWID;
        """,
    ];
}
