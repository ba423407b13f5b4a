namespace Kiosk.Queue.Configuration;

/// <summary>One numbered queue: a registration service or a poli. Both number the same way.</summary>
internal sealed record QueueDefinition(
    string Code, string Prefix, string Name, bool IsPoli, TimeSpan SopTarget, int? DailyCap, int NumberStart, int? NumberEnd,
    ServiceOptions? Service)
{
    public string FormatNumber(int sequence) => $"{Prefix}-{sequence:D3}";
}
