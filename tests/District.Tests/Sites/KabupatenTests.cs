using Kiosk.Contract.District;
using Kiosk.Contract.Reading;
using Kiosk.District.Local;
using Kiosk.Kabupaten;
using Kiosk.Simulator.Scenarios;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Npgsql;

namespace Kiosk.District.Tests.Sites;

/// <summary>
/// <c>./kiosk.sh district</c>'s own code with two Puskesmas: each plays an ordinary day (a printer fault and a five-minute
/// broker outage included) through its Mosquitto and district link into the private cluster, and the district service
/// writes it to PostgreSQL.
/// </summary>
public sealed class KabupatenTests
{
    /// <summary>A scenario day through the real kiosk and brokers; generous for a loaded 2-core machine.</summary>
    private static readonly TimeSpan DayBound = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan ArrivalBound = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task Two_sites_each_event_reaches_the_stream_once_in_order_and_then_PostgreSQL()
    {
        Skip.If(PrivateNatsCluster.FindServer() is null, "nats-server is not installed");
        Skip.If(PrivatePostgres.FindBinaries() is null, "PostgreSQL is not installed (./kiosk.sh test installs it).");
        Skip.IfNot(File.Exists("/usr/sbin/mosquitto") || File.Exists("/usr/bin/mosquitto"), "mosquitto is not installed");

        var plan = Bangkalan.Plan(2, "hari-biasa");
        await using var kabupaten = await SimulatedKabupaten.StartAsync(new KabupatenOptions { Sites = plan }, TextWriter.Null, CancellationToken.None);
        var reports = await Task.WhenAll(kabupaten.Sites.Select(s => s.Day)).WaitAsync(DayBound);

        Assert.All(reports, r => Assert.Empty(r.BrokenInvariants));
        Assert.All(reports, r => Assert.True(r.EventsCommitted > 100, $"a day of 120 patients committed only {r.EventsCommitted} events"));

        var nats = kabupaten.Nats!;
        await using var admin = nats.Connect(nats.AdminCredentials, caFile: nats.CaFile);
        var jetStream = new NatsJSContext(admin);
        foreach (var (site, report) in plan.Zip(reports))
        {
            var sequences = await StreamSequencesAsync(jetStream, site.Id, report.EventsCommitted);
            Assert.Equal(Enumerable.Range(1, report.EventsCommitted).Select(i => (long)i), sequences);
        }

        // The district service's part: each site's events once each, keyed by (site, sequence).
        await using var database = NpgsqlDataSource.Create(kabupaten.ConnectionString);
        foreach (var (site, report) in plan.Zip(reports))
        {
            var stored = await StoredAsync(database, site.Id, report.EventsCommitted);
            Assert.Equal((report.EventsCommitted, report.EventsCommitted, 1L, report.EventsCommitted), stored);
        }
    }

    /// <summary>The sequences of a site's events as the stream holds them, in stream order (read with the contract's reader).</summary>
    private static async Task<List<long>> StreamSequencesAsync(NatsJSContext jetStream, string site, int expected)
    {
        // The whole stream, filtered here: Debian's nats-server 2.9 ignores the consumer's filter_subjects (2.10).
        var consumer = await jetStream.CreateOrderedConsumerAsync(DistrictSubjects.StreamName,
            new NatsJSOrderedConsumerOpts { DeliverPolicy = ConsumerConfigDeliverPolicy.All });
        var subject = DistrictSubjects.Events(site);
        var sequences = new List<long>();
        using var bound = new CancellationTokenSource(ArrivalBound);
        try
        {
            await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: bound.Token))
            {
                if (message.Subject != subject)
                {
                    continue;
                }

                Assert.True(WireReader.TryReadEvent(message.Data, out var envelope), $"{site}: stream message {message.Metadata?.Sequence.Stream} is not an event");
                Assert.Equal(site, envelope.Site);
                sequences.Add(envelope.Sequence);
                if (sequences.Count == expected)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with what did arrive.
        }

        Assert.True(sequences.Count == expected,
            $"{site}: {sequences.Count} of {expected} events reached the stream within {ArrivalBound.TotalMinutes} min (last {sequences.LastOrDefault()}).");
        return sequences;
    }

    /// <summary>(rows, distinct sequences, lowest, highest) of a site's events once the count has arrived, or as they are at the bound.</summary>
    private static async Task<(long Rows, long Distinct, long Lowest, long Highest)> StoredAsync(NpgsqlDataSource database, string site, int expected)
    {
        var deadline = DateTime.UtcNow + ArrivalBound;
        while (true)
        {
            await using var query = database.CreateCommand(
                "SELECT count(*), count(DISTINCT sequence), coalesce(min(sequence), 0), coalesce(max(sequence), 0) FROM events WHERE site = $1");
            query.Parameters.AddWithValue(site);
            await using var reader = await query.ExecuteReaderAsync();
            await reader.ReadAsync();
            var stored = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            if (stored.Item1 >= expected || DateTime.UtcNow > deadline)
            {
                return stored;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
