using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Native;
using Kiosk.DeviceDrivers.Scanning;

namespace Kiosk.DeviceDrivers.Tests.Input;

public sealed class KeyboardWedgeDecoderTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(150);

    private static List<(string Text, ScanEnd End)> Decode(byte[] recording, InputEventLayout layout, KeyboardWedgeDecoder? wedge = null, bool flushAtEnd = false)
    {
        wedge ??= new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, Gap);
        var scans = new List<(string, ScanEnd)>();
        foreach (var e in new InputEventDecoder(layout).Decode(recording))
        {
            if (wedge.Feed(e) is { } scan)
            {
                scans.Add(scan);
            }
        }

        if (flushAtEnd && wedge.FlushIdle() is { } last)
        {
            scans.Add(last);
        }

        return scans;
    }

    [Theory]
    [InlineData(InputEventLayout.Long64)]
    [InlineData(InputEventLayout.Long32)]
    public void Shifted_characters_come_out_upper_case_and_punctuated(InputEventLayout layout)
    {
        var medical = layout == InputEventLayout.Long64 ? EvdevRecordings.ShiftedMedicalRecordScan64 : EvdevRecordings.ShiftedMedicalRecordScan32;
        var booking = layout == InputEventLayout.Long64 ? EvdevRecordings.ShiftedBookingScan64 : EvdevRecordings.ShiftedBookingScan32;

        Assert.Equal([("RM-00123456", ScanEnd.Terminator)], Decode(medical, layout));
        Assert.Equal([("JKN:20261122A012", ScanEnd.Terminator)], Decode(booking, layout));
    }

    [Theory]
    [InlineData(InputEventLayout.Long64)]
    [InlineData(InputEventLayout.Long32)]
    public void A_pause_longer_than_the_inter_key_gap_splits_scans_from_a_reader_without_suffix(InputEventLayout layout)
    {
        var recording = layout == InputEventLayout.Long64 ? EvdevRecordings.TwoScansSplitByGap64 : EvdevRecordings.TwoScansSplitByGap32;

        Assert.Equal([("0001234567890", ScanEnd.Gap), ("3271046504930001", ScanEnd.Gap)], Decode(recording, layout, flushAtEnd: true));
    }

    [Theory]
    [InlineData(InputEventLayout.Long64)]
    [InlineData(InputEventLayout.Long32)]
    public void An_interrupted_scan_is_delivered_as_interrupted_and_shift_is_released(InputEventLayout layout)
    {
        var recording = layout == InputEventLayout.Long64 ? EvdevRecordings.InterruptedScan64 : EvdevRecordings.InterruptedScan32;
        var wedge = new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, Gap);
        Assert.Empty(Decode(recording, layout, wedge));
        wedge.Feed(new InputEvent(TimeSpan.FromSeconds(1_700_000_001), 1, KeyCodes.LeftShift, 1));

        Assert.Equal(("000123", ScanEnd.Interrupted), wedge.Interrupt());
        wedge.Feed(new InputEvent(TimeSpan.FromSeconds(1_700_000_002), 1, KeyCodes.A, 1));
        Assert.Equal(("a", ScanEnd.Gap), wedge.FlushIdle());
    }

    [Fact]
    public void Autorepeat_and_key_release_add_nothing_and_caps_lock_flips_letters_only()
    {
        var wedge = new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, Gap);
        var t = TimeSpan.FromSeconds(1);
        InputEvent Key(ushort code, int value) => new(t += TimeSpan.FromMilliseconds(2), 1, code, value);

        wedge.Feed(Key(KeyCodes.A, 1));
        wedge.Feed(Key(KeyCodes.A, 2));
        wedge.Feed(Key(KeyCodes.A, 0));
        wedge.Feed(Key(KeyCodes.CapsLock, 1));
        wedge.Feed(Key(KeyCodes.CapsLock, 0));
        wedge.Feed(Key(KeyCodes.A, 1));
        wedge.Feed(Key(2, 1));                    // KEY_1 stays '1' with caps lock
        wedge.Feed(Key(KeyCodes.LeftShift, 1));
        wedge.Feed(Key(KeyCodes.A, 1));           // caps + shift = lower case
        wedge.Feed(Key(KeyCodes.LeftShift, 0));

        Assert.Equal(("aA1a", ScanEnd.Terminator), wedge.Feed(Key(KeyCodes.KeypadEnter, 1)));
    }

    [Fact]
    public void Keys_outside_the_layout_become_a_marker_the_parser_rejects()
    {
        var wedge = new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, Gap);
        wedge.Feed(new InputEvent(TimeSpan.FromSeconds(1), 1, 2, 1));
        wedge.Feed(new InputEvent(TimeSpan.FromSeconds(1.01), 1, 183, 1));   // KEY_F13

        var scan = wedge.Feed(new InputEvent(TimeSpan.FromSeconds(1.02), 1, KeyCodes.Enter, 1));

        Assert.Equal(("1\uFFFD", ScanEnd.Terminator), scan);
        Assert.Equal(ScanRejection.UnknownKey, Assert.IsType<RejectedScan>(new ScanParser(new ScanParserOptions()).Parse(scan!.Value.Text)).Reason);
    }

    [Fact]
    public void Endless_typing_is_cut_at_the_maximum_and_marked_as_overflow()
    {
        var wedge = new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, Gap, maxLength: 16);
        var t = TimeSpan.FromSeconds(1);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Null(wedge.Feed(new InputEvent(t += TimeSpan.FromMilliseconds(3), 1, 3, 1)));
        }

        var scan = wedge.Feed(new InputEvent(t, 1, KeyCodes.Enter, 1));

        Assert.Equal((new string('2', 16), ScanEnd.Overflow), scan);
    }

    [Fact]
    public void A_bare_enter_is_no_scan()
    {
        var wedge = new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, Gap);

        Assert.Null(wedge.Feed(new InputEvent(TimeSpan.FromSeconds(1), 1, KeyCodes.Enter, 1)));
    }

    [Fact]
    public void Layout_overrides_replace_keys_and_bad_overrides_are_named()
    {
        var layout = KeyboardLayout.UsEnglish.With(new Dictionary<string, string> { ["16"] = "aA", ["30"] = "qQ" });

        Assert.True(layout.TryTranslate(16, shift: true, capsLock: false, out var c));
        Assert.Equal('A', c);
        var error = Assert.Throws<DeviceConfigurationException>(() => KeyboardLayout.UsEnglish.With(new Dictionary<string, string> { ["x"] = "aA", ["30"] = "abc" }));
        Assert.Contains("\"x\" is not a key code", error.Message, StringComparison.Ordinal);
        Assert.Contains("key 30: \"abc\" must be two printable characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fuzzed_event_streams_never_throw()
    {
        var random = new Random(7);
        var wedge = new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, Gap, maxLength: 64);
        var decoder = new InputEventDecoder(InputEventLayout.Long64);
        var scans = 0;
        for (var round = 0; round < 200; round++)
        {
            var bytes = new byte[random.Next(0, 2400)];
            random.NextBytes(bytes);
            for (var i = 0; i + 24 <= bytes.Length; i += 24)
            {
                // Mostly key events with small codes, so the decoder's paths are really walked.
                bytes[i + 16] = (byte)(random.Next(4) == 0 ? random.Next(256) : 1);
                bytes[i + 17] = 0;
                bytes[i + 18] = (byte)random.Next(0, 120);
                bytes[i + 19] = 0;
                bytes[i + 20] = (byte)random.Next(0, 3);
                bytes[i + 21] = bytes[i + 22] = bytes[i + 23] = 0;
            }

            foreach (var e in decoder.Decode(bytes))
            {
                if (wedge.Feed(e) is { } scan)
                {
                    Assert.InRange(scan.Text.Length, 0, 64);
                    scans++;
                }
            }
        }

        Assert.True(scans > 0, "the fuzzed streams never completed a scan, so the decoder paths were not exercised");
    }

    [Fact]
    public void Keys_lost_to_a_kernel_buffer_overflow_make_the_scan_interrupted_even_when_the_digits_left_look_whole()
    {
        var wedge = new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, Gap);
        var time = TimeSpan.FromSeconds(100);
        (string Text, ScanEnd End)? Type(ushort code)
        {
            time += TimeSpan.FromMilliseconds(5);
            var down = wedge.Feed(new InputEvent(time, Libc.EvKey, code, 1));
            return wedge.Feed(new InputEvent(time, Libc.EvKey, code, 0)) ?? down;
        }

        // A 16-digit NIK whose first three keys were dropped by the kernel: 13 digits remain, a BPJS number's length.
        Assert.Null(wedge.Feed(new InputEvent(time, Libc.EvSyn, Libc.SynDropped, 0)));
        for (var i = 0; i < 13; i++)
        {
            Assert.Null(Type(2));
        }

        Assert.Equal(("1111111111111", ScanEnd.Interrupted), Type(KeyCodes.Enter));
        Assert.Null(Type(2));
        Assert.Equal(("1", ScanEnd.Terminator), Type(KeyCodes.Enter));
    }
}
