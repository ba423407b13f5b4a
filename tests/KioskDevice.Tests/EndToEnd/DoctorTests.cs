using Kiosk.Device.Hosting;
using Kiosk.Device.Tools;
using Kiosk.TestSupport;
using Microsoft.Extensions.Hosting;

namespace Kiosk.Device.Tests.EndToEnd;

public sealed class DoctorTests
{
    [Fact]
    public async Task On_a_healthy_kiosk_every_check_passes_and_the_table_says_so()
    {
        await using var kiosk = await KioskHarness.StartAsync();

        var checks = await Doctor.CheckAsync(kiosk.Session.Services, CancellationToken.None);
        using var output = new StringWriter();
        Doctor.Print(checks, output);

        Assert.All(checks, check => Assert.NotEqual(DoctorOutcome.Fail, check.Outcome));
        Assert.Contains(checks, check => check.Name == "Broker MQTT" && check.Outcome == DoctorOutcome.Pass);
        Assert.Contains(checks, check => check.Name == "Basis data" && check.Outcome == DoctorOutcome.Pass);
        Assert.Contains("Semua pemeriksaan lulus.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_broker_password_fails_with_the_fix_to_apply()
    {
        await using var broker = await Kiosk.Broker.PrivateBroker.StartAsync(new Kiosk.Broker.PrivateBrokerOptions { Site = "pkm-kokop", CounterCount = 6 });
        var data = Directory.CreateTempSubdirectory("kiosk-doctor-").FullName;
        string[] args =
        [
            $"--Kiosk:Mqtt:Port={broker.Port}", "--Kiosk:Mqtt:Password=wrong", "--Kiosk:Hardware:Kind=simulated",
            "--Kiosk:Printer:Transport=simulated", "--Kiosk:Reader:Kind=none", $"--Kiosk:DataDirectory={data}",
        ];
        using var host = KioskHost.CreateBuilder(args).Build();

        var checks = await Doctor.CheckAsync(host.Services, CancellationToken.None);

        var broken = Assert.Single(checks, check => check.Outcome == DoctorOutcome.Fail);
        Assert.Equal("Broker MQTT", broken.Name);
        Assert.Contains("mosquitto", broken.Fix, StringComparison.Ordinal);
        Assert.Contains("/etc/kiosk/broker-passwords", broken.Fix, StringComparison.Ordinal);
        Assert.Contains("password salah", broken.Detail, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(data));
        Directory.Delete(data, recursive: true);
    }
}
