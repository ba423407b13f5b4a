using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Kiosk.DeviceDrivers.Bench;
using Kiosk.DeviceDrivers.Gpio;
using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Scanning;

// Quick by default (a few seconds). Optional filter: ./kiosk.sh bench devicedrivers scan|evdev|buttons [--smoke]
// --smoke: a hundredth of the operations, to prove each measurement still runs.
return await BenchRun.Run("DeviceDrivers.Bench", () =>
{
    var settings = BenchRun.Settings(args);
    var scale = BenchRun.IsSmoke(args) ? 100 : 1;
    var filter = settings.Length > 0 ? settings[0] : string.Empty;
    var measured = 0;
    bool Wanted(string name) => filter.Length == 0 || name.Contains(filter, StringComparison.OrdinalIgnoreCase);

    Console.WriteLine("DeviceDrivers benchmarks (lower ns/op is faster; ratio = measured / baseline from this same run)");

    if (Wanted("scan"))
    {
        // A realistic mix: the three card kinds, a booking code, noise and a half scan.
        string[] scans = ["RM-00123456", "0001234567890", "3271046504930001", "JKN:20261122A012", "\u00FF\u0081noise", "000123"];
        var parser = new ScanParser(new ScanParserOptions());
        var digitsOnly = new Regex(@"^(\d{13}|\d{16})$", RegexOptions.Compiled);
        var i = 0;
        var parse = Measure.NanosecondsPerOperation(200_000 / scale, () => parser.Parse(scans[i++ % scans.Length]).IsAccepted ? 1 : 0);
        var j = 0;
        var regex = Measure.NanosecondsPerOperation(200_000 / scale, () => digitsOnly.IsMatch(scans[j++ % scans.Length]) ? 1 : 0);
        measured++;
        Measure.Report("ScanParser.Parse (full validation)", parse, "one digits regex", regex);
    }

    if (Wanted("evdev"))
    {
        // One scan of 16 characters with shift, as a reader sends it: ~100 input_events.
        var events = new List<byte>();
        var t = TimeSpan.FromSeconds(1_700_000_000);
        void Add(ushort type, ushort code, int value) => events.AddRange(InputEventDecoder.Encode(new InputEvent(t += TimeSpan.FromMilliseconds(2), type, code, value), InputEventLayout.Long64));
        foreach (var code in new ushort[] { 36, 37, 49, 39, 3, 11, 3, 7, 2, 2, 3, 3, 30, 11, 2, 3 })
        {
            Add(1, 42, 1);
            Add(0, 0, 0);
            Add(1, code, 1);
            Add(0, 0, 0);
            Add(1, code, 0);
            Add(1, 42, 0);
        }

        Add(1, 28, 1);
        var bytes = events.ToArray();
        var wedge = new KeyboardWedgeDecoder(KeyboardLayout.UsEnglish, TimeSpan.FromMilliseconds(150));
        var decoder = new InputEventDecoder(InputEventLayout.Long64);
        var full = Measure.NanosecondsPerOperation(20_000 / scale, () =>
        {
            var done = 0;
            foreach (var e in decoder.Decode(bytes))
            {
                done += wedge.Feed(e) is null ? 0 : 1;
            }

            return done;
        });
        var cast = Measure.NanosecondsPerOperation(20_000 / scale, () =>
        {
            var keys = 0;
            foreach (ref readonly var e in MemoryMarshal.Cast<byte, RawInputEvent>(bytes))
            {
                keys += e.Type == 1 && e.Value == 1 ? 1 : 0;
            }

            return keys;
        });
        measured++;
        Measure.Report("evdev bytes -> scan text (decode + wedge)", full, "struct cast, key count", cast);
    }

    if (Wanted("buttons"))
    {
        // A bouncing press and release (8 edges) through the full button rules.
        var semantics = new ButtonSemantics([new ButtonOptions { Id = "umum", LockoutMs = 0 }]);
        semantics.Initialize("umum", false, TimeSpan.Zero);
        var now = TimeSpan.FromSeconds(1);
        var press = Measure.NanosecondsPerOperation(50_000 / scale, () =>
        {
            foreach (var (level, ms) in new[] { (true, 0.0), (false, 0.8), (true, 1.5), (false, 2.1), (true, 3.0), (false, 180.0), (true, 180.5), (false, 181.2) })
            {
                semantics.OnLevel("umum", level, now + TimeSpan.FromMilliseconds(ms));
            }

            now += TimeSpan.FromMilliseconds(400);
            semantics.Advance(now);
            var count = 0;
            while (semantics.Events.TryRead(out _))
            {
                count++;
            }

            return count;
        });
        var edges = new List<(bool, TimeSpan)>();
        var naive = Measure.NanosecondsPerOperation(50_000 / scale, () =>
        {
            edges.Clear();
            foreach (var (level, ms) in new[] { (true, 0.0), (false, 0.8), (true, 1.5), (false, 2.1), (true, 3.0), (false, 180.0), (true, 180.5), (false, 181.2) })
            {
                edges.Add((level, TimeSpan.FromMilliseconds(ms)));
            }

            return edges.Count;
        });
        measured++;
        Measure.Report("ButtonSemantics, one bouncing press (8 edges)", press, "storing the 8 edges", naive);
    }

    BenchRun.Require(measured > 0, $"no measurement matches '{filter}' (scan, evdev, buttons)");
    return 0;
});

[StructLayout(LayoutKind.Sequential)]
internal readonly struct RawInputEvent
{
    public readonly long Seconds;
    public readonly long Microseconds;
    public readonly ushort Type;
    public readonly ushort Code;
    public readonly int Value;
}
