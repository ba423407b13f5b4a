using Kiosk.Bpjs.Hosting;
using Kiosk.Bpjs.Text;
using Kiosk.TestSupport;

namespace Kiosk.Bpjs.Tests.Reporting;

/// <summary>The bridge as systemd runs it (its own process, settings in the environment) with a broken bpjs.env.</summary>
public sealed class ConfigurationExitTests
{
    [Fact]
    public async Task Bad_settings_exit_78_with_one_Indonesian_line_per_key_and_no_secret()
    {
        var start = ChildProcess.StartInfo(DotnetHost());
        start.ArgumentList.Add(BridgeAssembly());
        start.WorkingDirectory = Path.GetTempPath();
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Bpjs__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["Bpjs__Site"] = "pkm.salah";
        start.Environment["Bpjs__ConsId"] = "12345";
        start.Environment["Bpjs__Secret"] = "rahasia-secret";
        start.Environment["Bpjs__UserKey"] = "";
        start.Environment["Bpjs__BaseUrl"] = "https://apijkn.bpjs-kesehatan.go.id/antreanfktp/";
        start.Environment["Bpjs__PoliMap"] = "P-UMUM=0-1";
        start.Environment["Bpjs__OutboxPath"] = Path.Combine(Path.GetTempPath(), "bpjs-outbox-never.db");
        start.Environment["Bpjs__Mqtt__PasswordFile"] = "/tidak/ada/bpjs-broker-password";
        await using var bridge = ChildProcess.Start(start, "the BPJS bridge");

        Assert.Equal(BpjsHost.ConfigurationExitCode, await bridge.WaitForExitAsync(Eventually.DefaultTimeout));
        Assert.Contains("Bpjs:Site: harus ID Puskesmas", bridge.Output, StringComparison.Ordinal);
        Assert.Contains("Bpjs:UserKey: wajib diisi", bridge.Output, StringComparison.Ordinal);
        Assert.Contains("Bpjs:PoliMap: harus kode poli BPJS", bridge.Output, StringComparison.Ordinal);
        Assert.Contains("Bpjs:Mqtt:PasswordFile: berkas '/tidak/ada/bpjs-broker-password' tidak ada", bridge.Output, StringComparison.Ordinal);
        Assert.Contains(BpjsTeks.ConfigurationRefused, bridge.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("rahasia", bridge.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", bridge.Output, StringComparison.Ordinal);
    }

    internal static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The bridge from its own build output (bin/{configuration}/{framework} as the tests').</summary>
    internal static string BridgeAssembly()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = framework.Parent!.Name;
        var path = Path.Combine(Repository.Root, "Bpjs", "bin", configuration, framework.Name, "Kiosk.Bpjs.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The BPJS bridge is not built at {path}.");
    }
}
