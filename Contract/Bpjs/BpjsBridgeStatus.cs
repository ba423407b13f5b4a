using System.Text.Json.Serialization;

namespace Kiosk.Contract.Bpjs;

/// <summary>
/// Retained on <c>queue/{site}/bpjs/status</c> by the BPJS bridge (only the <c>bpjs</c> user writes it): what waits for
/// BPJS and which of today's tickets BPJS refused, for the loket page (the officer) and the kiosk's <c>doctor</c> (the
/// technician). An empty backlog and no refusals is the all-clear. The bridge republishes it on every change (at most
/// once a second) and on every (re)connect; <see cref="At"/> says how fresh it is. The bridge's MQTT last will is
/// <see cref="Offline"/> (<see cref="Running"/> false), so a bridge that dies without a word does not leave "all well".
/// </summary>
public sealed record BpjsBridgeStatus
{
    /// <summary>At most this many refused tickets are listed (the newest); <see cref="RefusedToday"/> counts them all.</summary>
    public const int MaxListed = 100;

    public string ContractVersion { get; init; } = Contract.ContractVersion.Current;

    /// <summary>When this status was composed, with the site's offset.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Reports BPJS has not taken yet.</summary>
    public required int Backlog { get; init; }

    /// <summary>The oldest waiting report's event time, with the site's offset; null when nothing waits.</summary>
    public required DateTimeOffset? OldestWaitingSince { get; init; }

    /// <summary>"12 laporan BPJS menunggu koneksi sejak 08.14"; null when nothing waits.</summary>
    public required string? BacklogText { get; init; }

    /// <summary>Today's tickets whose reports BPJS refused for good (oldest first, the newest <see cref="MaxListed"/>).</summary>
    public required IReadOnlyList<BpjsRefusedTicket> Refused { get; init; }

    /// <summary>How many of today's tickets were refused, listed or not.</summary>
    public required int RefusedToday { get; init; }

    /// <summary>
    /// False when the bridge is not running: its MQTT last will (the broker publishes it when the bridge's connection
    /// dies without DISCONNECT: process killed, power cut, network gone) or its word at a clean stop. Absent on a live
    /// status (added in 1.1 without a version change: an older reader skips it), so absent means running.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Running { get; init; }

    /// <summary>The bridge is known not to be running (not on the wire: it follows from <see cref="Running"/>).</summary>
    [JsonIgnore]
    public bool IsOffline => Running == false;

    /// <summary>
    /// Nothing waits, nothing was refused today and the bridge runs (not on the wire: it follows from the members).
    /// </summary>
    [JsonIgnore]
    public bool AllClear => !IsOffline && Backlog == 0 && RefusedToday == 0;

    /// <summary>
    /// "The bridge is not running", stamped <paramref name="at"/>: in the last will, when the will was armed (the bridge's
    /// start: MQTT 3.1.1 fixes the will at CONNECT, so it cannot carry the moment of death); at a clean stop, the stop.
    /// What waited and what was refused are unknown once the bridge is gone, so the counts are zero and the list empty.
    /// </summary>
    public static BpjsBridgeStatus Offline(DateTimeOffset at) => new()
    {
        At = at,
        Running = false,
        Backlog = 0,
        OldestWaitingSince = null,
        BacklogText = null,
        Refused = [],
        RefusedToday = 0,
    };
}
