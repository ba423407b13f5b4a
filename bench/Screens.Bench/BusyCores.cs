using System.Diagnostics;

namespace Kiosk.Screens.Bench;

/// <summary>
/// Keeps every core busy for the loaded run: one child process per core spinning in a loop (this program with
/// <c>--spin</c>), as other jobs on the Pi or the CI machine would. Child processes, not threads, so the busy work
/// competes with the stack through the kernel's scheduler rather than through this process's thread pool.
/// </summary>
internal sealed class BusyCores : IDisposable
{
    private readonly List<Process> spinners = [];

    private BusyCores()
    {
    }

    public int Count => spinners.Count;

    public static BusyCores Start(string benchDll, int count)
    {
        var busy = new BusyCores();
        for (var i = 0; i < count; i++)
        {
            busy.spinners.Add(ChildProcess.Start(benchDll, "--spin"));
        }

        return busy;
    }

    /// <summary>The spinner's body: never returns; the parent kills it.</summary>
    public static void Spin()
    {
        var value = 0UL;
        while (true)
        {
            value = unchecked((value * 6364136223846793005UL) + 1442695040888963407UL);
            if (value == 42)
            {
                Console.Write(string.Empty);
            }
        }
    }

    /// <summary>Checks the spinners really run: each must have used most of a core over the last interval.</summary>
    public async Task<double> CpuShareAsync(TimeSpan interval)
    {
        var before = spinners.Select(p => { p.Refresh(); return p.TotalProcessorTime; }).ToArray();
        await Task.Delay(interval);
        var used = spinners.Select((p, i) => { p.Refresh(); return (p.TotalProcessorTime - before[i]).TotalSeconds; }).Sum();
        return used / interval.TotalSeconds;
    }

    public void Dispose()
    {
        foreach (var spinner in spinners)
        {
            ChildProcess.Stop(spinner);
        }
    }
}
