using System.Text.Json;
using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.State;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Engine;
using Kiosk.Queue.Model;
using Kiosk.Queue.Outbox;
using Kiosk.Queue.Results;
using Kiosk.Queue.Storage;
using Kiosk.Queue.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.Queue;

/// <summary>
/// The one authority for queue numbers and queue state of a site. Thread-safe: every call is serialised
/// through one lock and one SQLite connection (the one writer). Every state change is committed (ticket rows,
/// outbox events and, for counter commands, the answer) in one fsynced transaction before the call returns.
/// </summary>
public sealed partial class QueueEngine : IDisposable
{
    private readonly ValidatedConfiguration _config;
    private readonly TicketLog _log;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Ticket> _tickets = [];
    // Mobile JKN bookings of later days: numbers of a day not open yet, never in a queue or on the wire before it opens.
    private readonly Dictionary<Guid, Ticket> _advanceBookings = [];
    private readonly Dictionary<string, int> _lastNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CounterRow> _counters = new(StringComparer.Ordinal);
    private DayRow _day = new(DateOnly.MinValue, 0, null);
    private long _sequence;
    private bool _disposed;
    private bool _clockBehind;

    private QueueEngine(ValidatedConfiguration config, TicketLog log, TimeProvider time, ILogger logger)
    {
        _config = config;
        _log = log;
        _time = time;
        _logger = logger;
    }

    public QueueEngineOptions Options => _config.Options;

    public string DatabasePath => _log.Path;

    public TimeZoneInfo TimeZone => _config.Zone;

    /// <summary>
    /// Validates the options (<see cref="QueueConfigurationException"/> names the bad key), opens or creates the ticket log,
    /// refuses a corrupt file (<see cref="QueueDatabaseException"/> names the file to restore), migrates it and rolls the
    /// business day forward when the site's local date has passed it.
    /// </summary>
    /// <summary>Checks the options as <see cref="Open"/> would, without touching the database (the doctor's read-only check).</summary>
    /// <exception cref="QueueConfigurationException">A value the engine cannot start with, key named.</exception>
    public static void ValidateConfiguration(QueueEngineOptions options) => _ = ValidatedConfiguration.Validate(options);

