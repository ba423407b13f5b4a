using System.Globalization;
using Kiosk.District.Configuration;
using Kiosk.District.Text;
using Microsoft.Extensions.Options;

namespace Kiosk.District.Health;

/// <summary>
/// Whether the ingest reaches PostgreSQL and the NATS cluster, and since when not: the pages show <see cref="Banners"/>
/// to the operator. Each change of state is logged once (one Indonesian line), never each retry.
/// </summary>
public sealed partial class DistrictHealth(TimeProvider time, IOptions<DistrictOptions> options, ILogger<DistrictHealth> logger)
{
    private readonly Lock gate = new();
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>When PostgreSQL stopped answering (the district's clock); null while it answers.</summary>
    public DateTimeOffset? DatabaseDownSince { get; private set; }

    /// <summary>When the NATS cluster stopped answering (unreachable or without quorum); null while it answers.</summary>
    public DateTimeOffset? ClusterDownSince { get; private set; }

    /// <summary>The operator's lines for what is wrong now, in Bahasa Indonesia; empty when all is well.</summary>
    public IReadOnlyList<string> Banners
    {
        get
        {
            lock (gate)
            {
                List<string> lines = [];
                if (DatabaseDownSince is { } database)
                {
                    lines.Add(IngestTeks.DatabaseDown(Clock(database)));
                }

                if (ClusterDownSince is { } cluster)
                {
                    lines.Add(IngestTeks.ClusterDown(Clock(cluster)));
                }

                return lines;
            }
        }
    }

    /// <summary>Raised after a state change (not on every retry).</summary>
    public event EventHandler? Changed;

    internal void DatabaseFailed(Exception cause)
    {
        if (Set(database: true, down: true) is { } since)
        {
            LogDown(logger, IngestTeks.DatabaseDown(Clock(since)), cause);
        }
    }

    internal void DatabaseAnswered()
    {
        if (Set(database: true, down: false) is not null)
        {
            LogUp(logger, IngestTeks.DatabaseBack);
        }
    }

    internal void ClusterFailed(Exception? cause)
    {
        if (Set(database: false, down: true) is { } since)
        {
            LogDown(logger, IngestTeks.ClusterDown(Clock(since)), cause);
        }
    }

    internal void ClusterAnswered()
    {
        if (Set(database: false, down: false) is not null)
        {
            LogUp(logger, IngestTeks.ClusterBack);
        }
    }

    /// <summary>The new "since" when the state changed, else null.</summary>
    private DateTimeOffset? Set(bool database, bool down)
    {
        DateTimeOffset? changed;
        lock (gate)
        {
            var current = database ? DatabaseDownSince : ClusterDownSince;
            if ((current is not null) == down)
            {
                return null;
            }

            var now = time.GetUtcNow();
            changed = now;
            if (database)
            {
                DatabaseDownSince = down ? now : null;
            }
            else
            {
                ClusterDownSince = down ? now : null;
            }
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return changed;
    }

    private string Clock(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("HH.mm", CultureInfo.InvariantCulture);

    // The line is already the operator's sentence; the exception is there for a developer reading the journal.
    [LoggerMessage(Level = LogLevel.Error, Message = "{Line}")]
    private static partial void LogDown(ILogger logger, string line, Exception? cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogUp(ILogger logger, string line);
}
