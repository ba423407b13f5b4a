using System.Diagnostics;
using System.Globalization;

namespace Kiosk.DeviceDrivers.Bench;

/// <summary>Times a body over a fixed number of iterations after a warm-up; best of three runs to damp noise on a shared machine.</summary>
internal static class Measure
{
    public static double NanosecondsPerOperation(int operations, Func<int> body)
    {
        body();
        var best = double.MaxValue;
        var sink = 0;
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < operations; i++)
            {
                sink += body();
            }

            best = Math.Min(best, watch.Elapsed.TotalNanoseconds / operations);
        }

        GC.KeepAlive(sink);
        return best;
    }

    public static void Report(string name, double measured, string baselineName, double baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-44} {measured,10:0.0} ns/op   baseline {baselineName} {baseline,8:0.0} ns/op   ratio {measured / baseline,6:0.00}x"));
}
