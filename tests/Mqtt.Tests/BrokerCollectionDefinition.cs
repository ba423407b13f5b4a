using Kiosk.TestSupport;

namespace Kiosk.Mqtt.Tests;

[CollectionDefinition(SharedBroker.CollectionName)]
public sealed class BrokerCollectionDefinition : ICollectionFixture<BrokerFixture>;
