namespace Kiosk.DeviceDrivers.Printing.Imaging;

/// <summary>A logo file is not a readable PBM or 1-bit BMP; the message says which part is wrong.</summary>
public sealed class ImageFormatException : FormatException
{
    public ImageFormatException()
    {
    }

    public ImageFormatException(string message)
        : base(message)
    {
    }

    public ImageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
