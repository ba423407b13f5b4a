using System.Diagnostics;
using System.Text;
using Kiosk.Contract;
using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.District.Configuration;
using Kiosk.District.Health;
using Kiosk.District.Ingest;
using Kiosk.District.Storage;
using Kiosk.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Kiosk.District.Tests.Ingest.IngestWorld;

namespace Kiosk.District.Tests.Ingest;

public sealed class IngestTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Events_land_once_in_sequence_order_and_the_projections_follow_the_newest()
    {
        Skip.If(Missing() is not null, Missing());
        await using var world = await StartAsync("ingest_once");
        await using var host = await StartedAsync(world.BuildHost());
        var notices = host.Services.GetRequiredService<DistrictChanges>().Listen(CancellationToken.None);

        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var calledAt = Morning.AddMinutes(10);
        var recalledAt = Morning.AddMinutes(12);
        var a = new List<EventEnvelope>
        {
            Event("pkm-a", 1, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0)),
            Event("pkm-a", 2, EventTypes.TicketIssued, Ticket(first, 1, TicketState.Waiting)),
            Event("pkm-a", 3, EventTypes.TicketCalled, Ticket(first, 1, TicketState.Called, calledAt)),
            Event("pkm-a", 4, EventTypes.TicketRecalled, Ticket(first, 1, TicketState.Called, recalledAt)),
            Event("pkm-a", 5, EventTypes.TicketServed, Ticket(first, 1, TicketState.Served, recalledAt, Morning.AddMinutes(20))),
            Event("pkm-a", 6, EventTypes.TicketIssued, Ticket(second, 2, TicketState.Waiting)),
            Event("pkm-a", 7, EventTypes.DayRecap, Recap("pkm-a")),
        };
        // A site whose clock is three years behind: stored as sent, ordered by its sequence only.
        var skewed = Enumerable.Range(1, 40).Select(i => Event("pkm-b", i, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0), Morning.AddYears(-3).AddMinutes(-i))).ToList();

        foreach (var envelope in a.Concat(skewed))
        {
            await world.PublishEventAsync(envelope);
        }

        // The same message again: once with its own id (JetStream drops it), once with another id (the district drops it).
        Assert.False(await world.PublishEventAsync(a[2]), "the stream drops a repeated message id");
        Assert.True(await world.PublishEventAsync(a[2], Guid.NewGuid().ToString("D")), "a new id is stored: the district must drop it");
        Assert.True(await world.PublishEventAsync(skewed[5], "another-id"));
        await world.PublishStatusAsync("pkm-a", Status("kiosk-1", true, PrinterCondition.Ok, Morning));
        await world.PublishStatusAsync("pkm-a", Status("kiosk-1", true, PrinterCondition.PaperOut, Morning.AddMinutes(5)));
        await world.PublishStatusAsync("pkm-a", Status("kiosk-1", true, PrinterCondition.PaperOut, Morning.AddMinutes(6)));

        await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM kiosk_status WHERE at = '2026-03-02 00:36:00+00'") == 1
            && world.CountOrNone("SELECT count(*) FROM events") == 47, "every event and the newest status are in PostgreSQL", Long);
        await EventuallyAsync.TrueAsync(async () => (await world.ConsumerAsync()) is { NumAckPending: 0, NumPending: 0 }, "everything is acknowledged");

        Assert.Equal(7, world.Scalar("SELECT count(*) FROM events WHERE site = 'pkm-a'"));
        Assert.Equal(40, world.Scalar("SELECT count(*) FROM events WHERE site = 'pkm-b'"));
        Assert.Equal(1, world.Scalar("SELECT count(*) FROM events WHERE site = 'pkm-b' AND sequence = 6"));
        // Committed in sequence order per site: the log's id order equals the sequence order.
        Assert.Equal(0, world.Scalar("""
            SELECT count(*) FROM (SELECT sequence, lag(sequence) OVER (PARTITION BY site ORDER BY id) AS before FROM events) s
            WHERE before IS NOT NULL AND sequence <> before + 1
            """));
        Assert.Equal(40, world.Scalar("SELECT max(sequence) FROM events WHERE site = 'pkm-b' AND occurred_at < '2024-01-01'"));
        Assert.Equal(2, world.Scalar("SELECT count(*) FROM sites"));

        Assert.Equal(1, world.Scalar($"SELECT count(*) FROM tickets WHERE ticket_id = '{first}' AND state = 'served' AND last_sequence = 5 AND priority = 'ibu-hamil' AND first_called_at = '{calledAt.UtcDateTime:O}' AND called_at = '{recalledAt.UtcDateTime:O}'"));
        Assert.Equal(1, world.Scalar($"SELECT count(*) FROM tickets WHERE ticket_id = '{second}' AND state = 'waiting'"));
        Assert.Equal(1, world.Scalar($"SELECT count(*) FROM kiosk_status WHERE printer = 'paper-out' AND since = '{Morning.AddMinutes(5).UtcDateTime:O}'"));
        Assert.Equal(1, world.Scalar("SELECT count(*) FROM day_recaps WHERE site = 'pkm-a' AND (data->>'served')::int = 2"));
        Assert.Equal(0, world.Scalar("SELECT count(*) FROM rejected"));
        Assert.True(notices.TryRead(out var changed) && changed.Count > 0, "the dashboard was told which sites changed");
    }

    [SkippableFact]
    public async Task A_stopped_database_holds_every_message_unacknowledged_and_all_arrive_after_its_restart()
    {
        Skip.If(Missing() is not null, Missing());
        await using var world = await StartAsync("ingest_outage");
        await using var host = await StartedAsync(world.BuildHost());
        var health = host.Services.GetRequiredService<DistrictHealth>();
        for (var i = 1; i <= 10; i++)
        {
            await world.PublishEventAsync(Event("pkm-a", i, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0)));
        }

        await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM events") == 10, "the first ten are in", Long);
        await EventuallyAsync.TrueAsync(async () => (await world.ConsumerAsync()).AckFloor.StreamSeq == 10, "the first ten are acknowledged");

        await world.Postgres.StopAsync();
        for (var i = 11; i <= 60; i++)
        {
            await world.PublishEventAsync(Event("pkm-a", i, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0)));
        }

        await Eventually.TrueAsync(() => health.DatabaseDownSince is not null, "the service noticed the database is down", Long);
        var info = await world.ConsumerAsync();
        Assert.Equal(10ul, info.AckFloor.StreamSeq);
        Assert.Equal(50, info.NumAckPending + (long)info.NumPending);
        var banner = Assert.Single(health.Banners);
        Assert.StartsWith("Basis data tidak dapat dihubungi sejak 08.00", banner, StringComparison.Ordinal);

        await world.Postgres.RestartAsync();
        await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM events") == 60, "all sixty are in after the restart", Long);
        await EventuallyAsync.TrueAsync(async () => (await world.ConsumerAsync()) is { NumAckPending: 0, NumPending: 0 }, "everything is acknowledged");
        Assert.Null(health.DatabaseDownSince);
        Assert.Empty(health.Banners);
        Assert.Equal(60, world.Scalar("SELECT count(DISTINCT sequence) FROM events"));
    }

    [SkippableFact]
    public async Task Each_kind_of_bad_input_is_stored_aside_with_its_reason_and_the_rest_goes_on()
    {
        Skip.If(Missing() is not null, Missing());
        await using var world = await StartAsync("ingest_bad");
        await using var host = await StartedAsync(world.BuildHost(new() { ["District:MaxMessageBytes"] = "2048" }));
        var good = Event("pkm-a", 1, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0));
        var json = ContractJson.Serialize(Event("pkm-a", 2, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0)));
        var events = DistrictSubjects.Events("pkm-a");
        var bad = new (string Subject, byte[] Payload, string Reason)[]
        {
            (events, [], "pesan kosong"),
            (events, [0x00, 0xff, 0x13, 0x37, 0x80], "isi biner, bukan teks JSON"),
            (events, Encoding.UTF8.GetBytes("selamat pagi {"), "bukan JSON yang terbaca"),
            (events, Encoding.UTF8.GetBytes(json.Replace("\"contractVersion\":\"1.1\"", "\"contractVersion\":\"2.0\"", StringComparison.Ordinal)), "versi kontrak '2.0' tidak dikenal"),
            (events, Encoding.UTF8.GetBytes(json.Replace("\"site\":\"pkm-a\"", "\"site\":\"pkm-z\"", StringComparison.Ordinal)), "situs di dalam pesan ('pkm-z') tidak sama dengan situs pengirim ('pkm-a')"),
            (events, Encoding.UTF8.GetBytes("{\"contractVersion\":\"1.1\",\"sequence\":3}"), "isi tidak sesuai kontrak"),
            (events, Encoding.UTF8.GetBytes(json.Replace("\"data\":{", "\"data\":{\"pad\":\"" + new string('x', 4096) + "\",", StringComparison.Ordinal)), "pesan terlalu besar"),
            (DistrictSubjects.Status("pkm-a", "kiosk-1"), ContractJson.SerializeToUtf8Bytes(Status("kiosk-9", true, PrinterCondition.Ok, Morning)), "kiosk di dalam pesan ('kiosk-9')"),
            (events, Encoding.UTF8.GetBytes(json.Replace("\"data\":{", "\"data\":{\"businessDay\":\"kemarin\",", StringComparison.Ordinal).Replace("\"type\":\"day.opened\"", "\"type\":\"ticket.issued\"", StringComparison.Ordinal)), "data peristiwa ticket.issued tidak sesuai kontrak"),
        };

        await world.PublishEventAsync(good);
        foreach (var (subject, payload, _) in bad)
        {
            await world.PublishAsync(subject, payload, Guid.NewGuid().ToString("D"));
        }

        var after = Event("pkm-a", 3, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0));
        await world.PublishEventAsync(after);

        await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM rejected") == bad.Length && world.CountOrNone("SELECT count(*) FROM events") == 2,
            "each bad message is stored aside and the good ones are in", Long);
        await EventuallyAsync.TrueAsync(async () => (await world.ConsumerAsync()) is { NumAckPending: 0, NumPending: 0 }, "the bad ones are acknowledged too");
        for (var i = 0; i < bad.Length; i++)
        {
            var streamSequence = i + 2;
            await using var read = world.Database.CreateCommand($"SELECT reason, payload FROM rejected WHERE stream_seq = {streamSequence}");
            await using var row = await read.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync(), $"bad input {i} was stored");
            Assert.Contains(bad[i].Reason, row.GetString(0), StringComparison.Ordinal);
            Assert.Equal(bad[i].Payload, row.GetFieldValue<byte[]>(1));
        }
    }

    [SkippableFact]
    public async Task A_host_disposed_mid_stream_and_built_again_loses_nothing_and_writes_nothing_twice()
    {
        Skip.If(Missing() is not null, Missing());
        await using var world = await StartAsync("ingest_restart");
        const int Count = 3000;
        var publishing = Task.Run(async () =>
        {
            for (var i = 1; i <= Count; i++)
            {
                await world.PublishEventAsync(Event(i % 2 == 0 ? "pkm-a" : "pkm-b", (i + 1) / 2, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0)));
            }
        });

        // The shortest ack wait the service allows: what the stopped host had pulled but not yet received comes back after it.
        Dictionary<string, string?> settings = new() { ["District:AckWait"] = "00:00:30" };
        var first = await StartedAsync(world.BuildHost(settings));
        await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM events") > 0, "the first host wrote some rows", Long);
        await StopAsync(first);
        var written = world.Scalar("SELECT count(*) FROM events");
        output.WriteLine($"first host wrote {written} of {Count} before it was disposed");

        await using var second = await StartedAsync(world.BuildHost(settings));
        await publishing.WaitAsync(Long);
        await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM events") == Count, "every event is in after the rebuild", TimeSpan.FromMinutes(2));
        await EventuallyAsync.TrueAsync(async () => (await world.ConsumerAsync()) is { NumAckPending: 0, NumPending: 0 }, "everything is acknowledged", TimeSpan.FromMinutes(2));
        Assert.Equal(Count / 2, world.Scalar("SELECT count(*) FROM events WHERE site = 'pkm-a'"));
        Assert.Equal(Count / 2, world.Scalar("SELECT max(sequence) FROM events WHERE site = 'pkm-b'"));
        Assert.Equal(Count, world.Scalar("SELECT count(DISTINCT stream_seq) FROM events"));
    }

    [SkippableFact]
    public async Task A_link_heartbeat_is_stamped_with_the_district_clock()
    {
        Skip.If(Missing() is not null, Missing());
        await using var world = await StartAsync("ingest_link");
        await using var host = await StartedAsync(world.BuildHost());
        await using var client = world.Nats.Connect(world.Nats.SiteCredentials("pkm-a"));
        var expected = world.Clock.GetUtcNow();
        // Published until the service's subscription is live (core NATS drops what nobody hears).
        await EventuallyAsync.TrueAsync(async () =>
        {
            await client.PublishAsync(DistrictSubjects.Link("pkm-a"), ContractJson.SerializeToUtf8Bytes(Heartbeat("pkm-a")));
            await client.PublishAsync(DistrictSubjects.Link("pkm-a"), Encoding.UTF8.GetBytes("rusak"));
            return world.CountOrNone("SELECT count(*) FROM link_status") == 1;
        }, "the heartbeat is in link_status", Long);
        Assert.Equal(1, world.Scalar($"SELECT count(*) FROM link_status WHERE site = 'pkm-a' AND received_at = '{expected.UtcDateTime:O}' AND last_forwarded_sequence = 12 AND sent_at < '2024-01-01'"));
    }

    [SkippableFact]
    public async Task A_cluster_without_quorum_is_told_once_and_ingest_resumes_when_it_returns()
    {
        Skip.If(Missing() is not null, Missing());
        await using var world = await StartAsync("ingest_quorum");
        await using var host = await StartedAsync(world.BuildHost());
        var health = host.Services.GetRequiredService<DistrictHealth>();
        await world.PublishEventAsync(Event("pkm-a", 1, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0)));
        await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM events") == 1, "the first event is in", Long);

        world.Nats.Kill(1);
        world.Nats.Kill(2);
        await Eventually.TrueAsync(() => health.ClusterDownSince is not null, "the service noticed the cluster lost its quorum", Long);
        Assert.StartsWith("Klaster NATS tidak dapat dihubungi sejak 08.00", Assert.Single(health.Banners), StringComparison.Ordinal);

        await world.Nats.RestartAsync(1);
        await world.Nats.RestartAsync(2);
        await Eventually.TrueAsync(() => health.ClusterDownSince is null, "the service noticed the cluster is back", Long);
        await EventuallyAsync.TrueAsync(async () =>
        {
            try
            {
                return await world.PublishEventAsync(Event("pkm-a", 2, EventTypes.DayOpened, new DayData(new DateOnly(2026, 3, 2), 0)), "second");
            }
            catch (NATS.Client.Core.NatsException)
            {
                return false;
            }
        }, "the stream takes messages again", Long);
        await Eventually.TrueAsync(() => world.CountOrNone("SELECT count(*) FROM events") == 2, "the event after the outage is in", Long);
    }

    [Fact]
    public void Bad_settings_give_one_indonesian_line_each()
    {
        var problems = DistrictOptionsCheck.Problems(new DistrictOptions
        {
            NatsUrls = ["http://x"],
            NatsUser = "district",
            Postgres = "",
            BatchSize = 0,
            TimeZone = "Mars/Olympus",
            CaFile = "/tidak/ada.pem",
        });
        Assert.Equal(6, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("District:BatchSize: harus 1..10000", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("District:Postgres: wajib diisi", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("District:NatsPassword:", StringComparison.Ordinal));
        Assert.Empty(DistrictOptionsCheck.Problems(new DistrictOptions { NatsUrls = ["nats://127.0.0.1:4222", "tls://h2:4222"], Postgres = "Host=/tmp;Database=d" }));

        var refused = Assert.Throws<DistrictConfigurationException>(() => Hosting.DistrictHost.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["District:NatsUrls:0"] = "nats://127.0.0.1:4222",
            ["District:Postgres"] = "Host=/tmp",
            ["District:BatchSize"] = "lima ratus",
        })));
        Assert.Equal("District:BatchSize: nilai 'lima ratus' tidak dapat dibaca; tulis angka (500), durasi (00:00:05) atau teks sesuai contoh", Assert.Single(refused.Problems));
    }

    [SkippableFact]
    public async Task Writer_throughput_is_measured()
    {
        Skip.If(Kiosk.District.Local.PrivatePostgres.FindBinaries() is null, "PostgreSQL is not installed (./kiosk.sh test installs it).");
        await using var postgres = await Kiosk.District.Local.PrivatePostgres.StartAsync();
        await using var database = Npgsql.NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("ingest_rate"));
        await DistrictMigrations.MigrateAsync(database, CancellationToken.None);
        const int Batches = 40;
        const int BatchSize = 500;
        var items = new List<List<IngestItem>>();
        ulong stream = 0;
        for (var b = 0; b < Batches; b++)
        {
            var batch = new List<IngestItem>();
            for (var i = 0; i < BatchSize; i++)
            {
                var sequence = (b * BatchSize) + i + 1;
                var ticket = Ticket(Guid.NewGuid(), sequence, TicketState.Waiting);
                var bytes = ContractJson.SerializeToUtf8Bytes(Event($"pkm-{sequence % 20}", sequence, EventTypes.TicketIssued, ticket));
                batch.Add(IngestReader.Read(DistrictSubjects.Events($"pkm-{sequence % 20}"), bytes, ++stream, 256 * 1024));
            }

            items.Add(batch);
        }

        var clock = Stopwatch.StartNew();
        foreach (var batch in items)
        {
            await IngestWriter.WriteAsync(database, batch, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        clock.Stop();
        await using var count = database.CreateCommand("SELECT count(*) FROM events");
        Assert.Equal((long)Batches * BatchSize, await count.ExecuteScalarAsync());
        output.WriteLine($"ingest writer: {Batches * BatchSize} ticket events (event row + ticket row each) in {clock.Elapsed.TotalSeconds:0.00} s = {Batches * BatchSize / clock.Elapsed.TotalSeconds:0} events/s, batches of {BatchSize}");
    }
}
