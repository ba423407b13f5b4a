namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>Lamps for the simulator's front panel: state is observable and every change raises <see cref="Changed"/>.</summary>
public sealed class SimulatedLampPanel : LampPanelBase
{
    private int beeps;

    public SimulatedLampPanel(IReadOnlyCollection<LampOptions> lamps, string? buzzerId = null)
        : base(lamps, buzzerId, requireWiring: false) => BuzzerId = buzzerId;

    public event EventHandler<LampChangedEventArgs>? Changed;

    public string? BuzzerId { get; }

    /// <summary>How many times the buzzer went on.</summary>
    public int BeepCount => Volatile.Read(ref beeps);

    protected override void Write(string lampId, bool lit)
    {
        if (lit && lampId == BuzzerId)
        {
            Interlocked.Increment(ref beeps);
        }
    }

    protected override void OnChanged(string lampId, bool lit) => Changed?.Invoke(this, new LampChangedEventArgs(lampId, lit));
}
