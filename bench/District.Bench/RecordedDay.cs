using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.Reading;
using Kiosk.District.Local;
using Kiosk.Simulator;
using Kiosk.Simulator.District;
using Kiosk.Simulator.Scenarios;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Kiosk.District.Bench;

/// <summary>
/// One Puskesmas's day as its district link forwarded it: the real kiosk host plays the scenario on simulated hardware,
/// the real link forwards the contract events into a private one-node cluster, and they are read back from the stream.
/// </summary>
internal sealed class RecordedDay
{
    /// <summary>The recording site's id; replays put each simulated site's id in its place.</summary>
    public const string Site = "rekaman";

    private static readonly TimeSpan DayBound = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ForwardBound = TimeSpan.FromMinutes(2);

    private RecordedDay(string scenario, IReadOnlyList<RecordedEvent> events)
    {
        Scenario = scenario;
        Events = events;
    }

    public string Scenario { get; }

    /// <summary>The day's events in sequence order (1..N, no gaps).</summary>
    public IReadOnlyList<RecordedEvent> Events { get; }

    public static async Task<RecordedDay> RecordAsync(Scenario day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(day);
        foreach (var (key, value) in SimulatorApp.QuietLogs)
        {
            day.Settings.TryAdd(key, value);
        }

        await using var nats = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 1, Sites = [Site] }, cancellationToken);
        var credentials = nats.SiteCredentials(Site);
        var folder = Directory.CreateTempSubdirectory("kiosk-bench-rekaman-").FullName;
        try
        {
            int committed;
            await using (var site = await SimulatedPuskesmas.StartAsync(new SimulatedPuskesmasOptions
            {
                Site = Site,
                Name = "Puskesmas Rekaman",
                Day = day,
                DataDirectory = folder,
                District = new SiteLinkSettings(nats.ClientUrls, credentials.User, credentials.Password, null),
            }, cancellationToken))
            {
                var report = await site.Day.WaitAsync(DayBound, cancellationToken);
                BenchRun.Require(report.BrokenInvariants.Count == 0, $"the recorded day broke {report.BrokenInvariants.Count} invariants");
                committed = report.EventsCommitted;
                BenchRun.Require(committed > 0, "the recorded day committed no events");
                return new RecordedDay(day.Name, await ReadBackAsync(nats, committed, cancellationToken));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The site's events from the stream, waiting until the link has forwarded all <paramref name="committed"/>.</summary>
    private static async Task<IReadOnlyList<RecordedEvent>> ReadBackAsync(PrivateNatsCluster nats, int committed, CancellationToken cancellationToken)
    {
        await using var admin = nats.Connect(nats.AdminCredentials, "bench-rekaman");
        var jetStream = new NatsJSContext(admin);
        // The whole stream, filtered here: Debian's nats-server 2.9 ignores the consumer's filter_subjects.
        var consumer = await jetStream.CreateOrderedConsumerAsync(DistrictSubjects.StreamName,
            new NatsJSOrderedConsumerOpts { DeliverPolicy = ConsumerConfigDeliverPolicy.All }, cancellationToken);
        var subject = DistrictSubjects.Events(Site);
        var events = new SortedDictionary<long, RecordedEvent>();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ForwardBound);
        try
        {
            await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: bound.Token))
            {
                if (message.Subject == subject && message.Data is { } data && WireReader.TryReadEvent(data, out var envelope))
                {
                    events.TryAdd(envelope.Sequence, RecordedEvent.From(envelope));
                    if (events.Count >= committed)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BenchFailure($"the link forwarded {events.Count} of the day's {committed} events within {ForwardBound.TotalSeconds:0} s");
        }

        var list = events.Values.ToList();
        BenchRun.Require(list[0].Sequence == 1 && list[^1].Sequence == list.Count, "the recorded day's sequences are not 1..N");
        return list;
    }
}

/// <summary>One recorded event, kept as its parts so a replay writes it for another site with a new event id.</summary>
internal sealed record RecordedEvent(long Sequence, string Type, DateTimeOffset OccurredAt, string DataJson)
{
    private const string RecordedSiteValue = "\"" + RecordedDay.Site + "\"";

    public static RecordedEvent From(EventEnvelope envelope) =>
        new(envelope.Sequence, envelope.Type, envelope.OccurredAt, envelope.Data?.GetRawText() ?? "null");

    /// <summary>The wire bytes as site <paramref name="site"/> sends them (its id also inside the data, e.g. a day recap's).</summary>
    public byte[] Encode(string site, Guid eventId) =>
        EventEnvelope.Encode(eventId, Sequence, Type, OccurredAt, site, DataJson.Replace(RecordedSiteValue, "\"" + site + "\"", StringComparison.Ordinal));
}
