namespace Kiosk.Queue.Statistics;

/// <summary>The rekap harian the loket reports to the head of the Puskesmas.</summary>
public sealed record DailyRecap
{
    public required string SiteId { get; init; }
    public required DateOnly BusinessDay { get; init; }
    /// <summary>Numbers handed out to arrivals (kiosk and counter), not counting poli numbers from transfers.</summary>
    public int Issued { get; init; }
    /// <summary>People covered, counting family tickets by family size.</summary>
    public int Visitors { get; init; }
    public int Served { get; init; }
    public int NoShow { get; init; }
    public int Transferred { get; init; }
    public int Cancelled { get; init; }
    public int Expired { get; init; }
    public int Voided { get; init; }
    public int Emergency { get; init; }
    public IReadOnlyList<CountRow> ByCategory { get; init; } = [];
    public IReadOnlyList<CountRow> ByPayer { get; init; } = [];
    public IReadOnlyList<CountRow> ByPriority { get; init; } = [];
    public required TimeStats Overall { get; init; }
    public IReadOnlyList<ServiceRecap> Services { get; init; } = [];
    public IReadOnlyList<HourRecap> Hours { get; init; } = [];
    /// <summary>Local hour (0-23) with the most numbers issued; null on an empty day.</summary>
    public int? BusiestHour { get; init; }

    /// <summary>No ticket at all on that day (a holiday, a wrong date): the recap says so instead of a page of zeros.</summary>
    public bool HasNoData => Issued == 0 && Services.All(s => s.Issued == 0);
}

/// <summary>A count per code (<c>Key</c>, stable for spreadsheets) with the label a person reads, from Queue:Labels.</summary>
public sealed record CountRow(string Key, int Count)
{
    public string Label { get; init; } = Key;
}

/// <summary>Waiting (issued → first call) and service (call → done) times; WithinTargetShare is the share served within the SOP time.</summary>
public sealed record TimeStats(
    int WaitSamples, TimeSpan? AverageWait, TimeSpan? P90Wait,
    int ServiceSamples, TimeSpan? AverageService, TimeSpan? P90Service, double? WithinTargetShare);

public sealed record ServiceRecap(
    string Code, string Name, bool IsPoli, TimeSpan SopTarget, int Issued, int Served, int NoShow, int Transferred, int Cancelled,
    int Expired, int Emergency, TimeStats Times);

public sealed record HourRecap(int Hour, int Issued, int Called, TimeSpan? AverageWait, TimeSpan? AverageService);
