using System.Text.Json.Serialization;

namespace Kiosk.Contract.Bpjs;

/// <summary>
/// Retained on <c>queue/{site}/bpjs/status</c> by the BPJS bridge (only the <c>bpjs</c> user writes it): what waits for
/// BPJS and which of today's tickets BPJS refused, for the loket page (the officer) and the kiosk's <c>doctor</c> (the
/// technician). An empty backlog and no refusals is the all-clear. The bridge republishes it on every change (at most
/// once a second) and at start; <see cref="At"/> says how fresh it is.
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

    /// <summary>Nothing waits and nothing was refused today (not on the wire: it follows from the members).</summary>
    [JsonIgnore]
    public bool AllClear => Backlog == 0 && RefusedToday == 0;
}
