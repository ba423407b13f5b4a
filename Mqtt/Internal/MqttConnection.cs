using System.IO.Pipelines;

namespace Kiosk.Mqtt.Internal;

/// <summary>One TCP/TLS connection to the broker and the liveness facts the keep-alive monitor judges it by.</summary>
internal sealed class MqttConnection(Stream stream, TimeProvider time) : IAsyncDisposable
{
    private long lastReceived = time.GetTimestamp();
    private long pingSentAt;

    public Stream Stream { get; } = stream;

    public PipeReader Reader { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true, minimumReadSize: 16 * 1024));

    public PacketWriter Writer { get; } = new(time);

    /// <summary>When bytes last arrived from the broker.</summary>
    public long LastReceived => Interlocked.Read(ref lastReceived);

    /// <summary>Timestamp of the PINGREQ still waiting for an answer; 0 when none is.</summary>
    public long PingSentAt => Interlocked.Read(ref pingSentAt);

    /// <summary>The read loop is waiting for the application to take a message: silence then is ours, not the broker's.</summary>
    public volatile bool DeliveryBlocked;

    public void MarkReceived(long now)
    {
        Interlocked.Exchange(ref lastReceived, now);
        Interlocked.Exchange(ref pingSentAt, 0);
    }

    public void MarkPingSent(long now) => Interlocked.Exchange(ref pingSentAt, now);

    public void ClearPing() => Interlocked.Exchange(ref pingSentAt, 0);

    public async ValueTask DisposeAsync()
    {
        await Reader.CompleteAsync().ConfigureAwait(false);
        await Stream.DisposeAsync().ConfigureAwait(false);
    }
}
