using Kiosk.Broker;
using Xunit;

namespace Kiosk.TestSupport;

/// <summary>
/// One private Mosquitto per test collection: tests in the collection share it and use their own topics or client ids.
/// Use it with <c>[Collection(SharedBroker.CollectionName)]</c> or as an <c>IClassFixture</c>.
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public const string Site = "test";
    private PrivateBroker? broker;

    public PrivateBroker Broker => broker ?? throw new InvalidOperationException("The broker fixture has not started.");

    public string Host => Broker.Host;

    public int Port => Broker.Port;

    public BrokerCredentials For(string role) => Broker.For(role);

    public async Task InitializeAsync()
    {
        broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = Site, CounterCount = 3 });
    }

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }
}
