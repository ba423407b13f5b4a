using System.Globalization;
using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Device.Configuration;
using Kiosk.Device.Tests.Systemd;
using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.Package.Tests.Support;
using Kiosk.TestSupport;

namespace Kiosk.Package.Tests;

/// <summary>
/// The kiosk published Native AOT (no runtime, no JIT) runs as systemd starts it: READY=1 on its NOTIFY_SOCKET, a
/// scanned card gives a ticket.issued event through a real Mosquitto and a printed ticket on an ESC/POS network
/// printer, and SIGTERM stops it cleanly. The publish itself has no trim/AOT warning.
/// </summary>
public sealed class NativeAotKioskTests(NativeAotKiosk aot) : IClassFixture<NativeAotKiosk>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public void The_native_aot_publish_has_no_warning_and_no_managed_runtime()
    {
        Skip.If(aot.Missing is not null, aot.Missing);

        Assert.DoesNotContain("warning", aot.PublishOutput, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(aot.Program), $"{aot.Program} was not published");
        Assert.False(File.Exists(Path.Combine(aot.Folder, "Kiosk.Device.dll")), "a Native AOT publish has no managed kiosk assembly");
        Assert.False(File.Exists(Path.Combine(aot.Folder, "libcoreclr.so")), "a Native AOT publish carries no runtime");
    }

    [SkippableFact]
    public async Task The_native_aot_kiosk_gets_ready_issues_and_prints_a_ticket_and_stops_on_sigterm()
    {
        Skip.If(aot.Missing is not null, aot.Missing);
        var data = Directory.CreateTempSubdirectory("kiosk-aot-data-").FullName;
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = "pkm-kokop", CounterCount = 3 });
        await using var printer = new VirtualNetworkPrinter();
        printer.Start();
        using var reader = PseudoTerminal.Open();
        using var systemd = new NotifySocket();
        var start = ChildProcess.StartInfo(aot.Program!);
        start.WorkingDirectory = aot.Folder;
        start.ArgumentList.Add("run");
        foreach (var (key, value) in Settings(broker, printer.Port, reader.DevicePath, data))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["NOTIFY_SOCKET"] = systemd.Path;
        await using var kiosk = ChildProcess.Start(start, "the Native AOT kiosk");
        try
        {
            var ready = await systemd.ReceiveUntilAsync("READY=1", Wait);
            Assert.Contains(ready, m => m.Contains("STATUS=", StringComparison.Ordinal));
            // READY does not wait for the printer; a scan before its first status is refused without a number.
            await kiosk.WaitForOutputAsync("Printer can print", Wait);
            await using var display = await MosquittoSubscriber.StartPersistentAsync(broker, broker.For(BrokerRoles.Display), "aot-display", "queue/pkm-kokop/events");

            reader.Scan("0001234000001");
            var number = await NextIssuedAsync(display);
            await WaitForReceiptAsync(printer, number);

            kiosk.Terminate();
            Assert.Equal(0, await kiosk.WaitForExitAsync(Wait));
        }
        catch (Exception ex) when (ex is TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{ex.Message}\nNative AOT kiosk output:\n{kiosk.Output}", ex);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> NextIssuedAsync(MosquittoSubscriber display)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No ticket.issued within {Wait.TotalSeconds:0} s.");
            }

            var message = JsonDocument.Parse((await display.NextAsync(remaining)).Payload).RootElement;
            if (message.GetProperty("type").GetString() == "ticket.issued")
            {
                return message.GetProperty("data").GetProperty("number").GetString()!;
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
        // The program's own transports, as on a Pi: a TCP printer and a serial card reader, on the test's loopback and pty.
        settings["Kiosk:Printer:Transport"] = "tcp";
        settings["Kiosk:Printer:Host"] = "127.0.0.1";
        settings["Kiosk:Printer:Port"] = printerPort.ToString(CultureInfo.InvariantCulture);
        settings["Kiosk:Reader:Kind"] = "serial";
        settings["Kiosk:Reader:Device"] = readerDevice;
        return settings;
    }
}
