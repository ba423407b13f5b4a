using System.Globalization;
using Kiosk.Device.Configuration;
using Kiosk.Device.Health;
using Kiosk.Device.Publishing;
using Kiosk.Queue;
using Kiosk.Queue.Results;
using Kiosk.Queue.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.DayClose;

/// <summary>
/// Closes the business day at the configured closing time (or at local midnight at the latest), then writes the daily
/// recap (rekap harian) as CSV and HTML and sends it as a <c>day.recap</c> event through the outbox. A day that closed while the kiosk
/// was off (power cut over night) gets its recap at the next start. After each close, and once at start (a kiosk that was
/// off at the close catches up), retention archives the days older than <c>Queue:RetentionDays</c> to CSV and deletes them,
/// at most <see cref="RetentionDaysPerRun"/> days per check, so a kiosk that was off for a year catches up over the next
/// checks (every 20 s) instead of holding the engine through one long run.
/// </summary>
public sealed partial class DayCloseService(
    QueueEngine engine,
    OutboxSignal outbox,
    LoopHeartbeats heartbeats,
    IOptions<KioskOptions> options,
    TimeProvider time,
    ILogger<DayCloseService> logger) : BackgroundService
{
    public const string LoopName = "day-close";
    public const string RecapEventType = Kiosk.Contract.Events.EventTypes.DayRecap;
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(20);
    private const int CatchUpDays = 7;

    /// <summary>
    /// Days archived per check. One day is a CSV pair (fsynced) and one delete: 20-26 ms for a day of 100 tickets on the
    /// development VM (bench/QueueEngine.Bench), more on a Pi's SD card; the engine is locked meanwhile, so a patient's
    /// button press waits at most for five of them. Normal operation has one day due per close; a year's backlog of about
    /// 335 days takes 67 checks, about 22 minutes.
    /// </summary>
    public const int RetentionDaysPerRun = 5;

    // Due at start (the close may have happened while the kiosk was off) and after every close.
    private bool retentionDue = true;

    // One check at a time: the loop's and one asked for from outside (a clock set by hand) must not both close the day
    // and write its recap twice.
    private readonly SemaphoreSlim checking = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        heartbeats.Register(LoopName);
        try
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await LoopFailure.PauseAsync(logger, ex, LoopName, heartbeats, stoppingToken);
            }

            using var timer = new PeriodicTimer(CheckEvery, time);
            do
            {
                heartbeats.Beat(LoopName);
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await LoopFailure.PauseAsync(logger, ex, LoopName, heartbeats, stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            heartbeats.Unregister(LoopName);
        }
    }

    /// <summary>One check: midnight roll-over, then the configured closing time, then retention when due. Returns the day closed, if any.</summary>
    public async Task<DateOnly?> CheckAsync(CancellationToken cancellationToken)
    {
        await checking.WaitAsync(cancellationToken);
        try
        {
            var closed = await CloseIfDueAsync(cancellationToken);
            retentionDue |= closed is not null;
            ApplyRetentionIfDue();
            if (closed is not null)
            {
                ReturnMemoryAfterClose();
            }

            return closed;
        }
        finally
        {
            checking.Release();
        }
    }

    /// <summary>
    /// Checks now instead of at the next tick (up to 20 s later): after the clock was set by hand, the day closes when
    /// the clock is set, as the technician expects. A failure is logged; the loop checks again at its next tick.
    /// </summary>
    public void CheckNow() => _ = Task.Run(async () =>
    {
        try
        {
            await CheckAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCheckNowFailed(logger, ex);
        }
    });

    /// <summary>
    /// The closed day's tickets, recap and archive are garbage now, most of it promoted to the oldest generation while
    /// the day ran, where the GC would leave it until its next full collection. The kiosk is idle after the close and
    /// on a 512 MB Pi shares memory with the waiting-room TV's browser: one compacting collection returns it to the OS
    /// (GCCollectionMode.Aggressive also releases the GC's free regions). A few milliseconds once a day.
    /// </summary>
    private static void ReturnMemoryAfterClose() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    public override void Dispose()
    {
        checking.Dispose();
        base.Dispose();
    }

    /// <summary>The last retention run that archived something.</summary>
    public RetentionReport? LastRetention { get; private set; }

    /// <summary>
    /// Archives and deletes at most <see cref="RetentionDaysPerRun"/> days older than the retention, when a close or the
    /// start made it due; it stays due while older days are left. Returns what it did, or null when nothing was due.
    /// A failure to write the archive (disk full, folder not writable) is logged and tried again after the next close.
    /// </summary>
    public RetentionReport? ApplyRetentionIfDue()
    {
        if (!retentionDue)
        {
            return null;
        }

        RetentionReport report;
        try
        {
            report = engine.ApplyRetention(RetentionDaysPerRun);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or QueueDatabaseException)
        {
            retentionDue = false;
            LogRetentionFailed(logger, ex, engine.Options.RetentionDays, ex.Message);
            return null;
        }

        retentionDue = report.DaysStillDue > 0;
        if (report.DaysArchived.Count > 0)
        {
            LastRetention = report;
            LogRetention(logger, report.DaysArchived.Count, Day(report.DaysArchived[0]), Day(report.DaysArchived[^1]),
                report.TicketsDeleted, engine.Options.RetentionDays, report.DaysStillDue);
        }

        return report;
    }

    private async Task<DateOnly?> CloseIfDueAsync(CancellationToken cancellationToken)
    {
        var before = engine.BusinessDay;
        if (engine.CloseDayIfDue())
        {
            outbox.Nudge();
            await RecapAsync(before, cancellationToken);
            return before;
        }

        if (ClosingTime() is { } closeAt)
        {
            var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), engine.TimeZone);
            var today = engine.BusinessDay;
            if (DateOnly.FromDateTime(local.DateTime) == today && TimeOnly.FromDateTime(local.DateTime) >= closeAt && !File.Exists(RecapFiles.CsvPath(options.Value.DataDirectory, today)))
            {
                var closed = engine.CloseDay(today);
                if (closed.Succeeded)
                {
                    outbox.Nudge();
                    LogClosed(logger, Day(today), closed.ExpiredTickets);
                    await RecapAsync(today, cancellationToken);
                    return today;
                }

                LogCloseRefused(logger, Day(today), closed.Error?.Message ?? "unknown");
            }
        }

        return null;
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var today = engine.BusinessDay;
        for (var back = CatchUpDays; back >= 1; back--)
        {
            var day = today.AddDays(-back);
            if (!File.Exists(RecapFiles.CsvPath(options.Value.DataDirectory, day)) && engine.GetDailyRecap(day).Issued > 0)
            {
                await RecapAsync(day, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Commits the recap as a <c>day.recap</c> outbox event first (durable, sequenced, published like every event),
    /// then writes the files; a power cut between the two makes the next start write them (and send the recap again).
    /// </summary>
    private Task RecapAsync(DateOnly day, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var recap = engine.RecordDailyRecap(day);
        outbox.Nudge();
        var (csv, html) = RecapFiles.Write(options.Value.DataDirectory, options.Value.Site.Name, recap);
        LogRecapWritten(logger, Day(day), csv, html);
        return Task.CompletedTask;
    }

    private TimeOnly? ClosingTime() =>
        TimeOnly.TryParseExact(options.Value.DayCloseTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    /// <summary>ISO dates in logs: the logger would print a DateOnly as a US date (12/01/2026).</summary>
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Business day {Day} closed at the closing time; {Expired} waiting tickets expired")]
    private static partial void LogClosed(ILogger logger, string day, int expired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing business day {Day} was refused: {Reason}")]
    private static partial void LogCloseRefused(ILogger logger, string day, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention archived {Days} business days ({First} to {Last}, {Tickets} tickets) older than {RetentionDays} days and deleted them from the ticket log; {StillDue} older days left for the next checks")]
    private static partial void LogRetention(ILogger logger, int days, string first, string last, int tickets, int retentionDays, int stillDue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention ({RetentionDays} days) could not archive old business days: {Reason}; nothing was deleted that was not archived, it tries again after the next close")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception, int retentionDays, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The day-close check asked for after a clock change failed; the loop checks again at its next tick")]
    private static partial void LogCheckNowFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily recap for {Day} written to {Csv} and {Html}")]
    private static partial void LogRecapWritten(ILogger logger, string day, string csv, string html);
}
