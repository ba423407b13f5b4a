using Kiosk.Contract.Topics;

namespace Kiosk.Mqtt.Bench;

/// <summary>
/// The bench's topics, inside its own site's tree (<see cref="SiteTopics"/>, site "bench"), where the private broker's
/// ACL lets the kiosk role publish and subscribe. None of them is a product channel.
/// </summary>
internal static class BenchTopics
{
    public static SiteTopics Site { get; } = new("bench");

    public static string Throughput => Site.Root + "/throughput";

    public static string RoundTrip => Site.Root + "/rtt";

    public static string RoundTripC => Site.Root + "/rtt-c";

    public static string Crash(string client) => Site.Root + "/crash/" + client;
}
