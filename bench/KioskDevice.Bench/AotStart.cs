using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kiosk.Device.Bench;

/// <summary>
/// Start-to-READY=1 and RSS after start of the Native AOT kiosk against the bare worker published Native AOT the same
/// way, in the same run (issue 25's goals: at most 1.5× the start, 2× the RSS). Needs clang (the AOT toolchain).
/// </summary>
internal static class AotStart
{
    public static void Measure(IReadOnlyList<string> kioskArguments, int runs)
    {
        if (MissingToolchain() is { } missing)
        {
            Console.WriteLine($"[Native AOT] not measured: {missing}");
            return;
        }

        var published = Directory.CreateTempSubdirectory("kiosk-bench-aot-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var bare = Publish("bench/BareWorker/BareWorker.csproj", Path.Combine(published, "bare"), "Kiosk.BareWorker");
            var kiosk = Publish("KioskDevice/KioskDevice.csproj", Path.Combine(published, "kiosk"), "Kiosk.Device");
            Console.WriteLine($"[Native AOT] published both in {clock.Elapsed.TotalSeconds:0} s; on disk bare worker {FolderMiB(bare):0.0} MiB, kiosk {FolderMiB(kiosk):0.0} MiB");

            var bareReady = new List<double>();
            var bareRss = new List<double>();
            var kioskReady = new List<double>();
            var kioskRss = new List<double>();

            // One unmeasured start each: the kiosk creates its database, both programs get into the page cache.
            using (ChildProcess.StartUntilReady(bare, []))
            using (ChildProcess.StartUntilReady(kiosk, kioskArguments))
            {
            }

            for (var run = 0; run < runs; run++)
            {
                using (var worker = ChildProcess.StartUntilReady(bare, []))
                {
                    bareReady.Add(worker.ToReady.TotalMilliseconds);
                    bareRss.Add(worker.ResidentMiB());
                }

                using (var device = ChildProcess.StartUntilReady(kiosk, kioskArguments))
                {
                    kioskReady.Add(device.ToReady.TotalMilliseconds);
                    kioskRss.Add(device.ResidentMiB());
                }
            }

            Console.WriteLine($"[Native AOT] start to READY=1  bare worker {Median(bareReady),6:0} ms    kiosk {Median(kioskReady),6:0} ms    ratio {Median(kioskReady) / Median(bareReady):0.00} (goal <= 1.5)   [median of {runs}]");
            Console.WriteLine($"[Native AOT] RSS after start   bare worker {Median(bareRss),6:0.0} MiB   kiosk {Median(kioskRss),6:0.0} MiB   ratio {Median(kioskRss) / Median(bareRss):0.00} (goal <= 2)");
        }
        finally
        {
            Directory.Delete(published, recursive: true);
        }
    }

    /// <summary>Why Native AOT cannot be published here, or null: the ILCompiler links with clang.</summary>
    public static string? MissingToolchain() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, "clang")))
            ? null
            : "clang is not installed (apt-get install clang), Native AOT cannot link";

    private static string Publish(string project, string output, string program)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Kiosk.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("Kiosk.sln not found above the benchmark.");
        }

        // PublishAot comes from the project (the kiosk's and the bare worker's alike); no ReadyToRun, no symbols.
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = root };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-p:DebugType=none", "-o", output, "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var said = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var path = Path.Combine(output, program);
        return process.ExitCode == 0 && File.Exists(path)
            ? path
            : throw new BenchFailure($"dotnet publish {project} (Native AOT) failed: {said.ReplaceLineEndings(" ").Trim()}");
    }

    /// <summary>What a device needs of the published folder: the program and its native libraries, not the symbols.</summary>
    private static double FolderMiB(string program) =>
        new DirectoryInfo(Path.GetDirectoryName(program)!).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(file => file.Extension is not (".dbg" or ".pdb"))
            .Sum(file => file.Length) / 1024.0 / 1024.0;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
