using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;

namespace Kiosk.Bpjs.Status;

/// <summary>
/// What the broker says for the bridge when the bridge cannot: the retained "not running" status, as the MQTT last will of
/// the bridge's site connection (process killed, power cut of its PC, network gone) and as the bridge's own word at a
/// clean stop (a DISCONNECT suppresses the will). The live status the bridge publishes on every (re)connect replaces it.
/// </summary>
public static class BridgeLastWill
{
    /// <summary>The offline status, retained at QoS 1 on <c>queue/{site}/bpjs/status</c> like the live one.</summary>
    public static MqttApplicationMessage Message(SiteTopics topics, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return new MqttApplicationMessage(topics.BpjsStatus, ContractJson.SerializeToUtf8Bytes(BpjsBridgeStatus.Offline(WholeSeconds(at))), MqttQos.AtLeastOnce, Retain: true);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);
}
