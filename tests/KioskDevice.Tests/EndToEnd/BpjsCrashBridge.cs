using System.Globalization;
using Kiosk.Bpjs.Doubles;
using Kiosk.Broker;
using Kiosk.TestSupport;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// The BPJS bridge as systemd runs it: its own process (<c>dotnet Kiosk.Bpjs.dll</c> from its build output), settings in
/// the environment as bpjs.env gives them, so a test can SIGKILL it as a power cut or the OOM killer would.
/// </summary>
internal static class BpjsCrashBridge
{
    /// <summary>A process start may take several seconds on a loaded 2-core machine (runtime, host, BPJS references, MQTT).</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);

    public const string Subscribed = "subscribed to the events";

    /// <summary>The kiosk's BPJS registration service (Reader:BpjsService) reported as poli 001, as in the reporting tests.</summary>
    public const string Poli = "001";

    public static async Task<ChildProcess> StartAsync(KioskHarness kiosk, BpjsDouble bpjs, string folder)
    {
        var passwordFile = Path.Combine(folder, "bpjs-broker-password");
        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, kiosk.User(BrokerRoles.Bpjs).Password + "\n");
        }

        var start = ChildProcess.StartInfo(DotnetHost());
        start.ArgumentList.Add(BridgeAssembly());
        start.WorkingDirectory = folder;
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Bpjs__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        var options = new BpjsDoubleOptions();
        start.Environment["Bpjs__Site"] = KioskHarness.Site;
        start.Environment["Bpjs__ConsId"] = options.ConsId;
        start.Environment["Bpjs__Secret"] = options.Secret;
        start.Environment["Bpjs__UserKey"] = options.UserKey;
        start.Environment["Bpjs__BaseUrl"] = bpjs.BaseUrl.ToString();
        start.Environment["Bpjs__PoliMap"] = $"BPJS={Poli}";
        start.Environment["Bpjs__OutboxPath"] = OutboxPath(folder);
        start.Environment["Bpjs__RetryMinSeconds"] = "1";
        start.Environment["Bpjs__RetryMaxSeconds"] = "2";
        start.Environment["Bpjs__Mqtt__Host"] = kiosk.Broker.Host;
        start.Environment["Bpjs__Mqtt__Port"] = kiosk.Broker.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Bpjs__Mqtt__Username"] = BrokerRoles.Bpjs;
        start.Environment["Bpjs__Mqtt__PasswordFile"] = passwordFile;
        return ChildProcess.Start(start, "the BPJS bridge");
    }

    public static string OutboxPath(string folder) => Path.Combine(folder, "bpjs-outbox.db");

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The bridge from its own build output (bin/{configuration}/{framework} as the tests').</summary>
    private static string BridgeAssembly()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = framework.Parent!.Name;
        var path = Path.Combine(Repository.Root, "Bpjs", "bin", configuration, framework.Name, "Kiosk.Bpjs.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The BPJS bridge is not built at {path}.");
    }
}
