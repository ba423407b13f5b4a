using System.Globalization;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Device.Configuration;
using Kiosk.Device.Hosting;
using Kiosk.Device.Tests.Systemd;
using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.Package.Tests.Support;
using Kiosk.Queue;
using Kiosk.TestSupport;
using Microsoft.Extensions.Configuration;

namespace Kiosk.Package.Tests;

/// <summary>
/// The arm64 package's own kiosk (not a rebuild), run under qemu-aarch64-static as it would run on a Pi: simulated
/// buttons, a serial card reader on a pseudo-terminal, an ESC/POS network printer, a real Mosquitto on loopback and
/// systemd's NOTIFY_SOCKET. Scans give printed tickets and events, a counter command is answered, SIGKILL restarts
/// lose and repeat nothing, and the package's native SQLite passes integrity_check.
/// </summary>
public sealed class Arm64KioskTests
{
    // Emulated start-up is about 10-20 s on an idle 2-core machine; generous bounds for a loaded CI machine.
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task The_arm64_kiosk_gets_ready_prints_answers_and_survives_sigkill()
    {
        var missing = EmulatedKiosk.MissingFacility();
        Skip.If(missing is not null, missing);
        var root = Packages.Extract(Packages.Deb("arm64"));
        var program = Path.Combine(root, "opt", "kiosk", "Kiosk.Device");
        var data = Directory.CreateTempSubdirectory("kiosk-arm64-").FullName;
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = "pkm-kokop", CounterCount = 3 });
        await using var printer = new VirtualNetworkPrinter();
        printer.Start();
        using var reader = PseudoTerminal.Open();
        var settings = Settings(broker, printer.Port, reader.DevicePath, data);
        var issued = new List<string>();
        var eventsSeen = new Dictionary<long, string>();
        var card = 0;
        try
        {
            // Three lives of the kiosk: each one scans two cards and is then SIGKILLed (the third is stopped cleanly).
            for (var life = 0; life < 3; life++)
            {
                using var systemd = new NotifySocket();
                await using var kiosk = EmulatedKiosk.Start(program, ["run", .. settings.Select(s => $"--{s.Key}={s.Value}")], new Dictionary<string, string> { ["NOTIFY_SOCKET"] = systemd.Path, ["WATCHDOG_USEC"] = "30000000" });
                try
                {
                    var ready = await systemd.ReceiveUntilAsync("READY=1", Wait);
                    Assert.Contains(ready, m => m.Contains("STATUS=", StringComparison.Ordinal));
                    // READY does not wait for the printer (a kiosk with its printer off still answers counters); a scan
                    // before the printer's first status is refused without a number, so wait for the supervisor's word.
                    await kiosk.WaitForOutputAsync("Printer can print", Wait);
                    await using var display = await MosquittoSubscriber.StartPersistentAsync(broker, broker.For(BrokerRoles.Display), "arm64-display", "queue/pkm-kokop/events");
                    for (var scan = 0; scan < 2; scan++)
                    {
                        var number = await ScanUntilIssuedAsync(reader, display, eventsSeen, () => $"0001234{card++:D6}");
                        // A ticket cut off by the previous SIGKILL before it was marked printed is reprinted first (CETAK ULANG).
                        await WaitForReceiptAsync(printer, number);
                        issued.Add(number);
                    }

                    if (life == 1)
                    {
                        var counter = broker.For(BrokerRoles.Counter(2));
                        await using var replies = await MosquittoSubscriber.StartAsync(broker, counter, "queue/pkm-kokop/counter/2/reply");
                        await MosquittoClients.PublishAsync(broker, counter, "queue/pkm-kokop/counter/2/command", JsonSerializer.Serialize(new { commandId = "arm64-call-1", type = "call-next" }));
                        var reply = JsonDocument.Parse((await replies.NextAsync(Wait)).Payload).RootElement;
                        Assert.Equal("arm64-call-1", reply.GetProperty("commandId").GetString());
                        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
                        Assert.Equal(issued[0], reply.GetProperty("ticket").GetProperty("number").GetString());
                    }

                    if (life < 2)
                    {
                        kiosk.KillHard();
                        await kiosk.WaitForExitAsync(Wait);
                    }
                    else
                    {
                        kiosk.Terminate();
                        Assert.Equal(0, await kiosk.WaitForExitAsync(Wait));
                    }
                }
                catch (Exception ex) when (ex is TimeoutException or Xunit.Sdk.XunitException or System.Threading.Channels.ChannelClosedException)
                {
                    throw new InvalidOperationException($"life {life}: {ex.Message}\nEmulated kiosk output:\n{kiosk.Output}", ex);
                }
            }

            // The package's own arm64 SQLite checks the file it wrote (the doctor's database check runs integrity_check).
            await using (var doctor = EmulatedKiosk.Start(program, ["doctor", .. settings.Select(s => $"--{s.Key}={s.Value}")]))
            {
                await doctor.WaitForExitAsync(Wait);
                Assert.Matches(@"Basis data[^\n]*utuh", doctor.Output);
            }

            using var engine = OpenEngine(settings);
            var tickets = engine.TodayTickets();
            Assert.Equal(issued.Count, issued.Distinct().Count());
            Assert.Equal(tickets.Count, tickets.Select(t => t.Number).Distinct().Count());
            Assert.All(issued, number => Assert.Contains(tickets, t => t.Number == number));
            Assert.Equal(["ok"], engine.IntegrityCheck());
            Assert.Equal(6, issued.Count);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            Directory.Delete(root, recursive: true);
        }
    }

    [SkippableFact]
    public async Task The_arm64_broker_tool_prints_the_same_acl_as_the_generator()
    {
        var missing = EmulatedKiosk.MissingFacility();
        Skip.If(missing is not null, missing);
        var root = Packages.Extract(Packages.Deb("arm64"));
        try
        {
            await using var tool = EmulatedKiosk.Start(Path.Combine(root, "opt", "kiosk", "Kiosk.Broker"), ["acl", "--site", "pkm-kokop", "--counters", "4"]);
            Assert.Equal(0, await tool.WaitForExitAsync(Wait));
            Assert.Equal(BrokerAcl.Generate("pkm-kokop", 4).TrimEnd(), tool.Output.TrimEnd());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Scans a new card until one is issued. Under emulation the first use of the card patterns can exceed the parser's
    /// 50 ms regex budget; the kiosk then refuses that scan without using a number ("scan again"), as a patient would
    /// be asked to, so the test scans the next card.
    /// </summary>
    private static async Task<string> ScanUntilIssuedAsync(PseudoTerminal reader, MosquittoSubscriber display, Dictionary<long, string> eventsSeen, Func<string> nextCard)
    {
        for (var attempt = 1; ; attempt++)
        {
            reader.Scan(nextCard());
            try
            {
                return await NextIssuedAsync(display, eventsSeen, attempt < 4 ? TimeSpan.FromSeconds(60) : Wait);
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
    }

    private static async Task WaitForReceiptAsync(VirtualNetworkPrinter printer, string number)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!printer.Receipts.Any(r => r.TextLines.Any(l => l.Text.Trim() == number)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Ticket {number} was not printed within {Wait.TotalSeconds:0} s; printed: {string.Join(" | ", printer.Receipts.Select(r => r.Text.Replace('\n', ' ')))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static Dictionary<string, string> Settings(PrivateBroker broker, int printerPort, string readerDevice, string data)
    {
        var kiosk = broker.For(BrokerRoles.Kiosk);
        var settings = SimulatedKioskSettings.Create(new SimulatedKioskBroker(broker.Site, broker.Host, broker.Port, kiosk.Username, kiosk.Password), data);
        // The packaged program's own transports: a TCP printer and a serial card reader, on the test's loopback and pty.
        settings["Kiosk:Mqtt:KeepAliveSeconds"] = "15";
        settings["Kiosk:Printer:Transport"] = "tcp";
        settings["Kiosk:Printer:Host"] = "127.0.0.1";
        settings["Kiosk:Printer:Port"] = printerPort.ToString(CultureInfo.InvariantCulture);
        settings["Kiosk:Reader:Kind"] = "serial";
        settings["Kiosk:Reader:Device"] = readerDevice;
        return settings;
    }

    /// <summary>The number of the next new ticket.issued event; also checks no sequence number comes with two event ids.</summary>
    private static async Task<string> NextIssuedAsync(MosquittoSubscriber display, Dictionary<long, string> eventsSeen, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No ticket.issued within {timeout.TotalSeconds:0} s.");
            }

            var (_, payload) = await display.NextAsync(remaining);
            var message = JsonDocument.Parse(payload).RootElement;
            var sequence = message.GetProperty("sequence").GetInt64();
            var eventId = message.GetProperty("eventId").GetString()!;
            if (eventsSeen.TryGetValue(sequence, out var known))
            {
                Assert.Equal(known, eventId);
                continue;
            }

            eventsSeen[sequence] = eventId;
            if (message.GetProperty("type").GetString() == "ticket.issued")
            {
                return message.GetProperty("data").GetProperty("number").GetString()!;
            }
        }
    }

    private static QueueEngine OpenEngine(IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Packages.RepositoryRoot, "KioskDevice", "appsettings.json"))
            .AddInMemoryCollection(settings!)
            .Build();
        var kiosk = configuration.GetSection(KioskOptions.Section).Get<KioskOptions>()!;
        return QueueEngine.Open(KioskHost.QueueOptions(configuration, kiosk), TimeProvider.System);
    }
}
