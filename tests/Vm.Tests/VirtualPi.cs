namespace Kiosk.Vm.Tests;

/// <summary>The test classes that share one guest (<see cref="GuestFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class VirtualPi : ICollectionFixture<GuestFixture>
{
    public const string Name = "virtual Pi";
}
