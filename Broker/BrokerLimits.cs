using System.Globalization;

namespace Kiosk.Broker;

/// <summary>
/// Size and queue limits every broker of the system applies (the site config and the private broker), so one broken or hostile
/// client cannot make the broker or another client choke on a huge message. Sized from the largest legitimate message,
/// the retained state snapshot or a day's recap (a few tens of KiB for a large Puskesmas), with a wide margin.
/// </summary>
public static class BrokerLimits
{
    /// <summary>Largest payload the broker accepts: a larger PUBLISH is acknowledged to its sender and dropped, never forwarded.</summary>
    public const int MessageSizeLimit = 128 * 1024;

    /// <summary>Largest packet of any kind: a client that sends a larger one is disconnected before the broker buffers it.</summary>
    public const int MaxPacketSize = 256 * 1024;

    /// <summary>
    /// QoS 1 messages the broker has out to one client unacknowledged (Mosquitto's default is 20). The kiosk answers and
    /// acknowledges each command as soon as its result is committed, in order; the window only decides how many commands
    /// wait in the kiosk's own queue instead of the broker's. 100 keeps a burst from paying one network round trip per
    /// command on the LAN and stays far under the kiosk client's incoming queue (1,000).
    /// </summary>
    public const int MaxInflightMessages = 100;

    /// <summary>
    /// QoS 1 messages queued for one client beyond its window (a loket PC switched off, the kiosk restarting, the
    /// district link's persistent session while the Puskesmas's uplink is down). The largest queue is the district
    /// link's: a <c>hari-sibuk</c> scenario day is 4,871 events (measured, README) plus the kiosk's status every 30 s
    /// round the clock (2,880) and on each change (a few dozen), about 7,800 messages, which the session must hold
    /// until the link is back. 30,000 holds close to four such days (a long weekend without uplink); the link
    /// subscribes to the retained state at QoS 0, so the snapshots do not queue. Beyond this the broker drops the
    /// newest for that client only. <see cref="MaxQueuedBytes"/> still bounds the memory.
    /// </summary>
    public const int MaxQueuedMessages = 30_000;

    /// <summary>
    /// The same queue in bytes: without it a hostile loket could queue 10,000 commands of 128 KiB each (1.25 GiB) for
    /// the kiosk's session and take the broker's memory on a 512 MB Pi. Real commands are under 1 KiB.
    /// </summary>
    public const int MaxQueuedBytes = 64 * 1024 * 1024;

    /// <summary>The lines in mosquitto.conf syntax; <c>Broker/mosquitto/site.conf</c> carries the same (checked by a test).</summary>
    public static IReadOnlyList<string> ConfigLines { get; } =
    [
        $"message_size_limit {MessageSizeLimit.ToString(CultureInfo.InvariantCulture)}",
        $"max_packet_size {MaxPacketSize.ToString(CultureInfo.InvariantCulture)}",
        $"max_inflight_messages {MaxInflightMessages.ToString(CultureInfo.InvariantCulture)}",
        $"max_queued_messages {MaxQueuedMessages.ToString(CultureInfo.InvariantCulture)}",
        $"max_queued_bytes {MaxQueuedBytes.ToString(CultureInfo.InvariantCulture)}",
    ];
}
