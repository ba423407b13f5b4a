using System.Globalization;

namespace Kiosk.Memory.Bench;

/// <summary>A process's memory as the kernel counts it: /proc/PID/status and /proc/PID/smaps.</summary>
internal static class Memory
{
    /// <summary>VmRSS and VmHWM (the peak), in MiB.</summary>
    public static (double Rss, double Peak) Resident(int pid)
    {
        double rss = double.NaN, peak = double.NaN;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kib(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kib(line) / 1024.0;
            }
        }

        return (rss, peak);
    }

    /// <summary>
    /// Resident MiB by kind of mapping: managed code and data files (.dll), native libraries (.so, the runtime and
    /// e_sqlite3 among them), the process's brk heap (glibc malloc's main arena), thread stacks, other files, and
    /// anonymous memory (the GC's regions, glibc's thread arenas, the JIT's code heap).
    /// </summary>
    public static IReadOnlyDictionary<string, double> ByMapping(int pid)
    {
        var totals = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var kind = "anonymous";
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && IsMappingHeader(line))
            {
                kind = Kind(line);
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                totals[kind] = totals.GetValueOrDefault(kind) + Kib(line) / 1024.0;
            }
        }

        return totals;
    }

    private static bool IsMappingHeader(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && line.AsSpan(0, space).Contains('-');
    }

    private static string Kind(string header)
    {
        // address perms offset dev inode [path]
        var fields = header.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var path = fields.Length == 6 ? fields[5].Trim() : "";
        var range = fields[0].Split('-');
        var kib = (Convert.ToInt64(range[1], 16) - Convert.ToInt64(range[0], 16)) / 1024;
        return path switch
        {
            // .NET gives each thread it creates a 1.5 MiB stack (8 MiB for threads native code starts), mapped anonymous.
            "" when kib is 1536 or 8192 && fields[1] == "rw-p" => "thread stacks (1.5 or 8 MiB anonymous)",
            "" => "anonymous",
            "[heap]" => "brk heap",
            "[stack]" => "thread stacks",
            _ when path.StartsWith("[stack", StringComparison.Ordinal) => "thread stacks",
            _ when path.StartsWith('[') => "kernel ([vdso] etc.)",
            _ when path.StartsWith("/memfd:", StringComparison.Ordinal) => "anonymous (memfd: doublemapped code)",
            _ when path.EndsWith(".dll", StringComparison.Ordinal) => "managed assemblies (.dll)",
            _ when path.Contains(".so", StringComparison.Ordinal) => "native libraries (.so)",
            _ when path.Contains(".db", StringComparison.Ordinal) => "database files (-shm)",
            _ => "other files",
        };
    }

    private static long Kib(string line) =>
        long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
