namespace Kiosk.District.Tests.EndToEnd;

/// <summary>The whole-tier tests run one after another: each starts a cluster, a database and real sites.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollectionDefinition
{
    public const string Name = "district end to end";
}
