namespace Kiosk.DeviceDrivers.Gpio;

public sealed class LampChangedEventArgs(string lampId, bool lit) : EventArgs
{
    public string LampId { get; } = lampId;

    public bool Lit { get; } = lit;
}
