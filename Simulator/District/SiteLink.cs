using Kiosk.Broker;
using Kiosk.Contract.Topics;
using Kiosk.DistrictLink.Configuration;
using Kiosk.DistrictLink.Forwarding;
using Kiosk.DistrictLink.Hosting;
using Kiosk.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.District;

/// <summary>
/// The seam between a simulated Puskesmas and the real district link (Kiosk.DistrictLink): the link's host, built
/// in-process with the settings a site's <c>/etc/kiosk/district.env</c> would hold.
/// </summary>
public static class SiteLink
{
    private const string Section = DistrictLinkOptions.Section;
    private const string Mqtt = $"{Section}:{nameof(DistrictLinkOptions.Mqtt)}";
    private const string Nats = $"{Section}:{nameof(DistrictLinkOptions.Nats)}";

    /// <summary>The link of <paramref name="broker"/>'s site, not started yet.</summary>
    public static IHost Build(PrivateBroker broker, SiteLinkSettings district)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(district);
        var bridge = broker.For(BrokerRoles.Bridge);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{Section}:{nameof(DistrictLinkOptions.Site)}"] = broker.Site,
            [$"{Mqtt}:{nameof(SiteBrokerOptions.Host)}"] = broker.Host,
            [$"{Mqtt}:{nameof(SiteBrokerOptions.Port)}"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{Mqtt}:{nameof(SiteBrokerOptions.Username)}"] = bridge.Username,
            [$"{Mqtt}:{nameof(SiteBrokerOptions.Password)}"] = bridge.Password,
            [$"{Nats}:{nameof(DistrictNatsOptions.Urls)}"] = string.Join(',', district.NatsUrls),
            [$"{Nats}:{nameof(DistrictNatsOptions.User)}"] = district.User,
            [$"{Nats}:{nameof(DistrictNatsOptions.Password)}"] = district.Password,
            [$"{Nats}:{nameof(DistrictNatsOptions.CaFile)}"] = district.CaFile ?? string.Empty,
            // Several sites share one terminal in ./kiosk.sh district; a link speaks up only when something is wrong.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        return DistrictLinkHost.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
    }

    /// <summary>
    /// Makes the link's persistent session on the site's Mosquitto, with its subscriptions, before the kiosk's first
    /// event. On a real site the link has been running for days; here kiosk and link start together, and an event
    /// published before the link's SUBSCRIBE reached the broker would be queued for nobody. With the session in place
    /// the broker keeps every event for the link, however late its first connection is. Only the events: the kiosk
    /// status is retained, so the link's own subscription gets the newest one anyway (a queued copy as well would reach
    /// JetStream twice, which the stream's duplicate window drops).
    /// </summary>
    public static async Task OpenSessionAsync(PrivateBroker broker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var bridge = broker.For(BrokerRoles.Bridge);
        var routes = new LinkRoutes(broker.Site);
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = ClientIds.DistrictLink(broker.Site),
            Username = bridge.Username,
            Password = bridge.Password,
            CleanSession = false,
            ManualAcknowledgement = true,
        });
        await client.StartAsync(cancellationToken);
        var results = await client.SubscribeAsync(
            [new MqttTopicFilter(routes.EventsFilter, MqttQos.AtLeastOnce)],
            cancellationToken).WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        if (results.FirstOrDefault(r => !r.Succeeded) is { } refused)
        {
            throw new InvalidOperationException(SimulatorTeks.Kabupaten.SubscriptionRefused(broker.Site, refused.Filter));
        }

        await client.StopAsync(cancellationToken);
    }
}
