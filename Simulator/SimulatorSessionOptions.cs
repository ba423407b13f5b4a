using Kiosk.Simulator.Devices;

namespace Kiosk.Simulator;

/// <summary>How a simulator session starts: where the kiosk keeps its data, and any configuration overrides.</summary>
public sealed class SimulatorSessionOptions
{
    /// <summary>Ticket log, recaps and printed-ticket previews. Kept between runs, so numbering continues like on a real kiosk.</summary>
    public string DataDirectory { get; init; } = Path.Combine(Environment.CurrentDirectory, ".kiosk", "data");

    /// <summary>Extra "Section:Key=value" overrides applied last (tests use them for a temp folder, a closing time...).</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    /// <summary>An extra JSON configuration file (--config), read after the sample appsettings.json, as Kiosk.Device reads it.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>A running broker to use instead of starting a private one (tests share one per collection).</summary>
    public Broker.PrivateBroker? Broker { get; init; }

    /// <summary>How long the simulated printer takes per ticket: zero for tests and scenarios, about a second on the front panel.</summary>
    public TimeSpan PrintDuration { get; init; }

    /// <summary>
    /// The kiosk reaches the broker through a relay that a power cut resets, so the broker sees the connection die
    /// without a goodbye and sends the kiosk's last will, as after a real power cut (the front panel). Scenario runs
    /// connect directly: they cut no power, and the relay would only slow them.
    /// </summary>
    public bool CutNetworkOnPowerLoss { get; init; }

    /// <summary>
    /// The kiosk runs in a child process of the simulator, so a power cut is a real SIGKILL and the power coming back a
    /// new process on the same data (the front panel). Scenario runs and the tests that read the kiosk's engine keep it
    /// in this process: a simulated day in-process is faster, and its services can be reached directly.
    /// </summary>
    public bool KioskInChildProcess { get; init; }

    /// <summary>
    /// The closing time (JJ:MM) when neither the configuration file nor the overrides name one (the sample
    /// appsettings.json leaves it empty: midnight). The front panel sets 16:00, so a technician who walks the clock
    /// through a working day sees the day close as a Puskesmas with a closing time has it.
    /// </summary>
    public string? DefaultDayCloseTime { get; init; }

    /// <summary>The kiosk's clock; the session makes its own when none is given.</summary>
    public SimulatorClock? Clock { get; init; }
}
