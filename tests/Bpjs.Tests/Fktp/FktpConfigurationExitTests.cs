using Kiosk.Bpjs.Hosting;
using Kiosk.Bpjs.Tests.Reporting;
using Kiosk.Bpjs.Text;
using Kiosk.TestSupport;

namespace Kiosk.Bpjs.Tests.Fktp;

/// <summary>The bridge as systemd runs it with good reporting settings and a broken FKTP service block in bpjs.env.</summary>
public sealed class FktpConfigurationExitTests
{
    [Fact]
    public async Task Bad_FKTP_settings_exit_78_with_one_Indonesian_line_per_key_and_no_password()
    {
        var folder = Directory.CreateTempSubdirectory("kfktp-exit-").FullName;
        try
        {
            var passwordFile = Path.Combine(folder, "bpjs-broker-password");
            await File.WriteAllTextAsync(passwordFile, "broker-sandi\n");
            var start = ChildProcess.StartInfo(ConfigurationExitTests.DotnetHost());
            start.ArgumentList.Add(ConfigurationExitTests.BridgeAssembly());
            start.WorkingDirectory = Path.GetTempPath();
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Bpjs__", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            start.Environment["Bpjs__Site"] = "pkm-fktp";
            start.Environment["Bpjs__ConsId"] = "12345";
            start.Environment["Bpjs__Secret"] = "rahasia-secret";
            start.Environment["Bpjs__UserKey"] = "rahasia-userkey";
            start.Environment["Bpjs__BaseUrl"] = "https://apijkn.bpjs-kesehatan.go.id/antreanfktp/";
            start.Environment["Bpjs__PoliMap"] = "P-UMUM=001";
            start.Environment["Bpjs__OutboxPath"] = Path.Combine(folder, "bpjs-outbox.db");
            start.Environment["Bpjs__Mqtt__PasswordFile"] = passwordFile;
            start.Environment["Bpjs__Fktp__Urls"] = "ftp://0.0.0.0:8088";
            start.Environment["Bpjs__Fktp__Password"] = "rahasia";
            start.Environment["Bpjs__Fktp__TokenMinutes"] = "0";
            await using var bridge = ChildProcess.Start(start, "the BPJS bridge");

            Assert.Equal(BpjsHost.ConfigurationExitCode, await bridge.WaitForExitAsync(Eventually.DefaultTimeout));
            Assert.Contains("Bpjs:Fktp:Urls: harus alamat http://", bridge.Output, StringComparison.Ordinal);
            Assert.Contains("Bpjs:Fktp:Username: wajib diisi", bridge.Output, StringComparison.Ordinal);
            Assert.Contains("Bpjs:Fktp:Password: harus 12-128", bridge.Output, StringComparison.Ordinal);
            Assert.Contains("Bpjs:Fktp:TokenMinutes: harus 1..1440 menit", bridge.Output, StringComparison.Ordinal);
            Assert.Contains(BpjsTeks.ConfigurationRefused, bridge.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("rahasia", bridge.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", bridge.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
