using System.Text;
using Kiosk.Broker;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Device.Configuration;
using Kiosk.Device.Tools;
using Kiosk.Mqtt;
using Kiosk.TestSupport;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// The doctor's BPJS line against a real Mosquitto: the bridge's retained status is published by a test publisher as the
/// <c>bpjs</c> user, as the bridge does, and read by the doctor as the kiosk's user.
/// </summary>
public sealed class DoctorBpjsTests
{
    private const string Site = "pkm-kokop";
    private static readonly SiteTopics Topics = new(Site);
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 2, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task The_line_follows_what_the_bridge_published_and_is_skipped_without_a_bridge()
    {
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = Site, CounterCount = 1 });
        var folder = Directory.CreateTempSubdirectory("kiosk-doctor-bpjs-").FullName;
        var setupFile = Path.Combine(folder, "bpjs.env");
        var options = new KioskOptions
        {
            Site = new SiteOptions { Id = Site },
            Mqtt = new MqttOptions { Host = broker.Host, Port = broker.Port, Password = broker.For(BrokerRoles.Kiosk).Password },
        };
        try
        {
            var none = await BpjsBridgeCheck.CheckAsync(options, setupFile, CancellationToken.None);
            Assert.Equal((DoctorOutcome.Pass, "Laporan BPJS"), (none.Outcome, none.Name));
            Assert.StartsWith("dilewati: tidak ada jembatan BPJS di Puskesmas ini", none.Detail, StringComparison.Ordinal);

            await File.WriteAllTextAsync(setupFile, "Bpjs__Site=pkm-kokop\n");
            var silent = await BpjsBridgeCheck.CheckAsync(options, setupFile, CancellationToken.None);
            Assert.Equal(DoctorOutcome.Warn, silent.Outcome);
            Assert.Contains("belum mengirim status", silent.Detail, StringComparison.Ordinal);
            Assert.Contains("systemctl status kiosk-bpjs", silent.Fix, StringComparison.Ordinal);

            await PublishAsync(broker, ContractJson.Serialize(new BpjsBridgeStatus { At = At, Backlog = 0, OldestWaitingSince = null, BacklogText = null, Refused = [], RefusedToday = 0 }));
            var clear = await BpjsBridgeCheck.CheckAsync(options, setupFile, CancellationToken.None);
            Assert.Equal((DoctorOutcome.Pass, "terkirim semua"), (clear.Outcome, clear.Detail));

            await PublishAsync(broker, ContractJson.Serialize(new BpjsBridgeStatus
            {
                At = At,
                Backlog = 12,
                OldestWaitingSince = At.AddMinutes(-48),
                BacklogText = "12 laporan BPJS menunggu koneksi sejak 08.14",
                Refused = [new BpjsRefusedTicket(Guid.NewGuid(), "B-012", "Nomor kartu tidak terdaftar"), new BpjsRefusedTicket(Guid.NewGuid(), "B-015", "Kode poli tidak sesuai")],
                RefusedToday = 2,
            }));
            var backlog = await BpjsBridgeCheck.CheckAsync(options, setupFile, CancellationToken.None);
            Assert.Equal(DoctorOutcome.Warn, backlog.Outcome);
            Assert.Equal("12 laporan BPJS menunggu koneksi sejak 08.14; 2 tiket hari ini ditolak BPJS", backlog.Detail);
            Assert.Contains("koneksi internet", backlog.Fix, StringComparison.Ordinal);
            Assert.Contains("halaman loket", backlog.Fix, StringComparison.Ordinal);

            await PublishAsync(broker, "{\"backlog\":");
            var broken = await BpjsBridgeCheck.CheckAsync(options, setupFile, CancellationToken.None);
            Assert.Equal((DoctorOutcome.Warn, "status jembatan BPJS di broker tidak dapat dibaca"), (broken.Outcome, broken.Detail));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_broker_the_line_warns_and_points_to_the_broker_line_instead_of_failing_twice()
    {
        var options = new KioskOptions { Site = new SiteOptions { Id = Site }, Mqtt = new MqttOptions { Host = "127.0.0.1", Port = LoopbackPorts.Take(), Password = "x" } };

        var check = await BpjsBridgeCheck.CheckAsync(options, "/nonexistent/bpjs.env", CancellationToken.None);

        Assert.Equal((DoctorOutcome.Warn, "Perbaiki baris Broker MQTT dulu."), (check.Outcome, check.Fix));
    }

    [Fact]
    public async Task A_bridge_whose_connection_died_without_a_word_is_awas_with_the_reason_and_live_again_once_back()
    {
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = Site, CounterCount = 1 });
        var options = new KioskOptions
        {
            Site = new SiteOptions { Id = Site },
            Mqtt = new MqttOptions { Host = broker.Host, Port = broker.Port, Password = broker.For(BrokerRoles.Kiosk).Password },
        };
        var clear = ContractJson.SerializeToUtf8Bytes(new BpjsBridgeStatus { At = At, Backlog = 0, OldestWaitingSince = null, BacklogText = null, Refused = [], RefusedToday = 0 });

        // The bridge's side: its connection carries the last will, as BpjsHost arms it, through a link the test can tear.
        var link = TcpCutProxy.Start(broker.Host, broker.Port);
        await using (var bridge = await BridgeAsync(broker, link.Port))
        {
            await bridge.PublishAsync(new MqttApplicationMessage(Topics.BpjsStatus, clear, MqttQos.AtLeastOnce, Retain: true), CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
            var live = await BpjsBridgeCheck.CheckAsync(options, "/nonexistent/bpjs.env", CancellationToken.None);
            Assert.Equal((DoctorOutcome.Pass, "terkirim semua"), (live.Outcome, live.Detail));

            // Both sockets closed under the client: no DISCONNECT reaches the broker, so it publishes the will.
            await link.DisposeAsync();
            var deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
            DoctorCheck check;
            do
            {
                check = await BpjsBridgeCheck.CheckAsync(options, "/nonexistent/bpjs.env", CancellationToken.None);
            }
            while (check.Outcome == DoctorOutcome.Pass && DateTime.UtcNow < deadline);

            Assert.Equal(DoctorOutcome.Warn, check.Outcome);
            Assert.StartsWith("jembatan BPJS tidak berjalan", check.Detail, StringComparison.Ordinal);
            Assert.Contains("laporan antrean BPJS tertunda", check.Detail, StringComparison.Ordinal);
            Assert.Contains("systemctl status kiosk-bpjs", check.Fix, StringComparison.Ordinal);
            await bridge.StopAsync(CancellationToken.None);
        }

        // The bridge back: its live status replaces the will.
        await PublishAsync(broker, Encoding.UTF8.GetString(clear));
        var back = await BpjsBridgeCheck.CheckAsync(options, "/nonexistent/bpjs.env", CancellationToken.None);
        Assert.Equal((DoctorOutcome.Pass, "terkirim semua"), (back.Outcome, back.Detail));
    }

    private static async Task<MqttClient> BridgeAsync(PrivateBroker broker, int port)
    {
        var credentials = broker.For(BrokerRoles.Bpjs);
        var client = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = port,
            ClientId = ClientIds.Bpjs(Site),
            Username = credentials.Username,
            Password = credentials.Password,
            Will = new MqttApplicationMessage(Topics.BpjsStatus, ContractJson.SerializeToUtf8Bytes(BpjsBridgeStatus.Offline(At.ToUniversalTime())), MqttQos.AtLeastOnce, Retain: true),
        });
        await client.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => client.State == MqttConnectionState.Connected, "the bridge's stand-in is connected");
        return client;
    }

    public static TheoryData<string, string> Unreadable() => new()
    {
        { "binary", "\u0000\u00ff" },
        { "not JSON", "laporan menumpuk" },
        { "an array", "[]" },
        { "another major version", "{\"contractVersion\":\"2.0\",\"at\":\"2026-03-02T09:02:00+07:00\",\"backlog\":0,\"oldestWaitingSince\":null,\"backlogText\":null,\"refused\":[],\"refusedToday\":0}" },
        { "a negative backlog", "{\"contractVersion\":\"1.1\",\"at\":\"2026-03-02T09:02:00+07:00\",\"backlog\":-3,\"oldestWaitingSince\":null,\"backlogText\":null,\"refused\":[],\"refusedToday\":0}" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void An_unreadable_status_is_a_warning_with_its_fix_never_an_exception(string kind, string payload)
    {
        var check = BpjsBridgeCheck.Judge(Encoding.UTF8.GetBytes(payload), setUpHere: false, BpjsBridgeCheck.SetupFile);

        Assert.True(check.Outcome == DoctorOutcome.Warn, kind);
        Assert.Contains("systemctl restart kiosk-bpjs", check.Fix, StringComparison.Ordinal);
    }

    private static Task PublishAsync(PrivateBroker broker, string payload) =>
        MosquittoClients.PublishAsync(broker, broker.For(BrokerRoles.Bpjs), Topics.BpjsStatus, payload, retain: true);
}
