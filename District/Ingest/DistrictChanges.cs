using System.Threading.Channels;

namespace Kiosk.District.Ingest;

/// <summary>
/// Which sites' rows changed, told after each PostgreSQL commit (and each link heartbeat), for the dashboard's SSE.
/// Each listener has its own small queue; a listener that falls behind loses the oldest notices, never blocks the ingest
/// (a notice only says "read again", so the newest one is enough).
/// </summary>
public sealed class DistrictChanges
{
    private const int QueuedNotices = 64;
    private readonly Lock gate = new();
    private readonly List<Channel<IReadOnlyCollection<string>>> listeners = [];

    /// <summary>The notices from now on until <paramref name="cancellationToken"/> ends (the SSE request's abort).</summary>
    public ChannelReader<IReadOnlyCollection<string>> Listen(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<IReadOnlyCollection<string>>(new BoundedChannelOptions(QueuedNotices)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (gate)
        {
            listeners.Add(channel);
        }

        cancellationToken.Register(() =>
        {
            lock (gate)
            {
                listeners.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>Tells every listener that these sites changed.</summary>
    public void Publish(IReadOnlyCollection<string> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        if (sites.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            foreach (var listener in listeners)
            {
                listener.Writer.TryWrite(sites);
            }
        }
    }
}
