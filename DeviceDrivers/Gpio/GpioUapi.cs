using System.Buffers.Binary;
using System.Text;
using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// Builds and reads the GPIO uAPI v2 structs as bytes at the offsets of include/uapi/linux/gpio.h, so the exact
/// request sent for a configuration can be checked byte by byte in tests. Little-endian, as on every Linux target
/// the kiosk runs on (x86_64, arm64, armhf).
/// </summary>
internal static class GpioUapi
{
    // struct gpio_v2_line_config
    private const int ConfigFlags = 0;
    private const int ConfigNumAttrs = 8;
    private const int ConfigAttrs = 32;

    // struct gpio_v2_line_request
    private const int RequestOffsets = 0;
    private const int RequestConsumer = 256;
    private const int RequestConfig = 288;
    private const int RequestNumLines = 560;
    private const int RequestEventBufferSize = 564;
    private const int RequestFd = 588;

    // struct gpio_v2_line_info
    private const int InfoName = 0;
    private const int InfoConsumer = 32;
    private const int InfoOffset = 64;
    private const int InfoNumAttrs = 68;
    private const int InfoFlags = 72;
    private const int InfoAttrs = 80;

    /// <summary>struct gpio_v2_line_config for lines that all share <paramref name="settings"/>.</summary>
    public static byte[] EncodeLineConfig(GpioLineSettings settings, int lineCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (lineCount is < 1 or > Libc.GpioV2LinesMax)
        {
            throw new ArgumentOutOfRangeException(nameof(lineCount), lineCount, $"A request holds 1 to {Libc.GpioV2LinesMax} lines.");
        }

        var config = new byte[Libc.GpioV2LineConfigSize];
        BinaryPrimitives.WriteUInt64LittleEndian(config.AsSpan(ConfigFlags), (ulong)settings.Flags);
        var allLines = lineCount == 64 ? ulong.MaxValue : (1UL << lineCount) - 1;
        var attributes = 0;
        if (settings.Output)
        {
            WriteAttribute(config, attributes++, Libc.GpioV2LineAttrIdOutputValues, settings.InitialValue ? allLines : 0, allLines);
        }
        else if (settings.DebounceMicroseconds > 0)
        {
            WriteAttribute(config, attributes++, Libc.GpioV2LineAttrIdDebounce, settings.DebounceMicroseconds, allLines);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(config.AsSpan(ConfigNumAttrs), (uint)attributes);
        return config;
    }

    /// <summary>struct gpio_v2_line_request for GPIO_V2_GET_LINE_IOCTL.</summary>
    public static byte[] EncodeLineRequest(IReadOnlyList<uint> offsets, string consumer, GpioLineSettings settings, uint eventBufferSize)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(consumer);
        var request = new byte[Libc.GpioV2LineRequestSize];
        for (var i = 0; i < offsets.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(RequestOffsets + (4 * i)), offsets[i]);
        }

