using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Scanning;
using Kiosk.TestSupport;

namespace Kiosk.DeviceDrivers.Tests.Scanning;

/// <summary>
/// Whatever a card reader delivers gets exactly one result, accepted or rejected with a message for the patient, and
/// logging it never throws: text of any characters, scans ended in any way, and bytes through the serial line assembler
/// and the evdev decoder with the keyboard-wedge decoder. The fuzz corpus (fuzz/seeds/scan: the scans the tests use and
/// evdev recordings of a real reader; fuzz/findings/scan) is replayed here along the same paths as the fuzzer.
/// </summary>
public sealed class ScanTotalityTests
{
    private static readonly ScanParser Parser = new(new ScanParserOptions());

    public static TheoryData<string> Corpus => FuzzCorpus.Inputs("scan");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_fuzz_input_gets_one_result_on_every_path(string input) => ReadEveryWay(FuzzCorpus.Read(input));

    [Fact]
    public void The_seed_scans_are_read_as_the_cards_they_are()
    {
        Assert.IsType<BpjsCardScan>(Parser.Parse(Encoding.Latin1.GetString(FuzzCorpus.Read("seeds/scan/text-bpjs")).TrimEnd('\r')));
        Assert.IsType<NikScan>(Parser.Parse(Encoding.Latin1.GetString(FuzzCorpus.Read("seeds/scan/text-nik-female")).TrimEnd('\r')));
        Assert.IsType<JknBookingScan>(Parser.Parse(Encoding.Latin1.GetString(FuzzCorpus.Read("seeds/scan/text-jkn")).TrimEnd('\r')));
        Assert.IsType<MedicalRecordScan>(Parser.Parse(Encoding.Latin1.GetString(FuzzCorpus.Read("seeds/scan/text-kartu-berobat")).TrimEnd('\r')));
    }

    [Fact]
    public void Any_text_ended_in_any_way_gets_exactly_one_result()
    {
        var character = Gen.Frequency(
            (6, Gen.Elements("0123456789".ToCharArray())),
            (2, Gen.Elements("RMJKN-:/. ABCZ".ToCharArray())),
            (1, Gen.Choose(0, 0x7F).Select(c => (char)c)),
            (1, Gen.Choose(0, 0xFFFF).Select(c => (char)c)));
        var text = Gen.Frequency(
            (4, Gen.Choose(0, 20).SelectMany(n => Gen.ArrayOf(character, n))),
            (1, Gen.Choose(0, 5000).SelectMany(n => Gen.ArrayOf(character, n))))
            .Select(chars => new string(chars));
        var gen = from t in text from end in Gen.Elements(Enum.GetValues<ScanEnd>()) select new RawScan(t, end, "test", DateTimeOffset.UnixEpoch);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(gen.ToArbitrary(), scan =>
        {
            _ = scan.ToString();
            Assert.True(IsOneAnswer(Parser.Parse(scan)));
            Assert.True(IsOneAnswer(Parser.Parse(scan.Text)));
            return true;
        }));
    }

    [Fact]
    public void Any_bytes_from_a_reader_get_one_result_per_scan()
    {
        var gen = Gen.Choose(0, 400).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(gen.ToArbitrary(), bytes =>
        {
            ReadEveryWay(bytes);
            return true;
        }));
    }

    /// <summary>The paths of the fuzz target: text (Latin-1 and UTF-8), serial lines, evdev in both layouts into the wedge.</summary>
    private static void ReadEveryWay(byte[] bytes)
    {
        Assert.True(IsOneAnswer(Parser.Parse(Encoding.Latin1.GetString(bytes))));
        Assert.True(IsOneAnswer(Parser.Parse(Encoding.UTF8.GetString(bytes))));
        var lines = new SerialLineAssembler(new SerialScanReaderOptions().MaxScanLength);
        foreach (var (text, end) in lines.Feed(bytes))
        {
            Deliver((text, end));
        }

        Deliver(lines.FlushIdle());
        foreach (var layout in new[] { InputEventLayout.Long64, InputEventLayout.Long32 })
        {
            var options = new EvdevScanReaderOptions();
            var decoder = new InputEventDecoder(layout);
            var wedge = new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, TimeSpan.FromMilliseconds(options.InterKeyGapMs), options.MaxScanLength);
            for (var offset = 0; offset < bytes.Length; offset += 64)
            {
                foreach (var inputEvent in decoder.Decode(bytes.AsSpan(offset, Math.Min(64, bytes.Length - offset))))
                {
                    Deliver(wedge.Feed(inputEvent));
                }
            }

            Deliver(wedge.Interrupt());
        }
    }

    private static void Deliver((string Text, ScanEnd End)? scan)
    {
        if (scan is { } s)
        {
            var raw = new RawScan(s.Text, s.End, "test", DateTimeOffset.UnixEpoch);
            _ = raw.ToString();
            Assert.True(IsOneAnswer(Parser.Parse(raw)));
        }
    }

    private static bool IsOneAnswer(ScanResult? result)
    {
        _ = result?.ToString();
        return result switch
        {
            RejectedScan rejected => !string.IsNullOrWhiteSpace(rejected.PatientMessage) && !rejected.IsAccepted,
            null => false,
            _ => result.IsAccepted,
        };
    }
}
