using System.Threading.Channels;
using Kiosk.District.Health;
using Kiosk.District.Ingest;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kiosk.District.Dinkes;

/// <summary>
/// Keeps the watching browsers current. While at least one watches, it asks PostgreSQL, as soon as the ingest says a
/// commit changed rows (<see cref="DistrictChanges"/>) and otherwise once per <see cref="DinkesOptions.PollInterval"/>,
/// for three maxima (newest event id, newest kiosk and link status arrival:
/// index look-ups, cheap for sixty sites) and recomputes the view only when one moved or
/// <see cref="DinkesOptions.RefreshInterval"/> passed (waits grow and heartbeats age without any new row). Each browser
/// holds only the newest view: a slow one skips views, never slows another, never grows memory.
/// </summary>
/// <remarks>
/// The poll cadence runs on the machine's clock, not the injected <see cref="TimeProvider"/>: it is how often we look,
/// not a time the page shows. Every time the page shows comes from the injected clock through the reader. The poll stays
/// beside the ingest's notices: banners change without a commit, and waits grow with none.
/// </remarks>
public sealed partial class DashboardFeed(
    NpgsqlDataSource database,
    DashboardReader reader,
    DistrictHealth health,
    DistrictChanges changes,
    IOptions<DinkesOptions> options,
    ILogger<DashboardFeed> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private readonly List<Channel<DashboardView>> watchers = [];
    private readonly SemaphoreSlim someoneWatches = new(0);

    /// <summary>
    /// The shortest time between two views: during a rush the ingest commits several batches a second, and one view a
    /// quarter second is what a person can follow; the notices in between are read as one.
    /// </summary>
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);

    public int Watchers
    {
        get
        {
            lock (gate)
            {
                return watchers.Count;
            }
        }
    }

    /// <summary>A browser's feed, starting with a fresh view; dispose it when the browser goes.</summary>
    public async Task<Watcher> WatchAsync(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<DashboardView>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        channel.Writer.TryWrite(await reader.ReadAsync(cancellationToken).ConfigureAwait(false));
        lock (gate)
        {
            watchers.Add(channel);
        }

        someoneWatches.Release();
        return new Watcher(this, channel);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (long, DateTimeOffset, DateTimeOffset)? lastStamp = null;
        var lastPush = DateTimeOffset.MinValue;
        var lastBanners = string.Empty;
        var notices = changes.Listen(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Watchers == 0)
            {
                // Nobody watching: no queries at all until a browser comes.
                await someoneWatches.WaitAsync(stoppingToken).ConfigureAwait(false);
                lastStamp = null;
                continue;
            }

            try
            {
                var stamp = await StampAsync(stoppingToken).ConfigureAwait(false);
                // The ingest's banners change without a row: an outage shows on the next poll, not the next refresh.
                var banners = string.Join('\n', health.Banners);
                if (stamp != lastStamp || banners != lastBanners || DateTimeOffset.UtcNow - lastPush >= options.Value.RefreshInterval)
                {
                    Publish(await reader.ReadAsync(stoppingToken).ConfigureAwait(false));
                    lastStamp = stamp;
                    lastBanners = banners;
                    lastPush = DateTimeOffset.UtcNow;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A row the reader cannot make sense of must not stop the host (a background service's exception
                // would): the browsers keep their last view and the next change tries again.
                LogFailed(logger, ex);
            }

            await NextLookAsync(notices, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns at the ingest's next notice (no sooner than <see cref="Coalesce"/>) or after the poll interval.</summary>
    private async Task NextLookAsync(ChannelReader<IReadOnlyCollection<string>> notices, CancellationToken stoppingToken)
    {
        await Task.Delay(Coalesce, stoppingToken).ConfigureAwait(false);
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(options.Value.PollInterval - Coalesce > TimeSpan.Zero ? options.Value.PollInterval - Coalesce : TimeSpan.Zero);
        try
        {
            await notices.WaitToReadAsync(poll.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The poll interval passed without a notice: look anyway.
        }

        while (notices.TryRead(out _))
        {
            // One look answers every notice so far.
        }
    }

    private async Task<(long, DateTimeOffset, DateTimeOffset)?> StampAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = database.CreateCommand("""
                SELECT coalesce((SELECT max(id) FROM events), 0),
                       coalesce((SELECT max(received_at) FROM kiosk_status), 'epoch'::timestamptz),
                       coalesce((SELECT max(received_at) FROM link_status), 'epoch'::timestamptz)
                """);
            await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await row.ReadAsync(cancellationToken).ConfigureAwait(false);
            return (row.GetInt64(0), row.GetFieldValue<DateTimeOffset>(1), row.GetFieldValue<DateTimeOffset>(2));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Unreachable: a null stamp differs from the last good one, so the banner goes out once, and the view
            // comes back with the first stamp after the database returns.
            LogStampFailed(logger, ex.Message);
            return null;
        }
    }

    private void Publish(DashboardView view)
    {
        lock (gate)
        {
            foreach (var watcher in watchers)
            {
                watcher.Writer.TryWrite(view);
            }
        }
    }

    private void Remove(Channel<DashboardView> channel)
    {
        lock (gate)
        {
            watchers.Remove(channel);
        }
    }

    public override void Dispose()
    {
        someoneWatches.Dispose();
        base.Dispose();
    }

    public sealed class Watcher(DashboardFeed feed, Channel<DashboardView> channel) : IDisposable
    {
        public ChannelReader<DashboardView> Views => channel.Reader;

        public void Dispose() => feed.Remove(channel);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dinkes dashboard: the view could not be computed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dinkes dashboard: change check failed ({Reason})")]
    private static partial void LogStampFailed(ILogger logger, string reason);
}
