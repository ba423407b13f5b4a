namespace Kiosk.District.Storage;

/// <summary>
/// The district database, step by step. A step is never edited once released: a change is a new step. The ingest
/// writes <c>events</c> (the log, one row per site and sequence) and, in the same transaction, the projections the pages
/// read (<c>tickets</c>, <c>kiosk_status</c>, <c>day_recaps</c>); <c>rejected</c> keeps what could not be read, with why.
/// </summary>
public static class DistrictSchema
{
    public static IReadOnlyList<string> Steps { get; } =
    [
        """
        CREATE TABLE sites (
            site        text PRIMARY KEY,
            name        text,
            first_seen  timestamptz NOT NULL DEFAULT now()
        );

        -- The log: exactly one row per (site, sequence); id is the order rows were committed in.
        CREATE TABLE events (
            id            bigserial PRIMARY KEY,
            site          text NOT NULL REFERENCES sites(site),
            sequence      bigint NOT NULL,
            event_id      uuid NOT NULL,
            type          text NOT NULL,
            occurred_at   timestamptz NOT NULL,
            business_day  date,
            data          jsonb,
            stream_seq    bigint NOT NULL,
            received_at   timestamptz NOT NULL,
            UNIQUE (site, sequence)
        );
        CREATE INDEX events_site_day ON events (site, business_day);

        -- Each ticket as its newest event left it (an older event never overwrites a newer one: last_sequence).
        CREATE TABLE tickets (
            site               text NOT NULL REFERENCES sites(site),
            ticket_id          uuid NOT NULL,
            business_day       date NOT NULL,
            number             text NOT NULL,
            service_code       text NOT NULL,
            state              text NOT NULL,
            category           text NOT NULL,
            payer              text NOT NULL,
            priority           text NOT NULL,
            is_emergency       boolean NOT NULL,
            family_size        integer NOT NULL,
            counter_id         text,
            issued_at          timestamptz NOT NULL,
            first_called_at    timestamptz,
            called_at          timestamptz,
            finished_at        timestamptz,
            transferred_from   uuid,
            transferred_to     uuid,
            last_sequence      bigint NOT NULL,
            PRIMARY KEY (site, ticket_id)
        );
        CREATE INDEX tickets_site_day ON tickets (site, business_day);

        -- The newest status of each kiosk; since = when online/printer last changed.
        CREATE TABLE kiosk_status (
            site               text NOT NULL REFERENCES sites(site),
            kiosk_id           text NOT NULL,
            online             boolean NOT NULL,
            printer            text NOT NULL,
            message            text NOT NULL,
            unprinted_tickets  integer NOT NULL,
            at                 timestamptz NOT NULL,
            heartbeat_seconds  integer,
            since              timestamptz NOT NULL,
            received_at        timestamptz NOT NULL,
            PRIMARY KEY (site, kiosk_id)
        );

        CREATE TABLE day_recaps (
            site          text NOT NULL REFERENCES sites(site),
            business_day  date NOT NULL,
            data          jsonb NOT NULL,
            PRIMARY KEY (site, business_day)
        );

        -- The newest heartbeat of each site's district link (core NATS; received_at is the district's clock).
        CREATE TABLE link_status (
            site                      text PRIMARY KEY REFERENCES sites(site),
            site_broker_connected     boolean NOT NULL,
            last_forwarded_sequence   bigint,
            site_sequence             bigint,
            heartbeat_seconds         integer NOT NULL,
            sent_at                   timestamptz NOT NULL,
            received_at               timestamptz NOT NULL
        );

        -- What arrived but could not be read as the contract: kept with the reason, never applied.
        CREATE TABLE rejected (
            id           bigserial PRIMARY KEY,
            subject      text NOT NULL,
            site         text,
            reason       text NOT NULL,
            payload      bytea NOT NULL,
            size         integer NOT NULL,
            stream_seq   bigint NOT NULL UNIQUE,
            received_at  timestamptz NOT NULL
        );

        -- Dinkes staff; password_hash from ASP.NET Core Identity's PasswordHasher (PBKDF2), never a hand-written hash.
        CREATE TABLE dinkes_users (
            username       text PRIMARY KEY,
            display_name   text NOT NULL,
            password_hash  text NOT NULL,
            created_at     timestamptz NOT NULL DEFAULT now()
        );
        """,

        // A kiosk status has no sequence of its own: the stream's order decides which is newer (never the site's clock),
        // so a redelivered older status cannot overwrite a newer one.
        """
        ALTER TABLE kiosk_status ADD COLUMN stream_seq bigint NOT NULL DEFAULT 0;
        """,
    ];
}
