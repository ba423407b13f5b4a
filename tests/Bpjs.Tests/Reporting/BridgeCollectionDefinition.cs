namespace Kiosk.Bpjs.Tests.Reporting;

/// <summary>The bridge's broker tests run one after another: each starts its own Mosquitto and bridge host.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BridgeCollectionDefinition
{
    public const string Name = "BPJS bridge";
}