    public static QueueEngine Open(QueueEngineOptions options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var config = ValidatedConfiguration.Validate(options);
        var log = TicketLog.Open(options.DatabasePath, options.BusyTimeout, config.Zone);
        var engine = new QueueEngine(config, log, time, logger ?? NullLogger.Instance);
        try
        {
            engine.Load();
            return engine;
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    private void Load()
    {
        _sequence = _log.LoadSequence();
        foreach (var counter in _log.LoadCounters())
        {
            _counters[counter.Id] = counter;
        }

        foreach (var counter in _config.Options.Counters.Where(c => !_counters.ContainsKey(c.Id)))
        {
            _counters[counter.Id] = new CounterRow(counter.Id, false, null, 0);
        }

        if (_log.LoadLatestDay() is { } day)
        {
            _day = day;
            foreach (var ticket in _log.LoadTickets(day.Day, day.Day))
            {
                Remember(ticket);
            }
        }

        foreach (var booking in _log.LoadAdvanceBookings())
        {
            _advanceBookings[booking.Id] = booking;
        }

        lock (_gate)
        {
            RollIfDue(Now());
        }

        Log.Opened(_logger, _log.Path, _log.SchemaVersion, TicketLog.DayText(_day.Day), _sequence, _tickets.Count);
    }

    /// <summary>The current business day in the site's zone (it never goes back, even when the clock does).</summary>
    public DateOnly BusinessDay
    {
        get
        {
            lock (_gate)
            {
                return _day.Day;
            }
        }
    }

    private DateTimeOffset Now() => TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _config.Zone);

    private static DateOnly LocalDate(DateTimeOffset localNow) => DateOnly.FromDateTime(localNow.DateTime);

    private void Remember(Ticket ticket)
    {
        _tickets[ticket.Id] = ticket;
        if (ticket.SequenceNumber > _lastNumber.GetValueOrDefault(ticket.ServiceCode))
        {
            _lastNumber[ticket.ServiceCode] = ticket.SequenceNumber;
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Writes a change set (and optionally a command answer) in one transaction, then applies it in memory.</summary>
    private void Commit(ChangeSet change, DateTimeOffset now, (CounterCommand Command, string ResultJson)? answer = null)
    {
        if (change.IsEmpty && answer is null)
        {
            return;
        }

        try
        {
            Write(change, now, answer);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // Disk full, SD card gone read-only, I/O error: the transaction rolled back, memory was not touched.
            throw new QueueDatabaseException(_log.Path, DatabaseText.WriteFailed(_log.Path, ex.SqliteErrorCode), ex);
        }

        Apply(change);
    }

    private void Write(ChangeSet change, DateTimeOffset now, (CounterCommand Command, string ResultJson)? answer)
    {
        var sequence = _sequence;
        MaskedCounts? masked = null;
        using (var tx = _log.BeginWrite())
        {
            if (change.Day is { } day)
            {
                _log.SaveDay(tx, day);
            }

            foreach (var ticket in change.Tickets.Values.OrderBy(t => t.TransferredFrom is null ? 0 : 1))
            {
                _log.SaveTicket(tx, ticket);
            }

            foreach (var counter in change.Counters.Values)
            {
                _log.SaveCounter(tx, counter);
            }

            foreach (var booking in change.AdvanceBookings.Values)
            {
                _log.SaveAdvanceBooking(tx, booking);
            }

            if (change.AdvanceBookingsDoneThrough is { } done)
            {
                _log.DeleteAdvanceBookingsThrough(tx, done);
            }

            foreach (var (type, payload) in change.Events)
            {
                sequence++;
                var data = payload is Ticket ticket ? Describe(ticket, change) : payload;
                var json = ContractJson.Serialize(data, data.GetType());
                _log.AppendEvent(tx, new OutboxEvent(Guid.CreateVersion7(now), sequence, type, now, json));
            }

            if (change.MaskCardDataThrough is { } through)
            {
                masked = _log.MaskCardData(tx, through);
            }

            if (answer is { } a)
            {
                _log.SaveCommand(tx, a.Command.CommandId, a.Command.CounterId, a.Command.Kind.ToString(), now.ToUnixTimeMilliseconds(), a.ResultJson);
            }

            tx.Commit();
        }

        _sequence = sequence;
        if (masked is not null && change.MaskCardDataThrough is { } maskedThrough)
        {
            Log.CardDataMasked(_logger, TicketLog.DayText(maskedThrough), masked.CardNumbers, masked.Notes, masked.Replies);
        }
    }

    private void Apply(ChangeSet change)
    {
        if (change.Day is { } newDay && newDay.Day != _day.Day)
        {
            _tickets.Clear();
            _lastNumber.Clear();
        }

        if (change.Day is { } d)
        {
            _day = d;
        }

        foreach (var ticket in change.Tickets.Values)
        {
            Remember(ticket);
        }

        foreach (var counter in change.Counters.Values)
        {
            _counters[counter.Id] = counter;
        }

        foreach (var booking in change.AdvanceBookings.Values)
        {
            _advanceBookings[booking.Id] = booking;
        }

        if (change.AdvanceBookingsDoneThrough is { } done)
        {
            foreach (var id in _advanceBookings.Values.Where(b => b.BusinessDay <= done).Select(b => b.Id).ToList())
            {
                _advanceBookings.Remove(id);
            }
        }
    }

    /// <summary>
    /// Closes the business day once the site's local date has passed it, and opens today's. A clock that went back
    /// (NTP correcting a Pi without RTC) leaves the business day where it is, so numbers continue and never repeat.
    /// </summary>
    private bool RollIfDue(DateTimeOffset now)
    {
        var today = LocalDate(now);
        if (_day.Day == DateOnly.MinValue)
        {
            OpenDay(today, now);
            return true;
        }

        if (today <= _day.Day)
        {
            // Log once per episode, not on every button press while NTP has the clock behind.
            if (today < _day.Day && !_clockBehind)
            {
                Log.ClockBehind(_logger, TicketLog.DayText(today), TicketLog.DayText(_day.Day));
            }

            _clockBehind = today < _day.Day;
            return false;
        }

        if (_day.ClosedAtMs is null)
        {
            CloseCurrentDay(now);
        }

        OpenDay(today, now);
        return true;
    }

    private void OpenDay(DateOnly day, DateTimeOffset now)
    {
        var change = new ChangeSet { Day = new DayRow(day, now.ToUnixTimeMilliseconds(), null) };
        change.Events.Add((EventTypes.DayOpened, new DayData(day, 0)));
        var (booked, missed) = OpenAdvanceBookings(day, now, change);
        Commit(change, now);
        Log.DayOpened(_logger, TicketLog.DayText(day));
        if (booked > 0 || missed > 0)
        {
            Log.AdvanceBookingsOpened(_logger, TicketLog.DayText(day), booked, missed);
        }
    }

    /// <summary>
    /// Retention of card data (README, "Card data at rest"): a full card number is kept only while its business day is
    /// open, for the counter that serves the patient. The close masks every stored copy (tickets, notes, stored counter
    /// replies) in its own transaction, then truncates the WAL so no old page image keeps one; secure_delete zeroes
    /// what the masking freed. In memory only the last four digits remain too.
    /// </summary>
    private void MaskCardDataInMemory()
    {
        foreach (var ticket in _tickets.Values.Where(t => t.CardData is { } card && card.Number != card.Masked).ToList())
        {
            _tickets[ticket.Id] = ticket with { CardData = ticket.CardData! with { Number = ticket.CardData.Masked } };
        }
    }

    /// <summary>Empties the WAL after a close or a retention run. A reader holding it (the doctor) only delays it to the next.</summary>
    private void TruncateWal()
    {
        try
        {
            var checkpoint = _log.CheckpointTruncate();
            if (checkpoint.Busy)
            {
                Log.CheckpointBusy(_logger, _log.Path);
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // Everything is committed already; a failed checkpoint loses nothing and the next close tries again.
            Log.CheckpointFailed(_logger, _log.Path, ex.SqliteErrorCode);
        }
    }

    private int CloseCurrentDay(DateTimeOffset now)
    {
        var change = new ChangeSet { Day = _day with { ClosedAtMs = now.ToUnixTimeMilliseconds() } };
        var expired = 0;
        foreach (var ticket in _tickets.Values.Where(t => !t.State.IsTerminal()).OrderBy(t => t.QueueKey))
        {
            change.Put(ticket with { State = TicketState.Expired, FinishedAt = now }, EventTypes.TicketExpired);
            expired++;
        }

        foreach (var counter in _counters.Values.Where(c => c.CurrentTicket is not null || c.PriorityStreak != 0))
        {
            change.Counters[counter.Id] = counter with { CurrentTicket = null, PriorityStreak = 0 };
        }

        change.Events.Add((EventTypes.DayClosed, new DayData(_day.Day, expired)));
        change.MaskCardDataThrough = _day.Day;
        Commit(change, now);
        MaskCardDataInMemory();
        TruncateWal();
        Log.DayClosed(_logger, TicketLog.DayText(_day.Day), expired);
        return expired;
    }

    /// <summary>Closes yesterday and opens today when the local date has moved on. Call it from a timer; every operation also does.</summary>
    public bool CloseDayIfDue()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return RollIfDue(Now());
        }
    }

    /// <summary>Closes the current business day now (end of service): waiting tickets expire, issuing is refused until the next day.</summary>
    public DayCloseResult CloseDay(DateOnly day)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            var now = Now();
            RollIfDue(now);
            if (day < _day.Day)
            {
                // Every earlier business day was closed by the rollover (possibly just now).
                return new DayCloseResult(day, true, 0, null);
            }

            if (day > _day.Day)
            {
                return new DayCloseResult(day, false, 0, QueueError.Invalid(
                    Teks.Petugas.NotTheRunningDay(day, _day.Day)));
            }

            if (_day.ClosedAtMs is not null)
            {
                return new DayCloseResult(day, true, 0, null);
            }

            var expired = CloseCurrentDay(now);
            return new DayCloseResult(day, true, expired, null);
        }
    }

