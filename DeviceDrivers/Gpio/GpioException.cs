namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>A GPIO chip or line could not be found, requested, read or written; the message names chip, line and OS reason.</summary>
public sealed class GpioException : IOException
{
    public GpioException()
    {
    }

    public GpioException(string message)
        : base(message)
    {
    }

    public GpioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
