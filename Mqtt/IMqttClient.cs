using System.Threading.Channels;

namespace Kiosk.Mqtt;

/// <summary>
/// The MQTT client the kiosk, counters and displays use. Shaped so an MQTTnet adapter could stand in one file.
/// </summary>
public interface IMqttClient : IAsyncDisposable
{
    MqttConnectionState State { get; }

    /// <summary>Raised on every state change (on the connection loop's thread; handlers must not block).</summary>
    event EventHandler<MqttConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>Received messages in arrival order; bounded, so a slow reader slows the broker connection down.</summary>
    System.Threading.Channels.ChannelReader<MqttApplicationMessage> Messages { get; }

    /// <summary>Starts the connection loop and returns once it runs; the broker need not be up.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Sends DISCONNECT (so no will is published) and ends the loop.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>
    /// QoS 0: completes when written (throws <see cref="MqttNotConnectedException"/> when offline).
    /// QoS 1/2: the message enters the session immediately; completes on PUBACK/PUBCOMP, surviving reconnects
    /// (resent with DUP=1 and the same packet id). Cancellation only stops waiting.
    /// </summary>
    Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken);

    /// <summary>Completes on SUBACK; a refused filter has return code 0x80. Filters are re-subscribed after a reconnect without session.</summary>
    Task<IReadOnlyList<MqttSubscribeResult>> SubscribeAsync(IReadOnlyList<MqttTopicFilter> filters, CancellationToken cancellationToken);

    Task UnsubscribeAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken);
}
