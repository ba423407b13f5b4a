namespace Kiosk.Queue.Configuration;

/// <summary>A poli/cluster the loket routes patients on to (Umum, Gigi, KIA, MTBS, ...), with its own queue.</summary>
public sealed class PoliOptions
{
    public string Code { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string Name { get; set; } = "";
    public TimeSpan SopTarget { get; set; } = TimeSpan.FromMinutes(10);
}
