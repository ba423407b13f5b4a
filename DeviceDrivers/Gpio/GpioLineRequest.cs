using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>Requested lines: read their edge events and values, set outputs. Closing releases the lines.</summary>
internal sealed class GpioLineRequest : IDisposable
{
    private readonly IGpioLineIo io;
    private readonly GpioLineEventReader reader = new();
    private readonly byte[] buffer = new byte[Libc.GpioV2LineEventSize * 16];

    public GpioLineRequest(IGpioLineIo io, IReadOnlyList<uint> offsets, string description)
    {
        this.io = io;
        Offsets = offsets;
        Description = description;
    }

    public IReadOnlyList<uint> Offsets { get; }

    public string Description { get; }

    public int RejectedRecords => reader.RejectedRecords;

    public IReadOnlyList<GpioLineEvent> ReadEvents(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var n = io.Read(buffer, timeout, cancellationToken);
        return n == 0 ? [] : reader.Decode(buffer.AsSpan(0, n));
    }

    /// <summary>The logical value (active-low applied) of the line at <paramref name="index"/> in this request.</summary>
    public bool GetValue(int index)
    {
        var mask = 1UL << index;
        var values = GpioUapi.EncodeLineValues(0, mask);
        io.Ioctl(Libc.GpioV2LineGetValuesIoctl, values);
        return (GpioUapi.ReadLineValueBits(values) & mask) != 0;
    }

    public void SetValue(int index, bool active)
    {
        var mask = 1UL << index;
        io.Ioctl(Libc.GpioV2LineSetValuesIoctl, GpioUapi.EncodeLineValues(active ? mask : 0, mask));
    }

    public void Dispose() => io.Dispose();
}
