using Kiosk.Broker;
using Kiosk.Device.Tests.Systemd;

namespace Kiosk.Device.Tests.Process;

/// <summary>The kiosk executable as systemd runs it: a broken config stops it with the key named, NOTIFY_SOCKET gets READY/WATCHDOG/STOPPING.</summary>
public sealed class StartupAndSystemdTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Kiosk:Mqtt:Port", "0", "Kiosk:Mqtt:Port")]
    [InlineData("Kiosk:Site:TimeZone", "Mars/Olympus", "Kiosk:Site:TimeZone")]
    [InlineData("Kiosk:Printer:PaperWidthMm", "72", "Kiosk:Printer:PaperWidthMm")]
    [InlineData("Kiosk:Buttons:0:Payer", "Asuransi", "Kiosk:Buttons:0:Payer")]
    [InlineData("Queue:Services:0:Prefix", "a1", "Prefix")]
    public async Task A_bad_config_value_stops_start_up_with_its_key_named(string key, string value, string named)
    {
        var data = Directory.CreateTempSubdirectory("kiosk-config-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Kiosk:Hardware:Kind"] = "simulated",
            ["Kiosk:Printer:Transport"] = "simulated",
            ["Kiosk:DataDirectory"] = data,
            [key] = value,
        };
        await using var kiosk = KioskProcess.Start(settings);

        var exitCode = await kiosk.WaitForExitAsync(Wait);

        Assert.Equal(78, exitCode);
        Assert.Contains(named, kiosk.Output, StringComparison.Ordinal);
        Assert.Contains("Konfigurasi tidak valid", kiosk.Output, StringComparison.Ordinal);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Systemd_gets_ready_then_watchdog_pings_then_stopping_on_sigterm()
    {
        await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = "pkm-kokop", CounterCount = 6 });
        var data = Directory.CreateTempSubdirectory("kiosk-notify-").FullName;
        using var systemd = new NotifySocket();
        var environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = systemd.Path, ["WATCHDOG_USEC"] = "1000000" };
        await using var kiosk = KioskProcess.Start(KioskProcess.Settings(broker, data), environment);

        try
        {
            var beforeReady = await systemd.ReceiveUntilAsync("READY=1", Wait);
            Assert.Contains("STATUS=", beforeReady[^1], StringComparison.Ordinal);
            await systemd.ReceiveUntilAsync("WATCHDOG=1", Wait);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nKiosk output:\n{kiosk.Output}", ex);
        }

        kiosk.Terminate();
        var stopping = await systemd.ReceiveUntilAsync("STOPPING=1", Wait);
        Assert.Contains("STATUS=", stopping[^1], StringComparison.Ordinal);
        Assert.Equal(0, await kiosk.WaitForExitAsync(Wait));
        Directory.Delete(data, recursive: true);
    }
}
