using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kiosk.Broker;
using Kiosk.Mqtt;
using Kiosk.Mqtt.Bench;

// MQTT client benchmark: this client against Mosquitto's own C tools and MQTTnet 5 (the package the design card names),
// same private broker, same run; then a QoS 1 publish in flight when the broker is SIGKILLed, for both .NET clients.
// Usage: dotnet run -c Release --project bench/Mqtt.Bench [-- --messages N --round-trips N] [--smoke: 1,000 messages,
// 50 round trips, one round]
return await BenchRun.RunAsync("Mqtt.Bench", async () =>
{
    var smoke = BenchRun.IsSmoke(args);
    var messages = Arguments.Int(args, "--messages", smoke ? 1_000 : 100_000);
    var roundTrips = Arguments.Int(args, "--round-trips", smoke ? 50 : 2_000);
    const int PayloadSize = 100;
    var rounds = smoke ? 1 : 3;

    await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = BenchTopics.Site.Site });
    var kiosk = broker.For(BrokerRoles.Kiosk);
    var tools = new MosquittoTools(broker, kiosk);
    var payload = Encoding.ASCII.GetBytes(new string('x', PayloadSize));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Private Mosquitto on 127.0.0.1:{broker.Port}; {messages:N0} messages of {PayloadSize} bytes, best of {rounds}; {roundTrips:N0} round trips."));
    Console.WriteLine();

    var results = new List<string>();
    foreach (var qos in new[] { MqttQos.AtMostOnce, MqttQos.AtLeastOnce })
    {
        double ours = 0, theirs = 0, mqttNet = 0;
        for (var round = 0; round < rounds; round++)
        {
            ours = Math.Max(ours, await Throughput.KioskClientAsync(broker, kiosk, qos, messages, payload));
            theirs = Math.Max(theirs, await tools.PublishThroughputAsync(qos, messages, payload));
            if (qos == MqttQos.AtLeastOnce)
            {
                mqttNet = Math.Max(mqttNet, await MqttNetClient.ThroughputAsync(broker, kiosk, messages, payload, new MqttClientOptions().MaxInflightMessages));
            }
        }

        BenchRun.Require(ours > 0 && theirs > 0 && (qos == MqttQos.AtMostOnce || mqttNet > 0), $"a QoS {(int)qos} throughput run delivered nothing");
        var line = string.Create(CultureInfo.InvariantCulture, $"QoS {(int)qos} throughput: Kiosk.Mqtt {ours,10:N0} msg/s | mosquitto_pub {theirs,10:N0} msg/s | ratio {ours / theirs:0.00}x");
        Console.WriteLine(line);
        results.Add(line);
        if (qos == MqttQos.AtLeastOnce)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"QoS 1 throughput: Kiosk.Mqtt {ours,10:N0} msg/s | MQTTnet 5.2   {mqttNet,10:N0} msg/s | ratio {ours / mqttNet:0.00}x"));
        }
    }

    var ourLatency = await Latency.KioskClientAsync(broker, kiosk, roundTrips, payload);
    var theirLatency = await tools.RoundTripAsync(roundTrips, payload);
    BenchRun.Require(ourLatency.P50 > 0 && theirLatency.P50 > 0, "a round-trip run measured nothing");
    var latency = string.Create(CultureInfo.InvariantCulture,
        $"QoS 1 round trip (publish -> own subscription): Kiosk.Mqtt p50 {ourLatency.P50:0} us, p99 {ourLatency.P99:0} us | mosquitto_pub->mosquitto_sub p50 {theirLatency.P50:0} us, p99 {theirLatency.P99:0} us | p99 ratio {ourLatency.P99 / theirLatency.P99:0.00}x");
    Console.WriteLine(latency);
    Console.WriteLine();
    Console.WriteLine("mosquitto_pub runs with --repeat (one process, one connection); its QoS 1 waits for each PUBACK before the next publish,");
    Console.WriteLine("Kiosk.Mqtt keeps up to MaxInflightMessages (1024) unacknowledged. The C round trip includes two pipe hops (stdin of mosquitto_pub -l, stdout of mosquitto_sub).");
    Console.WriteLine();

    // Its own broker with packet logging (the DUP flag of a resend shows in Mosquitto's debug log), so the figures above
    // are not slowed by it.
    await using (var crashBroker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = BenchTopics.Site.Site, ExtraConfigLines = ["log_type debug"] }))
    {
        var crashUser = crashBroker.For(BrokerRoles.Kiosk);
        Console.WriteLine("Broker SIGKILLed with a QoS 1 publish in flight (CleanSession=false), restarted on the same port:");
        Console.WriteLine("  " + await BrokerCrash.KioskClientAsync(crashBroker, crashUser));
        Console.WriteLine("  " + await BrokerCrash.MqttNetAsync(crashBroker, crashUser));
    }

    return 0;
});
