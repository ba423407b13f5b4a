using Kiosk.Bpjs.Text;

namespace Kiosk.Bpjs.Outbox;

/// <summary>Reports BPJS has not taken yet; <see cref="OldestSince"/> is the oldest one's event time, with the site's offset.</summary>
public sealed record ReportBacklog(int Count, DateTimeOffset? OldestSince)
{
    /// <summary>"12 laporan BPJS menunggu koneksi sejak 08.14", or null when nothing waits.</summary>
    public string? Text => Count > 0 && OldestSince is { } since ? BpjsTeks.Backlog(Count, since) : null;
}
