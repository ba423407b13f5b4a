using System.Diagnostics.CodeAnalysis;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>Lamps (lit buttons, the printer-problem LED) and the buzzer.</summary>
public interface ILampPanel
{
    IReadOnlyCollection<string> LampIds { get; }

    [SuppressMessage("Naming", "CA1716", Justification = "Set/Get is the name the kiosk worker and simulator code against; no VB consumers.")]
    void Set(string lampId, bool lit);

    [SuppressMessage("Naming", "CA1716", Justification = "Set/Get is the name the kiosk worker and simulator code against; no VB consumers.")]
    bool Get(string lampId);

    /// <summary>Sounds the buzzer for <paramref name="duration"/>; without a buzzer configured it does nothing.</summary>
    Task BeepAsync(TimeSpan duration, CancellationToken cancellationToken = default);
}
