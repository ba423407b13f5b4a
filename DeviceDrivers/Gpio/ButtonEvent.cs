namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>A button event; <paramref name="Timestamp"/> is on the monotonic clock (kernel event time for GPIO).</summary>
public sealed record ButtonEvent(string ButtonId, ButtonEventKind Kind, TimeSpan Timestamp);
