using System.Buffers.Binary;
using Kiosk.DeviceDrivers.Gpio;
using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Tests.Gpio;

public sealed class GpioUapiTests
{
    [Fact]
    public void Struct_sizes_match_include_uapi_linux_gpio_h()
    {
        Assert.Equal(68, Libc.GpioChipInfoSize);
        Assert.Equal(16, Libc.GpioV2LineAttributeSize);
        Assert.Equal(24, Libc.GpioV2LineConfigAttributeSize);
        Assert.Equal(8 + 4 + (5 * 4) + (10 * 24), Libc.GpioV2LineConfigSize);
        Assert.Equal(272, Libc.GpioV2LineConfigSize);
        Assert.Equal((64 * 4) + 32 + 272 + 4 + 4 + (5 * 4) + 4, Libc.GpioV2LineRequestSize);
        Assert.Equal(32 + 32 + 4 + 4 + 8 + (10 * 16) + (4 * 4), Libc.GpioV2LineInfoSize);
        Assert.Equal(8 + (4 * 4) + (6 * 4), Libc.GpioV2LineEventSize);
        Assert.Equal(48, Libc.GpioV2LineEventSize);

        var settings = new GpioLineSettings { BothEdges = true };
        Assert.Equal(Libc.GpioV2LineConfigSize, GpioUapi.EncodeLineConfig(settings, 1).Length);
        Assert.Equal(Libc.GpioV2LineRequestSize, GpioUapi.EncodeLineRequest([17], "kiosk", settings, 0).Length);
    }

    [Fact]
    public void Ioctl_numbers_are_the_IOC_encoding_of_the_struct_sizes_and_the_pinned_values()
    {
        Assert.Equal(0xC250B407u, Libc.GpioV2GetLineIoctl);
        Assert.Equal(Libc.GpioV2GetLineIoctl, IoctlNumber.IoWR(0xB4, 0x07, Libc.GpioV2LineRequestSize));
        Assert.Equal(Libc.GpioGetChipInfoIoctl, IoctlNumber.IoR(0xB4, 0x01, Libc.GpioChipInfoSize));
        Assert.Equal(0x8044B401u, Libc.GpioGetChipInfoIoctl);
        Assert.Equal(Libc.GpioV2GetLineInfoIoctl, IoctlNumber.IoWR(0xB4, 0x05, Libc.GpioV2LineInfoSize));
        Assert.Equal(Libc.GpioV2LineSetConfigIoctl, IoctlNumber.IoWR(0xB4, 0x0D, Libc.GpioV2LineConfigSize));
        Assert.Equal(Libc.GpioV2LineGetValuesIoctl, IoctlNumber.IoWR(0xB4, 0x0E, Libc.GpioV2LineValuesSize));
        Assert.Equal(Libc.GpioV2LineSetValuesIoctl, IoctlNumber.IoWR(0xB4, 0x0F, Libc.GpioV2LineValuesSize));
        Assert.Equal(0xC010B40Fu, Libc.GpioV2LineSetValuesIoctl);
    }

    [Fact]
    public void Evdev_ioctl_numbers_match_input_h()
    {
        Assert.Equal(Libc.EvIocGrab, IoctlNumber.IoW('E', 0x90, sizeof(int)));
        Assert.Equal(0x40044590u, Libc.EvIocGrab);
        Assert.Equal(0x80084502u, Libc.EvIocGId);
        Assert.Equal(Libc.EvIocSClockId, IoctlNumber.IoW('E', 0xA0, sizeof(int)));
        Assert.Equal(0x81004506u, Libc.EvIocGName(256));
        Assert.Equal(0x80604521u, Libc.EvIocGBit(Libc.EvKey, 96));
    }

