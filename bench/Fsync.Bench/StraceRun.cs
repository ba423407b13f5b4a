using System.Diagnostics;
using System.Globalization;

namespace Kiosk.Fsync.Bench;

/// <summary>The parent side: each store in a child under strace, with and without commits, and the difference per commit.</summary>
internal static class StraceRun
{
    private static readonly string[] Syscalls = ["fsync", "fdatasync"];

    public static async Task<int> CompareAsync(int commits)
    {
        var strace = FindOnPath("strace");
        if (strace is null)
        {
            Console.Error.WriteLine("strace is not installed: ./kiosk.sh bench fsync installs it (apt-get install strace).");
            return 1;
        }

        var work = Directory.CreateTempSubdirectory("kiosk-fsync-bench-").FullName;
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fsync/fdatasync per commit, {commits:N0} commits per store, files in {work}; each child under:"));
            Console.WriteLine($"  {strace} -f -c -e trace=fsync,fdatasync -o FILE {string.Join(' ', SelfCommand())} --child STORE --commits N --dir DIR");
            Console.WriteLine();
            foreach (var (store, label) in new[] { ("litedb", "LiteDB 5.0.21, one document per commit"), ("queue", "QueueEngine (SQLite), one ticket per commit") })
            {
                var idle = await CountAsync(strace, store, 0, Path.Combine(work, store + "-0"));
                var busy = await CountAsync(strace, store, commits, Path.Combine(work, store + "-n"));
                var fsync = busy["fsync"] - idle["fsync"];
                var fdatasync = busy["fdatasync"] - idle["fdatasync"];
                // LiteDB syncing nothing per commit is the finding; the ticket log (synchronous=FULL) syncing nothing is a broken count.
                BenchRun.Require(store != "queue" || fsync + fdatasync > 0, $"strace counted no fsync or fdatasync for {commits} {store} commits");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label,-45}: fsync {fsync,5}  fdatasync {fdatasync,5}  per commit {(fsync + fdatasync) / (double)commits:0.000}   (open-only run: fsync {idle["fsync"]}, fdatasync {idle["fdatasync"]})"));
            }

            Console.WriteLine();
            Console.WriteLine("Each child exits without closing its store, as a power cut would: a sync at close does not count.");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Dictionary<string, long>> CountAsync(string strace, string store, int commits, string directory)
    {
        var summary = directory + ".strace";
        var start = new ProcessStartInfo(strace) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-f", "-c", "-e", "trace=fsync,fdatasync", "-o", summary, .. SelfCommand(),
                     "--child", store, "--commits", commits.ToString(CultureInfo.InvariantCulture), "--dir", directory])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("strace did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{store} child failed ({process.ExitCode}): {await output}{await errors}");
        }

        return Parse(await File.ReadAllLinesAsync(summary));
    }

    /// <summary>strace -c's table: "% time  seconds  usecs/call  calls  [errors]  syscall"; the calls column is the 4th.</summary>
    private static Dictionary<string, long> Parse(string[] lines)
    {
        var counts = Syscalls.ToDictionary(name => name, _ => 0L, StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && counts.ContainsKey(fields[^1]))
            {
                counts[fields[^1]] = long.Parse(fields[3], CultureInfo.InvariantCulture);
            }
        }

        return counts;
    }

    /// <summary>This benchmark again, as the child: through the dotnet host when run as a dll.</summary>
    private static string[] SelfCommand()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(StraceRun).Assembly.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, dll] : [host];
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Append("/usr/bin")
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}
