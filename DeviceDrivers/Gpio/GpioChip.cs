using System.Globalization;
using Kiosk.DeviceDrivers.Native;
using Kiosk.DeviceDrivers.Text;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>One GPIO chip: its info, its lines by number or name, and line requests.</summary>
internal sealed class GpioChip : IDisposable
{
    private readonly IGpioChipIo io;
    private GpioChipInfo? info;

    public GpioChip(IGpioChipIo io) => this.io = io;

    public string Path => io.Path;

    /// <summary>Opens a chip given as "gpiochip4", "4", "/dev/gpiochip4" or by label ("pinctrl-rp1").</summary>
    public static GpioChip Open(string chip) => new(LinuxGpioChipIo.Open(GpioChipLocator.Resolve(chip)));

    public GpioChipInfo Info
    {
        get
        {
            if (info is null)
            {
                var buffer = new byte[Libc.GpioChipInfoSize];
                io.Ioctl(Libc.GpioGetChipInfoIoctl, buffer);
                info = GpioUapi.DecodeChipInfo(io.Path, buffer);
            }

            return info;
        }
    }

    public GpioLineInfo GetLineInfo(uint offset)
    {
        var buffer = GpioUapi.EncodeLineInfoQuery(offset);
        io.Ioctl(Libc.GpioV2GetLineInfoIoctl, buffer);
        return GpioUapi.DecodeLineInfo(buffer);
    }

    public IReadOnlyList<GpioLineInfo> GetLines() =>
        Enumerable.Range(0, Info.Lines).Select(i => GetLineInfo((uint)i)).ToList();

    /// <summary>A line given as its offset ("17") or its name from the device tree ("GPIO17").</summary>
    public uint ResolveLine(string line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(line);
        if (uint.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return offset < Info.Lines
                ? offset
                : throw new DeviceConfigurationException(DriverTeks.GpioLineOutOfRange(offset, Path, Info.Label, Info.Lines));
        }

        for (uint i = 0; i < Info.Lines; i++)
        {
            if (string.Equals(GetLineInfo(i).Name, line, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new DeviceConfigurationException(DriverTeks.GpioLineNameMissing(line, Path, Info.Label));
    }

    public GpioLineRequest Request(IReadOnlyList<uint> offsets, GpioLineSettings settings, string consumer)
    {
        var request = GpioUapi.EncodeLineRequest(offsets, consumer, settings, eventBufferSize: 0);
        io.Ioctl(Libc.GpioV2GetLineIoctl, request);
        var fd = GpioUapi.ReadRequestFd(request);
        if (fd <= 0)
        {
            throw new GpioException(DriverTeks.GpioNoDescriptor(string.Join(",", offsets), Path));
        }

        var description = $"{Path} line(s) {string.Join(",", offsets)} ({consumer})";
        return new GpioLineRequest(io.AdoptLine(fd, description), offsets, description);
    }

    public void Dispose() => io.Dispose();
}