    [Fact]
    public void A_button_request_is_built_byte_by_byte_as_the_kernel_expects()
    {
        var settings = new GpioLineSettings { ActiveLow = true, Bias = GpioBias.PullUp, BothEdges = true, DebounceMicroseconds = 30_000 };

        var request = GpioUapi.EncodeLineRequest([17], "kiosk-umum", settings, 0);

        var expected = new byte[592];
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(0), 17);                  // offsets[0]
        "kiosk-umum"u8.CopyTo(expected.AsSpan(256));                                       // consumer
        // config.flags = ACTIVE_LOW | INPUT | EDGE_RISING | EDGE_FALLING | BIAS_PULL_UP
        BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(288), 0x2 | 0x4 | 0x10 | 0x20 | 0x100);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(288 + 8), 1);            // config.num_attrs
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(288 + 32), 3);           // attrs[0].attr.id = DEBOUNCE
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(288 + 32 + 8), 30_000);  // attrs[0].attr.debounce_period_us
        BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(288 + 32 + 16), 1);      // attrs[0].mask: line index 0
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(560), 1);                // num_lines
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(request));
    }

    [Fact]
    public void A_lamp_request_is_an_output_starting_dark_with_the_output_values_attribute()
    {
        var settings = new GpioLineSettings { Output = true, ActiveLow = true, InitialValue = false };

        var config = GpioUapi.EncodeLineConfig(settings, 1);

        Assert.Equal(0x2UL | 0x8UL, BinaryPrimitives.ReadUInt64LittleEndian(config));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(config.AsSpan(8)));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(config.AsSpan(32)));     // OUTPUT_VALUES
        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(config.AsSpan(40)));    // values: off
        Assert.Equal(1UL, BinaryPrimitives.ReadUInt64LittleEndian(config.AsSpan(48)));    // mask
        Assert.All(config.AsSpan(56).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_long_consumer_label_is_cut_and_stays_NUL_terminated()
    {
        var request = GpioUapi.EncodeLineRequest([1], new string('x', 80), new GpioLineSettings(), 0);

        Assert.Equal(31, request.AsSpan(256, 32).IndexOf((byte)0));
        Assert.Equal(0, request[287]);
        Assert.Equal(0x4UL, BinaryPrimitives.ReadUInt64LittleEndian(request.AsSpan(288)));
    }

    [Fact]
    public void The_recorded_event_bytes_decode_to_timestamp_edge_offset_and_seqnos()
    {
        var first = GpioUapi.DecodeLineEvent(GpioRecordings.BouncyPress.AsSpan(0, 48));
        var second = GpioUapi.DecodeLineEvent(GpioRecordings.BouncyPress.AsSpan(48, 48));

        Assert.Equal(new GpioLineEvent(GpioRecordings.T, GpioEdge.Rising, 17, 1, 1), first);
        Assert.Equal(GpioEdge.Falling, second.Edge);
        Assert.Equal(GpioRecordings.T + 800_000, second.TimestampNs);
        Assert.Equal(GpioRecordings.At(0.8), second.Timestamp);
        Assert.Equal(GpioRecordings.BouncyPress.AsSpan(0, 48).ToArray(), GpioUapi.EncodeLineEvent(first));
    }

    [Fact]
    public void Chip_info_and_line_info_decode_from_kernel_bytes()
    {
        var chip = new byte[68];
        "gpiochip0"u8.CopyTo(chip);
        "pinctrl-bcm2711"u8.CopyTo(chip.AsSpan(32));
        BinaryPrimitives.WriteUInt32LittleEndian(chip.AsSpan(64), 58);
        var line = new byte[256];
        "GPIO17"u8.CopyTo(line);
        "kiosk-umum"u8.CopyTo(line.AsSpan(32));
        BinaryPrimitives.WriteUInt32LittleEndian(line.AsSpan(64), 17);
        BinaryPrimitives.WriteUInt32LittleEndian(line.AsSpan(68), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(line.AsSpan(72), 0x1 | 0x2 | 0x4 | 0x100);
        BinaryPrimitives.WriteUInt32LittleEndian(line.AsSpan(80), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(line.AsSpan(88), 30_000);

        var info = GpioUapi.DecodeChipInfo("/dev/gpiochip0", chip);
        var lineInfo = GpioUapi.DecodeLineInfo(line);

        Assert.Equal(new GpioChipInfo("/dev/gpiochip0", "gpiochip0", "pinctrl-bcm2711", 58), info);
        Assert.Equal(17u, lineInfo.Offset);
        Assert.Equal("GPIO17", lineInfo.Name);
        Assert.Equal("kiosk-umum", lineInfo.Consumer);
        Assert.True(lineInfo.InUse);
        Assert.Equal(GpioLineModes.Used | GpioLineModes.ActiveLow | GpioLineModes.Input | GpioLineModes.BiasPullUp, lineInfo.Flags);
        Assert.Equal(30_000u, lineInfo.DebounceMicroseconds);
        Assert.Contains("used by \"kiosk-umum\"", lineInfo.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Event_records_split_across_reads_are_joined()
    {
        var reader = new GpioLineEventReader();
        var stream = GpioRecordings.BouncyPress;

        var events = new List<GpioLineEvent>();
        events.AddRange(reader.Decode(stream.AsSpan(0, 70)));
        events.AddRange(reader.Decode(stream.AsSpan(70, 10)));
        events.AddRange(reader.Decode(stream.AsSpan(80, 1)));
        events.AddRange(reader.Decode(stream.AsSpan(81)));

        Assert.Equal(8, events.Count);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (uint)i), events.Select(e => e.Seqno));
        Assert.Equal(0, reader.RejectedRecords);
    }

    [Fact]
    public void A_record_with_an_unknown_edge_id_is_counted_and_skipped()
    {
        var reader = new GpioLineEventReader();
        var garbage = new byte[48];
        BinaryPrimitives.WriteUInt32LittleEndian(garbage.AsSpan(8), 99);

        var events = reader.Decode([.. garbage, .. GpioRecordings.InterferenceBlip]);

        Assert.Equal(2, events.Count);
        Assert.Equal(1, reader.RejectedRecords);
    }

    [Fact]
    public void Fuzzed_event_bytes_never_throw_and_every_decoded_event_has_a_known_edge()
    {
        var random = new Random(20261122);
        for (var round = 0; round < 500; round++)
        {
            var reader = new GpioLineEventReader();
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            if (round % 2 == 0)
            {
                // Half the rounds with plausible ids so decoding paths, not just rejection, are exercised.
                for (var i = 8; i + 4 <= bytes.Length; i += 48)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i), (uint)random.Next(0, 4));
                }
            }

            var offset = 0;
            var decoded = 0;
            while (offset < bytes.Length)
            {
                var take = Math.Min(random.Next(1, 100), bytes.Length - offset);
                var events = reader.Decode(bytes.AsSpan(offset, take));
                Assert.All(events, e => Assert.True(e.Edge is GpioEdge.Rising or GpioEdge.Falling));
                decoded += events.Count;
                offset += take;
            }

            Assert.Equal(bytes.Length / 48, decoded + reader.RejectedRecords);
        }
    }

    [Fact]
    public void Sequence_gaps_count_the_lost_events()
    {
        var tracker = new GpioSequenceTracker();
        var events = new GpioLineEventReader().Decode(GpioRecordings.LostEvents);

        Assert.Equal([0u, 0u, 2u], events.Select(tracker.Observe));
    }
}
