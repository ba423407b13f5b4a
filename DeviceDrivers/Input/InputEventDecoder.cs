using System.Buffers.Binary;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>
/// Decodes the evdev byte stream in either layout, keeping a split record's tail for the next chunk.
/// Little-endian: every Linux board the kiosk runs on is.
/// </summary>
public sealed class InputEventDecoder
{
    private readonly int size;
    private readonly byte[] partial;
    private int partialLength;

    public InputEventDecoder(InputEventLayout layout)
    {
        if (layout is not (InputEventLayout.Long64 or InputEventLayout.Long32))
        {
            throw new ArgumentOutOfRangeException(nameof(layout), layout, "input_event is 24 (64-bit) or 16 (32-bit) bytes.");
        }

        Layout = layout;
        size = (int)layout;
        partial = new byte[size];
    }

    public InputEventLayout Layout { get; }

    /// <summary>Bytes of a record still waiting for the rest.</summary>
    public int PendingBytes => partialLength;

    public IReadOnlyList<InputEvent> Decode(ReadOnlySpan<byte> chunk)
    {
        var events = new List<InputEvent>((chunk.Length + partialLength) / size);
        if (partialLength > 0)
        {
            var take = Math.Min(size - partialLength, chunk.Length);
            chunk[..take].CopyTo(partial.AsSpan(partialLength));
            partialLength += take;
            chunk = chunk[take..];
            if (partialLength < size)
            {
                return events;
            }

            events.Add(DecodeOne(partial));
            partialLength = 0;
        }

        while (chunk.Length >= size)
        {
            events.Add(DecodeOne(chunk[..size]));
            chunk = chunk[size..];
        }

        chunk.CopyTo(partial);
        partialLength = chunk.Length;
        return events;
    }

    /// <summary>Drops a half record, e.g. after the device was reopened.</summary>
    public void Reset() => partialLength = 0;

    /// <summary>The bytes the kernel writes for <paramref name="inputEvent"/> in <paramref name="layout"/> (recordings, simulator).</summary>
    public static byte[] Encode(InputEvent inputEvent, InputEventLayout layout)
    {
        var record = new byte[(int)layout];
        var seconds = inputEvent.Time.Ticks / TimeSpan.TicksPerSecond;
        var microseconds = inputEvent.Time.Ticks % TimeSpan.TicksPerSecond / 10;
        var field = layout == InputEventLayout.Long64 ? 8 : 4;
        if (field == 8)
        {
            BinaryPrimitives.WriteInt64LittleEndian(record, seconds);
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(8), microseconds);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(record, (int)seconds);
            BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(4), (int)microseconds);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(2 * field), inputEvent.Type);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan((2 * field) + 2), inputEvent.Code);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan((2 * field) + 4), inputEvent.Value);
        return record;
    }

    private InputEvent DecodeOne(ReadOnlySpan<byte> record)
    {
        long seconds;
        long microseconds;
        int field;
        if (Layout == InputEventLayout.Long64)
        {
            field = 8;
            seconds = BinaryPrimitives.ReadInt64LittleEndian(record);
            microseconds = BinaryPrimitives.ReadInt64LittleEndian(record[8..]);
        }
        else
        {
            field = 4;
            // armhf's time is an unsigned 32-bit count in the input_event (__kernel_ulong_t since 2038 work).
            seconds = BinaryPrimitives.ReadUInt32LittleEndian(record);
            microseconds = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
        }

        // Garbage timestamps (fuzzed or corrupt input) must not overflow a TimeSpan.
        var ticks = seconds is >= 0 and < 100L * 365 * 86400 && microseconds is >= 0 and < 1_000_000
            ? (seconds * TimeSpan.TicksPerSecond) + (microseconds * 10)
            : 0;
        return new InputEvent(
            TimeSpan.FromTicks(ticks),
            BinaryPrimitives.ReadUInt16LittleEndian(record[(2 * field)..]),
            BinaryPrimitives.ReadUInt16LittleEndian(record[((2 * field) + 2)..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[((2 * field) + 4)..]));
    }
}
