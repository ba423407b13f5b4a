using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// Turns the byte stream of a line request into events. The kernel only hands out whole records, but a recording,
/// a short buffer or a simulator may split one; the tail is kept for the next chunk instead of being misread.
/// </summary>
internal sealed class GpioLineEventReader
{
    private readonly byte[] partial = new byte[Libc.GpioV2LineEventSize];
    private int partialLength;

    /// <summary>Records that could not be decoded (unknown edge id) are counted, not thrown: one bad record must not stop the buttons.</summary>
    public int RejectedRecords { get; private set; }

    public IReadOnlyList<GpioLineEvent> Decode(ReadOnlySpan<byte> chunk)
    {
        var events = new List<GpioLineEvent>(chunk.Length / Libc.GpioV2LineEventSize + 1);
        if (partialLength > 0)
        {
            var take = Math.Min(Libc.GpioV2LineEventSize - partialLength, chunk.Length);
            chunk[..take].CopyTo(partial.AsSpan(partialLength));
            partialLength += take;
            chunk = chunk[take..];
            if (partialLength < Libc.GpioV2LineEventSize)
            {
                return events;
            }

            Add(events, partial);
            partialLength = 0;
        }

        while (chunk.Length >= Libc.GpioV2LineEventSize)
        {
            Add(events, chunk[..Libc.GpioV2LineEventSize]);
            chunk = chunk[Libc.GpioV2LineEventSize..];
        }

        chunk.CopyTo(partial);
        partialLength = chunk.Length;
        return events;
    }

    private void Add(List<GpioLineEvent> events, ReadOnlySpan<byte> record)
    {
        try
        {
            events.Add(GpioUapi.DecodeLineEvent(record));
        }
        catch (FormatException)
        {
            RejectedRecords++;
        }
    }
}
