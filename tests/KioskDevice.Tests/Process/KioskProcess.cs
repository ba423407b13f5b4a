using Kiosk.Broker;
using Kiosk.Device.Configuration;
using Kiosk.TestSupport;

namespace Kiosk.Device.Tests.Process;

/// <summary>
/// The real kiosk executable (Kiosk.Device run) as a child process on simulated hardware: what systemd starts on the
/// Pi, for the tests that need a real process boundary (SIGKILL, SIGTERM, exit codes, NOTIFY_SOCKET).
/// </summary>
internal sealed class KioskProcess : IAsyncDisposable
{
    private readonly ChildProcess child;

    private KioskProcess(ChildProcess child) => this.child = child;

    public int Id => child.Id;

    public bool HasExited => child.HasExited;

    public int ExitCode => child.ExitCode;

    public string Output => child.Output;

    /// <summary>Kiosk settings for a simulated kiosk against <paramref name="broker"/>, with its data in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string> Settings(PrivateBroker broker, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var kiosk = broker.For(BrokerRoles.Kiosk);
        var settings = SimulatedKioskSettings.Create(new SimulatedKioskBroker(broker.Site, broker.Host, broker.Port, kiosk.Username, kiosk.Password), dataDirectory);
        settings["Kiosk:Mqtt:KeepAliveSeconds"] = "5";
        return settings;
    }

    public static KioskProcess Start(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string>? environment = null, string verb = "run")
    {
        ArgumentNullException.ThrowIfNull(settings);
        return StartProgram("Kiosk.Device.dll", [verb, .. settings.Select(pair => $"--{pair.Key}={pair.Value}")], environment);
    }

    /// <summary>Any program of the test output folder (Kiosk.Device.dll, Kiosk.Simulator.dll) with exactly these arguments.</summary>
    public static KioskProcess StartProgram(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = ChildProcess.StartInfo("dotnet");
        start.WorkingDirectory = AppContext.BaseDirectory;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        // A simulator reads its front panel from standard input: end of input stops it rather than leaving it waiting.
        return new KioskProcess(ChildProcess.Start(start, $"the kiosk process ({assembly})", closeInput: true));
    }

    public Task<int> WaitForExitAsync(TimeSpan timeout) => child.WaitForExitAsync(timeout);

    /// <summary>SIGKILL: what a power cut does to the process.</summary>
    public void KillHard() => child.KillHard();

    /// <summary>SIGTERM: what `systemctl stop` sends.</summary>
    public void Terminate() => child.Terminate();

    public ValueTask DisposeAsync() => child.DisposeAsync();
}
