using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Hosting;
using Kiosk.Bpjs.Tests.Reporting;
using Kiosk.Bpjs.Text;
using Kiosk.TestSupport;

namespace Kiosk.Bpjs.Tests.References;

/// <summary>The bridge as systemd runs it, its poli mapping checked against the BPJS double's "referensi poli" at start.</summary>
public sealed class PoliMappingExitTests
{
    [Fact]
    public async Task A_service_mapped_to_a_poli_BPJS_does_not_list_exits_78_with_one_line_naming_the_service_and_the_code()
    {
        await using var bpjs = await BpjsDouble.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bpjs-map-").FullName;
        try
        {
            var passwordFile = Path.Combine(folder, "bpjs-broker-password");
            await File.WriteAllTextAsync(passwordFile, "sandi-broker\n");
            var start = ChildProcess.StartInfo(ConfigurationExitTests.DotnetHost());
            start.ArgumentList.Add(ConfigurationExitTests.BridgeAssembly());
            start.WorkingDirectory = folder;
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Bpjs__", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            var options = new BpjsDoubleOptions();
            start.Environment["Bpjs__Site"] = "pkm-map";
            start.Environment["Bpjs__ConsId"] = options.ConsId;
            start.Environment["Bpjs__Secret"] = options.Secret;
            start.Environment["Bpjs__UserKey"] = options.UserKey;
            start.Environment["Bpjs__BaseUrl"] = bpjs.BaseUrl.ToString();
            // 001 and 002 are listed by the double; 009 is not.
            start.Environment["Bpjs__PoliMap"] = "P-UMUM=001,P-GIGI=002,P-KIA=009";
            start.Environment["Bpjs__OutboxPath"] = Path.Combine(folder, "bpjs-outbox.db");
            start.Environment["Bpjs__Mqtt__PasswordFile"] = passwordFile;
            await using var bridge = ChildProcess.Start(start, "the BPJS bridge");

            Assert.Equal(BpjsHost.ConfigurationExitCode, await bridge.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            var line = Assert.Single(bridge.Output.Split('\n'), l => l.Contains("Bpjs:PoliMap", StringComparison.Ordinal));
            Assert.Equal(BpjsTeks.PoliNotListed("P-KIA", "009"), line.Trim());
            Assert.DoesNotContain(options.Secret, bridge.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", bridge.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
