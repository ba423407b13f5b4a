namespace Kiosk.DeviceDrivers.Input;

/// <summary>The seam under <see cref="EvdevScanReader"/>: an opened /dev/input/eventN.</summary>
internal interface IInputDeviceIo : IDisposable
{
    /// <summary>Reads what is available, waiting up to <paramref name="timeout"/>; 0 when nothing came. A lost device throws <see cref="IOException"/>.</summary>
    int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>EVIOCGRAB: keeps scans out of the console and other readers. Returns the reason when refused.</summary>
    string? TryGrab();
}