    /// <summary>Unpublished events in sequence order (no personal data in payloads).</summary>
    public IReadOnlyList<OutboxEvent> ReadOutbox(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_gate)
        {
            ThrowIfDisposed();
            return _log.ReadOutbox(max, unpublishedOnly: true);
        }
    }

    /// <summary>Every stored event after a sequence, published or not (for replay and resynchronisation).</summary>
    public IReadOnlyList<OutboxEvent> ReadEvents(long afterSequence, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_gate)
        {
            ThrowIfDisposed();
            return _log.ReadOutbox(max, unpublishedOnly: false, afterSequence);
        }
    }

    /// <summary>The ticket log's <c>PRAGMA synchronous</c> (2 = FULL: every ticket and command commit is fsynced).</summary>
    internal long SynchronousMode
    {
        get
        {
            lock (_gate)
            {
                return _log.SynchronousMode;
            }
        }
    }

    public int MarkPublished(long uptoSequence)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return _log.MarkPublished(uptoSequence);
        }
    }

    public bool MarkPublished(Guid eventId)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return _log.MarkPublished(eventId) > 0;
        }
    }

    /// <summary>A ticket of the current business day by id (includes card data).</summary>
    public Ticket? FindTicket(Guid id)
    {
        lock (_gate)
        {
            return _tickets.GetValueOrDefault(id);
        }
    }

    /// <summary>A ticket of the current business day by its printed number.</summary>
    public Ticket? FindTicket(string number)
    {
        lock (_gate)
        {
            return FindByNumber(number);
        }
    }

    /// <summary>All tickets of the current business day, in queue order.</summary>
    public IReadOnlyList<Ticket> TodayTickets()
    {
        lock (_gate)
        {
            return _tickets.Values.OrderBy(t => t.QueueKey).ToList();
        }
    }

    /// <summary>PRAGMA integrity_check of the file (the full check; open does the quicker quick_check).</summary>
    public IReadOnlyList<string> IntegrityCheck()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return _log.IntegrityCheck();
        }
    }

    /// <summary>A pragma as the engine's own connection sees it (tests check the durability settings).</summary>
    internal string? ReadPragma(string name)
    {
        lock (_gate)
        {
            return _log.Pragma(name);
        }
    }

    /// <summary>Sets a pragma on the engine's connection; tests use max_page_count to play a full SD card.</summary>
    internal void SetPragmaForTests(string name, long value)
    {
        lock (_gate)
        {
            _log.SetPragma(name, value);
        }
    }

    private Ticket? FindByNumber(string number) =>
        _tickets.Values.FirstOrDefault(t => string.Equals(t.Number, number.Trim(), StringComparison.OrdinalIgnoreCase));

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _log.Dispose();
        }
    }
}
