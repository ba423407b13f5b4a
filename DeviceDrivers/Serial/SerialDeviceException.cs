namespace Kiosk.DeviceDrivers.Serial;

/// <summary>A serial device could not be opened, configured, read or written; the message names the device and the OS reason.</summary>
public sealed class SerialDeviceException : IOException
{
    public SerialDeviceException()
    {
    }

    public SerialDeviceException(string message)
        : base(message)
    {
    }

    public SerialDeviceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
