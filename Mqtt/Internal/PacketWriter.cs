using System.Buffers;
using System.Threading.Channels;
using Kiosk.Mqtt.Protocol;

namespace Kiosk.Mqtt.Internal;

/// <summary>
/// The single writer of one connection. Callers encode packets into an in-memory buffer under a short lock and
/// return; one loop swaps buffers and writes whatever accumulated in one system call. That keeps packets in order,
/// batches small publishes, and gives QoS 0 its back-pressure: past <see cref="BackPressureBytes"/> callers wait.
/// </summary>
internal sealed class PacketWriter(TimeProvider time)
{
    internal const int BackPressureBytes = 1 << 20;

    private readonly object gate = new();
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private ArrayBufferWriter<byte> pending = new(64 * 1024);
    private ArrayBufferWriter<byte> sending = new(64 * 1024);
    private TaskCompletionSource? drained;
    private bool closed;
    private long lastEnqueued = time.GetTimestamp();

    /// <summary>When a packet was last handed to this writer (keep-alive also needs something <em>sent</em> in time).</summary>
    public long LastEnqueued => Interlocked.Read(ref lastEnqueued);

    public bool Enqueue(MqttPacket packet)
    {
        lock (gate)
        {
            if (closed)
            {
                return false;
            }

            MqttPacketEncoder.Write(packet, pending);
        }

        Wake();
        return true;
    }

    public bool EnqueuePublish(MqttApplicationMessage message, bool dup, ushort packetId)
    {
        lock (gate)
        {
            if (closed)
            {
                return false;
            }

            MqttPacketEncoder.WritePublish(message.Topic, message.Payload.Span, message.Qos, message.Retain, dup, packetId, pending);
        }

        Wake();
        return true;
    }

    /// <summary>Completed while the buffer is below the back-pressure mark; otherwise completes after the next write.</summary>
    public Task WhenWritableAsync()
    {
        lock (gate)
        {
            if (pending.WrittenCount < BackPressureBytes)
            {
                return Task.CompletedTask;
            }

            return Drained();
        }
    }

    /// <summary>Completes when everything enqueued so far has been written to the stream.</summary>
    public Task FlushAsync()
    {
        Task task;
        lock (gate)
        {
            task = Drained();
        }

        signal.Writer.TryWrite(true);
        return task;
    }

    public async Task RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            while (await signal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                signal.Reader.TryRead(out _);
                TaskCompletionSource? release;
                lock (gate)
                {
                    (pending, sending) = (sending, pending);
                    release = drained;
                    drained = null;
                }

                if (sending.WrittenCount > 0)
                {
                    await stream.WriteAsync(sending.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                    sending.ResetWrittenCount();
                }

                release?.TrySetResult();
            }
        }
        finally
        {
            lock (gate)
            {
                closed = true;
                drained?.TrySetException(new MqttNotConnectedException("The connection closed before the data was written."));
                drained = null;
            }
        }
    }

    private Task Drained()
    {
        if (closed)
        {
            return Task.FromException(new MqttNotConnectedException("The connection is closed."));
        }

        drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return drained.Task;
    }

    private void Wake()
    {
        Interlocked.Exchange(ref lastEnqueued, time.GetTimestamp());
        signal.Writer.TryWrite(true);
    }
}
