using Kiosk.Bpjs.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.Bpjs.References;

/// <summary>
/// Fetches the references once a day: at start (unless the start check already did) and again after each local
/// midnight. A failed fetch is tried again on the reports' <see cref="RetrySchedule"/> shape (growing waits with jitter,
/// up to its cap) while the last list stays in use. When a list arrives the mapping is checked again; a service mapped
/// to a poli BPJS does not list is logged as a critical line (the bridge cannot stop mid-day: reports keep queueing,
/// and BPJS refuses only that service's tickets, which the officer sees).
/// </summary>
public sealed partial class ReferenceRefresher(
    BpjsReferences references,
    RetrySchedule retry,
    TimeProvider time,
    ILogger<ReferenceRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var today = references.Today;
            if (references.FetchedDay == today)
            {
                await Task.Delay(UntilNextDay(), time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            string? failure;
            try
            {
                var fetch = await references.FetchAsync(today, stoppingToken).ConfigureAwait(false);
                failure = fetch.Snapshot is null ? fetch.Outcome.Message : null;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                // The list came but could not be kept (a failing disk): tried again like a failed fetch, the loop lives on.
                failure = $"the list could not be kept in the outbox file: {e.Message}";
            }

            if (failure is not null)
            {
                failures++;
                var wait = retry.After(failures);
                LogFetchFailed(today, failures, failure, wait.TotalSeconds, references.Current?.Day);
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            failures = 0;
            foreach (var problem in references.MappingProblems())
            {
                LogMappingProblem(problem);
            }
        }
    }

    /// <summary>From now to the site's next local midnight (at least a second, so a clock exactly at midnight moves on).</summary>
    private TimeSpan UntilNextDay()
    {
        var now = time.GetLocalNow();
        var midnight = now.Date.AddDays(1);
        var next = new DateTimeOffset(midnight, time.LocalTimeZone.GetUtcOffset(midnight));
        var wait = next - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BPJS references of {Day} not fetched (attempt {Attempt}: {Reason}); again in {Seconds:F0} s; in use meanwhile: the list of {Kept}")]
    private partial void LogFetchFailed(DateOnly day, int attempt, string reason, double seconds, DateOnly? kept);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Problem}")]
    private partial void LogMappingProblem(string problem);
}
