namespace Kiosk.TestSupport;

/// <summary>Marker for the xunit collection that shares one <see cref="BrokerFixture"/>; each test assembly declares its own definition.</summary>
public static class SharedBroker
{
    public const string CollectionName = "private-broker";
}
