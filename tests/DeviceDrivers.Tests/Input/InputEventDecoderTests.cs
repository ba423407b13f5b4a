using Kiosk.DeviceDrivers.Input;

namespace Kiosk.DeviceDrivers.Tests.Input;

public sealed class InputEventDecoderTests
{
    [Fact]
    public void The_native_layout_follows_the_process_bitness()
    {
        Assert.Equal(IntPtr.Size == 8 ? 24 : 16, (int)InputEventLayouts.Native);
    }

    [Theory]
    [InlineData(InputEventLayout.Long64)]
    [InlineData(InputEventLayout.Long32)]
    public void Both_layouts_decode_the_same_keystrokes_from_recorded_bytes(InputEventLayout layout)
    {
        var recording = layout == InputEventLayout.Long64 ? EvdevRecordings.ShiftedMedicalRecordScan64 : EvdevRecordings.ShiftedMedicalRecordScan32;

        var events = new InputEventDecoder(layout).Decode(recording);

        Assert.Equal(recording.Length / (int)layout, events.Count);
        Assert.Equal(new InputEvent(TimeSpan.FromSeconds(1_700_000_000.1), 4, 4, 0x700E1), events[0]);   // MSC_SCAN for left shift
        Assert.Equal(new InputEvent(TimeSpan.FromSeconds(1_700_000_000.1), 1, 42, 1), events[1]);         // KEY_LEFTSHIFT down
        Assert.Equal(new InputEvent(TimeSpan.FromSeconds(1_700_000_000.1), 0, 0, 0), events[2]);          // SYN_REPORT
        Assert.Equal(new InputEvent(TimeSpan.FromSeconds(1_700_000_000.104), 1, 19, 1), events[4]);       // KEY_R down
    }

    [Fact]
    public void The_64_and_32_bit_recordings_are_the_same_events()
    {
        var wide = new InputEventDecoder(InputEventLayout.Long64).Decode(EvdevRecordings.TwoScansSplitByGap64);
        var narrow = new InputEventDecoder(InputEventLayout.Long32).Decode(EvdevRecordings.TwoScansSplitByGap32);

        Assert.Equal(wide, narrow);
        Assert.Equal(EvdevRecordings.TwoScansSplitByGap64.Length * 2, EvdevRecordings.TwoScansSplitByGap32.Length * 3);
    }

    [Theory]
    [InlineData(InputEventLayout.Long64)]
    [InlineData(InputEventLayout.Long32)]
    public void Records_split_at_any_byte_are_joined(InputEventLayout layout)
    {
        var recording = layout == InputEventLayout.Long64 ? EvdevRecordings.ShiftedBookingScan64 : EvdevRecordings.ShiftedBookingScan32;
        var whole = new InputEventDecoder(layout).Decode(recording);
        var decoder = new InputEventDecoder(layout);
        var pieces = new List<InputEvent>();

        for (var i = 0; i < recording.Length; i += 7)
        {
            pieces.AddRange(decoder.Decode(recording.AsSpan(i, Math.Min(7, recording.Length - i))));
        }

        Assert.Equal(whole, pieces);
        Assert.Equal(0, decoder.PendingBytes);
    }

    [Theory]
    [InlineData(InputEventLayout.Long64)]
    [InlineData(InputEventLayout.Long32)]
    public void Encode_writes_what_the_kernel_writes(InputEventLayout layout)
    {
        var recording = layout == InputEventLayout.Long64 ? EvdevRecordings.InterruptedScan64 : EvdevRecordings.InterruptedScan32;
        var events = new InputEventDecoder(layout).Decode(recording);

        Assert.Equal(recording, events.SelectMany(e => InputEventDecoder.Encode(e, layout)).ToArray());
    }

    [Theory]
    [InlineData(InputEventLayout.Long64, 11)]
    [InlineData(InputEventLayout.Long32, 12)]
    public void Fuzzed_bytes_never_throw_and_yield_one_event_per_whole_record(InputEventLayout layout, int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            var decoder = new InputEventDecoder(layout);
            var count = 0;
            for (var offset = 0; offset < bytes.Length;)
            {
                var take = Math.Min(random.Next(1, 64), bytes.Length - offset);
                count += decoder.Decode(bytes.AsSpan(offset, take)).Count;
                offset += take;
            }

            Assert.Equal(bytes.Length / (int)layout, count);
            Assert.Equal(bytes.Length % (int)layout, decoder.PendingBytes);
        }
    }
}
