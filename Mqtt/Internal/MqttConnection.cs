using System.IO.Pipelines;
using System.Threading.Channels;
using Kiosk.Mqtt.Protocol;

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

    /// <summary>The read loop is waiting for room to stage a message: silence then is ours, not the broker's.</summary>
    public volatile bool DeliveryBlocked;

    /// <summary>
    /// Received messages (and the acknowledgement each one owes) on their way to the application. The read loop only
    /// stages them, so it keeps reading PUBACKs, SUBACKs and PINGRESPs while the application is slow: a client that
    /// waited for its own PUBACK behind a full application queue would otherwise wait forever. A QoS 1/2 message is
    /// acknowledged only after the application queue took it, so the broker's in-flight window bounds what is staged.
    /// </summary>
    public Channel<(MqttApplicationMessage? Message, MqttPacket? Ack)> Deliveries { get; } =
        Channel.CreateBounded<(MqttApplicationMessage?, MqttPacket?)>(new BoundedChannelOptions(4096) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

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
