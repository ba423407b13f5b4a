using Kiosk.Mqtt.Protocol;

namespace Kiosk.Mqtt.Internal;

/// <summary>A SUBSCRIBE or UNSUBSCRIBE waiting for its SUBACK/UNSUBACK; resent after a reconnect.</summary>
internal sealed class PendingRequest
{
    private PendingRequest(IReadOnlyList<MqttTopicFilter>? subscribe, IReadOnlyList<string>? unsubscribe, bool automatic)
    {
        SubscribeFilters = subscribe;
        UnsubscribeFilters = unsubscribe;
        Automatic = automatic;
    }

    public IReadOnlyList<MqttTopicFilter>? SubscribeFilters { get; }

    public IReadOnlyList<string>? UnsubscribeFilters { get; }

    /// <summary>The client's own re-subscribe after a session was lost: nobody awaits it.</summary>
    public bool Automatic { get; }

    public ushort PacketId { get; set; }

    public TaskCompletionSource<IReadOnlyList<MqttSubscribeResult>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static PendingRequest Subscribe(IReadOnlyList<MqttTopicFilter> filters, bool automatic = false) => new(filters, null, automatic);

    public static PendingRequest Unsubscribe(IReadOnlyList<string> filters) => new(null, filters, automatic: false);

    public MqttPacket ToPacket() => SubscribeFilters is not null
        ? new SubscribePacket(PacketId, SubscribeFilters)
        : new UnsubscribePacket(PacketId, UnsubscribeFilters!);
}
