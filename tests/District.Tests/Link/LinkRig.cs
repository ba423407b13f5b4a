using Kiosk.Broker;
using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.Topics;
using Kiosk.District.Local;
using Kiosk.DistrictLink.Forwarding;
using Kiosk.DistrictLink.Hosting;
using Kiosk.Mqtt;
using Kiosk.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Kiosk.District.Tests.Link;

/// <summary>
/// A site and its district for the link's tests, all real: a private Mosquitto with the site's roles, a private NATS
/// cluster with the PUSKESMAS stream and this site's user, the kiosk's side played by an MQTT client as the
/// <c>kiosk</c> role, and the link either in-process or as a child process that a test can SIGKILL.
/// </summary>
internal sealed class LinkRig : IAsyncDisposable
{
    public const string Site = "pkm-link";
    private readonly MqttClient kiosk;
    private readonly List<ChildProcess> children = [];
    private readonly string workDirectory = Directory.CreateTempSubdirectory("klink-").FullName;

    private LinkRig(PrivateBroker broker, PrivateNatsCluster cluster, NatsConnection admin, MqttClient kiosk)
    {
        Broker = broker;
        Cluster = cluster;
        Admin = admin;
        this.kiosk = kiosk;
    }

    public PrivateBroker Broker { get; }

    public PrivateNatsCluster Cluster { get; }

    public NatsConnection Admin { get; }

