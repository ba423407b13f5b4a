namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>The seam under <see cref="GpioLineRequest"/>: the anonymous line request descriptor.</summary>
internal interface IGpioLineIo : IDisposable
{
    /// <summary>Reads whole gpio_v2_line_event records, waiting up to <paramref name="timeout"/>; 0 when none came.</summary>
    int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken);

    void Ioctl(uint request, byte[] argument);
}
