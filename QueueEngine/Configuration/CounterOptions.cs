namespace Kiosk.Queue.Configuration;

/// <summary>A loket (or poli room) that calls tickets of the listed service/poli codes.</summary>
public sealed class CounterOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public IList<string> Services { get; } = [];
}
