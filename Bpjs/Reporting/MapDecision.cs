namespace Kiosk.Bpjs.Reporting;

/// <summary>What the bridge does with one of the kiosk's events: report it, or nothing (with why, for the debug log).</summary>
public abstract record MapDecision
{
    private MapDecision()
    {
    }

    public sealed record Report(PlannedReport Planned) : MapDecision;

    public sealed record Skip(string Why) : MapDecision;
}
