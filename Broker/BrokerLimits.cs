using System.Globalization;

namespace Kiosk.Broker;

/// <summary>
/// Size limits every broker of the system applies (the site config and the private broker), so one broken or hostile
/// client cannot make the broker or another client choke on a huge message. Sized from the largest legitimate message,
/// the retained state snapshot or a day's recap (a few tens of KiB for a large Puskesmas), with a wide margin.
/// </summary>
public static class BrokerLimits
{
    /// <summary>Largest payload the broker accepts: a larger PUBLISH is acknowledged to its sender and dropped, never forwarded.</summary>
    public const int MessageSizeLimit = 128 * 1024;

    /// <summary>Largest packet of any kind: a client that sends a larger one is disconnected before the broker buffers it.</summary>
    public const int MaxPacketSize = 256 * 1024;

    /// <summary>The lines in mosquitto.conf syntax; <c>Broker/mosquitto/site.conf</c> carries the same (checked by a test).</summary>
    public static IReadOnlyList<string> ConfigLines { get; } =
    [
        $"message_size_limit {MessageSizeLimit.ToString(CultureInfo.InvariantCulture)}",
        $"max_packet_size {MaxPacketSize.ToString(CultureInfo.InvariantCulture)}",
    ];
}
