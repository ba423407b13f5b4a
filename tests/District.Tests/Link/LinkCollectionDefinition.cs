namespace Kiosk.District.Tests.Link;

/// <summary>
/// The link's integration tests run one after another: each starts a Mosquitto, three nats-server nodes and link
/// processes, and two cores shared with the rest of the suite are enough for one such rig at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LinkCollectionDefinition
{
    public const string Name = "District link";
}
