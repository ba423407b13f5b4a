namespace Kiosk.DeviceDrivers.Input;

public enum ReaderState
{
    /// <summary>Not started, or disposed.</summary>
    Stopped,

    /// <summary>Open and reading.</summary>
    Connected,

    /// <summary>Absent or lost (unplugged, permission, error); the reader keeps trying to reopen it.</summary>
    Disconnected,
}
