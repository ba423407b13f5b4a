using Kiosk.Contract.Bpjs;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// What a loket session knows of the BPJS bridge: its last status and, once the bridge stopped while this session
/// watched, when that was.
/// </summary>
/// <remarks>
/// The bridge's "not running" status is mostly its MQTT last will, fixed when the bridge connected: it cannot say when the
/// bridge died. The session can: the broker sends the will within one and a half keep-alives of the death, so the moment a
/// "not running" status follows a running one is the time to show. A session that starts while the bridge is already gone
/// does not know it, and says so without a time. Today's refusals stay true while the bridge is gone (the will knows none),
/// so they are kept from the last status that listed them.
/// </remarks>
/// <param name="Status">The status to show.</param>
/// <param name="OfflineSince">When this session saw the bridge stop; null while it runs or when the session did not see it stop.</param>
internal sealed record BpjsSeen(BpjsBridgeStatus Status, DateTimeOffset? OfflineSince)
{
    public static BpjsSeen Next(BpjsSeen? previous, BpjsBridgeStatus read, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!read.IsOffline)
        {
            return new BpjsSeen(read, null);
        }

        if (previous is null)
        {
            return new BpjsSeen(read, null);
        }

        var kept = read with { Refused = previous.Status.Refused, RefusedToday = previous.Status.RefusedToday };
        return new BpjsSeen(kept, previous.Status.IsOffline ? previous.OfflineSince : now);
    }
}
