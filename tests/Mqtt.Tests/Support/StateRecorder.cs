using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Kiosk.Mqtt.Tests.Support;

/// <summary>Records every StateChanged of a client so a test can wait for a transition without sleeping.</summary>
internal sealed class StateRecorder
{
    private readonly Channel<MqttConnectionStateChangedEventArgs> changes = Channel.CreateUnbounded<MqttConnectionStateChangedEventArgs>();

    public StateRecorder(IMqttClient client)
    {
        client.StateChanged += (_, e) =>
        {
            All.Enqueue(e);
            changes.Writer.TryWrite(e);
        };
    }

    public ConcurrentQueue<MqttConnectionStateChangedEventArgs> All { get; } = new();

    /// <summary>Consumes transitions until one to <paramref name="state"/> arrives.</summary>
    public async Task<MqttConnectionStateChangedEventArgs> NextAsync(MqttConnectionState state, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var change = await changes.Reader.ReadAsync(cancel.Token);
                if (change.NewState == state)
                {
                    return change;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client did not reach {state} within {timeout.TotalSeconds:0.#} s. Seen: {string.Join(", ", All.Select(c => $"{c.NewState} ({c.Reason})"))}");
        }
    }
}
