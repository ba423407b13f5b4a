using System.Text.Json;
using Kiosk.Contract;
using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.Status;
using Kiosk.District.Hosting;
using Kiosk.District.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Npgsql;

namespace Kiosk.District.Tests.Ingest;

/// <summary>
/// A private PostgreSQL database and a private three-node NATS cluster (TLS, the district's users and permissions, the
/// stream R3), a publisher that writes real contract
/// JSON made by the contract's types, and the district host built in-process on a fake clock.
/// </summary>
internal sealed class IngestWorld : IAsyncDisposable
{
    private readonly NatsConnection publisher;

    private IngestWorld(PrivatePostgres postgres, string connectionString, PrivateNatsCluster nats)
    {
        Postgres = postgres;
        ConnectionString = connectionString;
        Nats = nats;
        publisher = nats.Connect(nats.AdminCredentials, "ingest-test");
        JetStream = new NatsJSContext(publisher);
        Database = NpgsqlDataSource.Create(connectionString);
    }

    public PrivatePostgres Postgres { get; }

    public string ConnectionString { get; }

    public PrivateNatsCluster Nats { get; }

    public NatsJSContext JetStream { get; }

    public NpgsqlDataSource Database { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public static string? Missing() =>
        PrivatePostgres.FindBinaries() is null ? "PostgreSQL is not installed (./kiosk.sh test installs it)."
        : PrivateNatsCluster.FindServer() is null ? "nats-server is not installed" : null;

    public static async Task<IngestWorld> StartAsync(string database)
    {
        var postgres = await PrivatePostgres.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync(database);
        var nats = await PrivateNatsCluster.StartAsync(new PrivateNatsClusterOptions { Nodes = 3, Tls = true, Sites = ["pkm-a", "pkm-b"] });
        return new IngestWorld(postgres, connectionString, nats);
    }

    public WebApplication BuildHost(Dictionary<string, string?>? settings = null) => DistrictHost.Build([], builder =>
    {
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var values = new Dictionary<string, string?>
        {
            ["District:NatsUser"] = Nats.DistrictCredentials.User,
            ["District:NatsPassword"] = Nats.DistrictCredentials.Password,
            ["District:CaFile"] = Nats.CaFile,
            ["District:Postgres"] = ConnectionString,
            ["District:BatchSize"] = "100",
            ["District:FetchWait"] = "00:00:01",
            ["District:RetryMax"] = "00:00:00.500",
        };
        for (var i = 0; i < Nats.ClientUrls.Count; i++)
        {
            values[$"District:NatsUrls:{i}"] = Nats.ClientUrls[i];
        }

        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddSingleton<TimeProvider>(Clock);
    });

    public static async Task<WebApplication> StartedAsync(WebApplication host)
    {
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return host;
    }

    /// <summary>Publishes and waits for the stream's acknowledgement; true when the stream stored it, false for a duplicate id it dropped.</summary>
    public async Task<bool> PublishAsync(string subject, byte[] payload, string? messageId = null)
    {
        var ack = await JetStream.PublishAsync(subject, payload, opts: messageId is null ? null : new NatsJSPubOpts { MsgId = messageId }).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        if (ack.Duplicate)
        {
            return false;
        }

        ack.EnsureSuccess();
        return true;
    }

    /// <summary>Stops the host the way the service stops (its loops end, nothing uncommitted is acknowledged), then disposes it.</summary>
    public static async Task StopAsync(WebApplication host)
    {
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await host.DisposeAsync();
    }

    public Task<bool> PublishEventAsync(EventEnvelope envelope, string? messageId = null) =>
        PublishAsync(DistrictSubjects.Events(envelope.Site), ContractJson.SerializeToUtf8Bytes(envelope), messageId ?? envelope.EventId.ToString("D"));

    public Task<bool> PublishStatusAsync(string site, KioskStatus status) =>
        PublishAsync(DistrictSubjects.Status(site, status.KioskId), ContractJson.SerializeToUtf8Bytes(status), DistrictSubjects.StatusMessageId(site, status.KioskId, status.At));

    public long Scalar(string sql)
    {
        using var command = Database.CreateCommand(sql);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The count, or -1 while PostgreSQL is down (a wait keeps waiting).</summary>
    public long CountOrNone(string sql)
    {
        try
        {
            return Scalar(sql);
        }
        catch (NpgsqlException)
        {
            return -1;
        }
    }

    public async Task<NATS.Client.JetStream.Models.ConsumerInfo> ConsumerAsync()
    {
        var consumer = await JetStream.GetConsumerAsync(DistrictSubjects.StreamName, DistrictSubjects.DistrictConsumer).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        return consumer.Info;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await publisher.DisposeAsync();
        await Nats.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    // --- Contract messages, made by the contract's own types ---

    public static readonly DateTimeOffset Morning = new(2026, 3, 2, 7, 30, 0, TimeSpan.FromHours(7));

    public static EventEnvelope Event(string site, long sequence, string type, object? data, DateTimeOffset? at = null) => new()
    {
        EventId = Guid.NewGuid(),
        Sequence = sequence,
        Type = type,
        OccurredAt = at ?? Morning.AddMinutes(sequence),
        Site = site,
        Data = data switch
        {
            null => null,
            TicketData ticket => JsonSerializer.SerializeToElement(ticket, ContractJson.TypeInfo<TicketData>()),
            DayRecapData recap => JsonSerializer.SerializeToElement(recap, ContractJson.TypeInfo<DayRecapData>()),
            DayData day => JsonSerializer.SerializeToElement(day, ContractJson.TypeInfo<DayData>()),
            _ => throw new ArgumentException("unknown data", nameof(data)),
        },
    };

    public static TicketData Ticket(Guid id, int number, TicketState state, DateTimeOffset? calledAt = null, DateTimeOffset? finishedAt = null) => new()
    {
        TicketId = id,
        Number = $"A-{number:000}",
        ServiceCode = "A",
        BusinessDay = new DateOnly(2026, 3, 2),
        State = state,
        PrintState = PrintState.Printed,
        Category = PatientCategory.Lama,
        Payer = Payer.Bpjs,
        Priority = PriorityKind.IbuHamil,
        IsEmergency = false,
        FamilySize = 1,
        CounterId = calledAt is null ? null : "1",
        CallCount = calledAt is null ? 0 : 1,
        IssuedAt = Morning,
        CalledAt = calledAt,
        FinishedAt = finishedAt,
        TransferredFrom = null,
        TransferredFromNumber = null,
        TransferredTo = null,
        HasCardData = false,
        QueuePosition = state == TicketState.Waiting ? 0 : null,
    };

    public static KioskStatus Status(string kiosk, bool online, PrinterCondition printer, DateTimeOffset at) => new()
    {
        KioskId = kiosk,
        Online = online,
        Printer = printer,
        Message = "x",
        UnprintedTickets = 0,
        At = at,
        HeartbeatSeconds = 30,
    };

    public static DayRecapData Recap(string site) => new()
    {
        Site = site,
        BusinessDay = new DateOnly(2026, 3, 2),
        Issued = 3, Visitors = 3, Served = 2, NoShow = 1, Transferred = 0, Cancelled = 0, Expired = 0, Voided = 0, Emergency = 0,
        ByCategory = [new RecapCount("lama", 3)],
        ByPayer = [new RecapCount("bpjs", 3)],
        ByPriority = [new RecapCount("none", 3)],
        Overall = new RecapTimes(2, 60, 90, 2, 120, 150, 1),
        Services = [],
        Hours = [],
        BusiestHour = 7,
    };

    public static LinkHeartbeat Heartbeat(string site) => new()
    {
        Site = site,
        SentAt = Morning.AddYears(-3),
        SiteBrokerConnected = true,
        LastForwardedSequence = 12,
        SiteSequence = 14,
        HeartbeatSeconds = 10,
    };
}
