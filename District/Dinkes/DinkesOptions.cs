namespace Kiosk.District.Dinkes;

/// <summary>Settings of the Dinkes pages, section <c>District:Dinkes</c>.</summary>
public sealed class DinkesOptions
{
    public const string Section = "District:Dinkes";

    /// <summary>
    /// The SOP waiting-time target per service code, in minutes: the same figures the kiosk's screens use
    /// (<c>Screens/screens.json</c>), from the SOPs in the seeds (registration 3–15 min, poli by the poli's standard).
    /// A service without a target shows none and never raises a long-wait alert.
    /// </summary>
    public Dictionary<string, int> SopTargetMinutes { get; init; } = new(StringComparer.Ordinal)
    {
        ["UMUM"] = 5, ["BPJS"] = 5, ["PRIO"] = 5, ["P-UMUM"] = 15, ["P-GIGI"] = 20, ["P-KIA"] = 15, ["P-MTBS"] = 15,
        ["P-IMUN"] = 10, ["P-TB"] = 15, ["P-GIZI"] = 15, ["UGD"] = 5,
    };

    /// <summary>The district's time zone: business days, hours of the timeline and every clock time shown.</summary>
    public string TimeZone { get; init; } = "Asia/Jakarta";

    /// <summary>How often the dashboard asks PostgreSQL whether anything changed (one cheap query of three maxima).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits and staleness grow without any new row; the dashboard is recomputed at least this often while someone
    /// watches it.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    public int? TargetFor(string serviceCode) => SopTargetMinutes.TryGetValue(serviceCode, out var minutes) && minutes > 0 ? minutes : null;

    public TimeZoneInfo Zone() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
