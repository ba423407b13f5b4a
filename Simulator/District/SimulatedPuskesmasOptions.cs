using Kiosk.Simulator.Scenarios;

namespace Kiosk.Simulator.District;

public sealed class SimulatedPuskesmasOptions
{
    /// <summary>The site id (<c>Kiosk:Site:Id</c>, the NATS subjects' <c>{site}</c>): lowercase letters, digits and '-'.</summary>
    public required string Site { get; init; }

    /// <summary>The Puskesmas's name as its kiosk prints it (<c>Kiosk:Site:Name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The day it plays; its settings get this site's id and name.</summary>
    public required Scenario Day { get; init; }

    /// <summary>The kiosk's data folder (its SQLite and recap files); the caller owns and removes it.</summary>
    public required string DataDirectory { get; init; }

    public required SiteLinkSettings District { get; init; }

    /// <summary>Progress lines of the day (the scenario runner's and this site's); none when null.</summary>
    public TextWriter? Progress { get; init; }
}
