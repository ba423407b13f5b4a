using Kiosk.TestSupport;

namespace Kiosk.Broker.Tests;

[CollectionDefinition(SharedBroker.CollectionName)]
public sealed class BrokerCollectionDefinition : ICollectionFixture<BrokerFixture>;
