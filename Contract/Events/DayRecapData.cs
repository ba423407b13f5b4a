namespace Kiosk.Contract.Events;

/// <summary>The <c>data</c> of <c>day.recap</c>: the rekap harian of a closed business day. Durations are seconds.</summary>
public sealed record DayRecapData
{
    public required string Site { get; init; }

    public required DateOnly BusinessDay { get; init; }

    /// <summary>Numbers handed out to arrivals (kiosk and counter), not counting poli numbers from transfers.</summary>
    public required int Issued { get; init; }

    /// <summary>People covered, counting family tickets by family size.</summary>
    public required int Visitors { get; init; }

    public required int Served { get; init; }

    public required int NoShow { get; init; }

    public required int Transferred { get; init; }

    public required int Cancelled { get; init; }

    public required int Expired { get; init; }

    public required int Voided { get; init; }

    public required int Emergency { get; init; }

    /// <summary>Keys are the kebab-case category values.</summary>
    public required IReadOnlyList<RecapCount> ByCategory { get; init; }

    public required IReadOnlyList<RecapCount> ByPayer { get; init; }

    public required IReadOnlyList<RecapCount> ByPriority { get; init; }

    public required RecapTimes Overall { get; init; }

    public required IReadOnlyList<RecapService> Services { get; init; }

    public required IReadOnlyList<RecapHour> Hours { get; init; }

    /// <summary>Local hour (0-23) with the most numbers issued; null on an empty day.</summary>
    public required int? BusiestHour { get; init; }
}

public sealed record RecapCount(string Key, int Count);

/// <summary>Waiting (issued → first call) and service (call → done) times in seconds; null without samples.</summary>
public sealed record RecapTimes(
    int WaitSamples,
    double? AverageWaitSeconds,
    double? P90WaitSeconds,
    int ServiceSamples,
    double? AverageServiceSeconds,
    double? P90ServiceSeconds,
    double? WithinTargetShare);

public sealed record RecapService(
    string ServiceCode,
    string Name,
    bool IsPoli,
    double SopTargetSeconds,
    int Issued,
    int Served,
    int NoShow,
    int Transferred,
    int Cancelled,
    int Expired,
    int Emergency,
    RecapTimes Times);

public sealed record RecapHour(int Hour, int Issued, int Called, double? AverageWaitSeconds, double? AverageServiceSeconds);