        WriteName(request.AsSpan(RequestConsumer, Libc.GpioMaxNameSize), consumer);
        EncodeLineConfig(settings, offsets.Count).CopyTo(request, RequestConfig);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(RequestNumLines), (uint)offsets.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(RequestEventBufferSize), eventBufferSize);
        return request;
    }

    /// <summary>The line request descriptor the kernel wrote back into the request.</summary>
    public static int ReadRequestFd(ReadOnlySpan<byte> request) => BinaryPrimitives.ReadInt32LittleEndian(request[RequestFd..]);

    public static GpioLineEvent DecodeLineEvent(ReadOnlySpan<byte> record)
    {
        if (record.Length < Libc.GpioV2LineEventSize)
        {
            throw new ArgumentException($"A gpio_v2_line_event is {Libc.GpioV2LineEventSize} bytes, got {record.Length}.", nameof(record));
        }

        var id = BinaryPrimitives.ReadUInt32LittleEndian(record[8..]);
        if (id is not (Libc.GpioV2LineEventRisingEdge or Libc.GpioV2LineEventFallingEdge))
        {
            throw new FormatException($"gpio_v2_line_event has unknown edge id {id}.");
        }

        return new GpioLineEvent(
            BinaryPrimitives.ReadUInt64LittleEndian(record),
            (GpioEdge)id,
            BinaryPrimitives.ReadUInt32LittleEndian(record[12..]),
            BinaryPrimitives.ReadUInt32LittleEndian(record[16..]),
            BinaryPrimitives.ReadUInt32LittleEndian(record[20..]));
    }

    /// <summary>The 48 bytes the kernel writes for <paramref name="lineEvent"/>: used by recordings and the simulator.</summary>
    public static byte[] EncodeLineEvent(GpioLineEvent lineEvent)
    {
        var record = new byte[Libc.GpioV2LineEventSize];
        BinaryPrimitives.WriteUInt64LittleEndian(record, lineEvent.TimestampNs);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)lineEvent.Edge);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), lineEvent.Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(16), lineEvent.Seqno);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(20), lineEvent.LineSeqno);
        return record;
    }

    public static GpioChipInfo DecodeChipInfo(string path, ReadOnlySpan<byte> info) =>
        new(path, ReadName(info[..Libc.GpioMaxNameSize]), ReadName(info.Slice(Libc.GpioMaxNameSize, Libc.GpioMaxNameSize)), (int)BinaryPrimitives.ReadUInt32LittleEndian(info[64..]));

    public static byte[] EncodeLineInfoQuery(uint offset)
    {
        var info = new byte[Libc.GpioV2LineInfoSize];
        BinaryPrimitives.WriteUInt32LittleEndian(info.AsSpan(InfoOffset), offset);
        return info;
    }

    public static GpioLineInfo DecodeLineInfo(ReadOnlySpan<byte> info)
    {
        var flags = (GpioLineModes)BinaryPrimitives.ReadUInt64LittleEndian(info[InfoFlags..]);
        var attributes = Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(info[InfoNumAttrs..]), Libc.GpioV2LineNumAttrsMax);
        uint debounce = 0;
        for (var i = 0; i < attributes; i++)
        {
            var attribute = info.Slice(InfoAttrs + (i * Libc.GpioV2LineAttributeSize), Libc.GpioV2LineAttributeSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(attribute) == Libc.GpioV2LineAttrIdDebounce)
            {
                debounce = BinaryPrimitives.ReadUInt32LittleEndian(attribute[8..]);
            }
        }

        return new GpioLineInfo(
            BinaryPrimitives.ReadUInt32LittleEndian(info[InfoOffset..]),
            ReadName(info.Slice(InfoName, Libc.GpioMaxNameSize)),
            ReadName(info.Slice(InfoConsumer, Libc.GpioMaxNameSize)),
            flags,
            debounce);
    }

    /// <summary>struct gpio_v2_line_values: bit i is the line at index i of the request.</summary>
    public static byte[] EncodeLineValues(ulong bits, ulong mask)
    {
        var values = new byte[Libc.GpioV2LineValuesSize];
        BinaryPrimitives.WriteUInt64LittleEndian(values, bits);
        BinaryPrimitives.WriteUInt64LittleEndian(values.AsSpan(8), mask);
        return values;
    }

    public static ulong ReadLineValueBits(ReadOnlySpan<byte> values) => BinaryPrimitives.ReadUInt64LittleEndian(values);

    private static void WriteAttribute(byte[] config, int index, uint id, ulong value, ulong mask)
    {
        var attribute = config.AsSpan(ConfigAttrs + (index * Libc.GpioV2LineConfigAttributeSize), Libc.GpioV2LineConfigAttributeSize);
        BinaryPrimitives.WriteUInt32LittleEndian(attribute, id);
        if (id == Libc.GpioV2LineAttrIdDebounce)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(attribute[8..], (uint)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(attribute[8..], value);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(attribute[16..], mask);
    }

    private static void WriteName(Span<byte> target, string name)
    {
        // NUL-terminated within 32 bytes: a longer consumer label is cut, never overflows into the config.
        var bytes = Encoding.ASCII.GetBytes(name);
        bytes.AsSpan(0, Math.Min(bytes.Length, target.Length - 1)).CopyTo(target);
    }

    private static string ReadName(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? field : field[..end]);
    }
}
