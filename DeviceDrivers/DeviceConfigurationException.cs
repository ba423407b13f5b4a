namespace Kiosk.DeviceDrivers;

/// <summary>A device setting in configuration is wrong (unknown chip, duplicate button id, negative time); the message says which and why.</summary>
public sealed class DeviceConfigurationException : Exception
{
    public DeviceConfigurationException()
    {
    }

    public DeviceConfigurationException(string message)
        : base(message)
    {
    }

    public DeviceConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
