namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// The thin seam under <see cref="GpioChip"/>: an ioctl on /dev/gpiochipN with its argument as bytes, so tests can
/// check the exact bytes of every request and answer as the kernel would.
/// </summary>
internal interface IGpioChipIo : IDisposable
{
    string Path { get; }

    /// <summary>Runs the ioctl in place on <paramref name="argument"/>; throws <see cref="GpioException"/> with the errno text.</summary>
    void Ioctl(uint request, byte[] argument);

    /// <summary>Takes ownership of the line request descriptor the kernel returned.</summary>
    IGpioLineIo AdoptLine(int fd, string description);
}