    public static async Task<LinkRig> StartAsync(bool tls = false)
    {
        var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = Site, CounterCount = 1 });
        var cluster = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 3, Tls = tls, Sites = [Site] });
        var admin = cluster.Connect(cluster.AdminCredentials, "link-test-admin");
        var credentials = broker.For(BrokerRoles.Kiosk);
        var kiosk = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = ClientIds.KioskTool("linktest", Environment.ProcessId),
            Username = credentials.Username,
            Password = credentials.Password,
        });
        await kiosk.StartAsync(CancellationToken.None);
        return new LinkRig(broker, cluster, admin, kiosk);
    }

    /// <summary>The link's settings as the configuration keys of <c>district.env</c>.</summary>
    public Dictionary<string, string?> Settings()
    {
        var site = Cluster.SiteCredentials(Site);
        return new()
        {
            ["DistrictLink:Site"] = Site,
            ["DistrictLink:HeartbeatSeconds"] = "5",
            ["DistrictLink:RetryMinMilliseconds"] = "50",
            ["DistrictLink:RetryMaxSeconds"] = "1",
            ["DistrictLink:Mqtt:Host"] = Broker.Host,
            ["DistrictLink:Mqtt:Port"] = Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DistrictLink:Mqtt:Password"] = Broker.For(BrokerRoles.Bridge).Password,
            ["DistrictLink:Nats:Urls"] = Cluster.Url,
            ["DistrictLink:Nats:User"] = site.User,
            ["DistrictLink:Nats:Password"] = site.Password,
            ["DistrictLink:Nats:CaFile"] = Cluster.CaFile ?? string.Empty,
            ["DistrictLink:Nats:AckTimeoutSeconds"] = "3",
        };
    }

    public async Task<IHost> StartInProcessLinkAsync()
    {
        var settings = Settings();
        var host = DistrictLinkHost.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await host.StartAsync();
        var progress = host.Services.GetRequiredService<LinkProgress>();
        await Eventually.TrueAsync(() => progress.Subscribed, "the link has subscribed on the site's broker");
        return host;
    }

    /// <summary>The link as its own process (<c>dotnet Kiosk.DistrictLink.dll</c>) with its settings in the environment, as systemd gives them.</summary>
    public async Task<ChildProcess> StartSubscribedChildLinkAsync()
    {
        var child = StartChildLink();
        await child.WaitForOutputAsync(SubscribedLine, Eventually.DefaultTimeout);
        return child;
    }

    /// <summary>What the link logs once the broker has its subscriptions (DistrictForwarder).</summary>
    public const string SubscribedLine = "District link of " + Site + " subscribed";

    public ChildProcess StartChildLink(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var start = ChildProcess.StartInfo(DotnetHost());
        start.ArgumentList.Add(LinkAssembly());
        start.WorkingDirectory = workDirectory;
        foreach (var (key, value) in settings ?? Settings())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var child = ChildProcess.Start(start, "the district link");
        children.Add(child);
        return child;
    }

    /// <summary>
    /// The link from its own build output (bin/{configuration}/{framework} as the tests'), not the copy next to the
    /// tests: that folder is resolved against ASP.NET Core's shared framework, which the link's runtimeconfig lacks.
    /// </summary>
    private static string LinkAssembly()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = framework.Parent!.Name;
        var path = Path.Combine(Repository.Root, "DistrictLink", "bin", configuration, framework.Name, "Kiosk.DistrictLink.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The district link is not built at {path}.");
    }

    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Publishes events <paramref name="first"/>..first+count-1 as the kiosk would (QoS 1, in order) and waits for every PUBACK.</summary>
    public async Task<IReadOnlyList<Guid>> PublishEventsAsync(long first, int count)
    {
        var topic = new SiteTopics(Site).Events;
        var ids = new List<Guid>();
        var acknowledged = new List<Task>();
        for (var sequence = first; sequence < first + count; sequence++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            var payload = EventEnvelope.Encode(id, sequence, "ticket-issued", DateTimeOffset.UtcNow, Site, "{\"nomor\":1}");
            acknowledged.Add(kiosk.PublishAsync(new MqttApplicationMessage(topic, payload, MqttQos.AtLeastOnce), CancellationToken.None));
        }

        await Task.WhenAll(acknowledged).WaitAsync(Eventually.DefaultTimeout);
        return ids;
    }

    public Task PublishRawAsync(string topic, byte[] payload) =>
        kiosk.PublishAsync(new MqttApplicationMessage(topic, payload, MqttQos.AtLeastOnce), CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);

    /// <summary>How many messages the stream holds (after JetStream's de-duplication).</summary>
    public async Task<long> StreamCountAsync()
    {
        var stream = await new NatsJSContext(Admin).GetStreamAsync(DistrictSubjects.StreamName);
        return (long)stream.Info.State.Messages;
    }

    public async Task WaitForStreamCountAsync(long count, string what, TimeSpan? timeout = null, ChildProcess? link = null)
    {
        long last = -1;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while ((last = await TryStreamCountAsync()) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}: the stream holds {last} of {count}.{(link is null ? "" : $" The link's output:\n{link.Output}")}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The count, or -1 while the cluster cannot answer (a stream without a leader just after a restart).</summary>
    private async Task<long> TryStreamCountAsync()
    {
        try
        {
            return await StreamCountAsync();
        }
        catch (NatsException)
        {
            return -1;
        }
    }

    /// <summary>Every message of the stream in stream order: its subject, Nats-Msg-Id and bytes.</summary>
    public async Task<IReadOnlyList<StoredMessage>> ReadStreamAsync()
    {
        var total = await StreamCountAsync();
        var consumer = await new NatsJSContext(Admin).CreateOrderedConsumerAsync(DistrictSubjects.StreamName);
        var stored = new List<StoredMessage>();
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: timeout.Token))
        {
            var id = message.Headers?.TryGetValue("Nats-Msg-Id", out var values) == true ? values.ToString() : string.Empty;
            stored.Add(new StoredMessage(message.Subject, id, message.Data ?? []));
            if (stored.Count == total)
            {
                break;
            }
        }

        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in children)
        {
            await child.DisposeAsync();
        }

        await kiosk.DisposeAsync();
        await Admin.DisposeAsync();
        await Cluster.DisposeAsync();
        await Broker.DisposeAsync();
        Directory.Delete(workDirectory, recursive: true);
    }
}

internal sealed record StoredMessage(string Subject, string MessageId, byte[] Payload)
{
    public EventEnvelope Event => Kiosk.Contract.Json.ContractJson.Deserialize<EventEnvelope>(Payload);
}
