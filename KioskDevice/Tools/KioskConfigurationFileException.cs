namespace Kiosk.Device.Tools;

/// <summary>A configuration file that cannot be used (missing, not JSON); the message is the technician's line.</summary>
public sealed class KioskConfigurationFileException : Exception
{
    public KioskConfigurationFileException()
    {
    }

    public KioskConfigurationFileException(string message) : base(message)
    {
    }

    public KioskConfigurationFileException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
