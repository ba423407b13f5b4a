using System.Globalization;

namespace Kiosk.Bpjs.Bench;

/// <summary>
/// Where a process's resident memory is, from <c>/proc/PID/smaps</c>: anonymous memory (the GC heap, the JIT's code and
/// data, native allocations, thread stacks), the managed assemblies mapped from disk (.dll, ReadyToRun code included),
/// the native libraries (.so: the runtime, SQLite, ICU), the program's own executable (the dotnet host, or the whole
/// program when it is published Native AOT) and other files. VmRSS is their sum. Anonymous is what settings of the GC
/// and the JIT change; the mapped images are shared, read-only pages.
/// </summary>
internal readonly record struct ResidentSplit(double Anonymous, double Assemblies, double NativeLibraries, double Executable, double OtherFiles)
{
    public static ResidentSplit Of(int processId)
    {
        double anonymous = 0, assemblies = 0, native = 0, executable = 0, other = 0;
        var path = "";
        var proc = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}";
        var program = new FileInfo($"{proc}/exe").LinkTarget ?? "";
        foreach (var line in File.ReadLines($"{proc}/smaps"))
        {
            if (IsMappingHeader(line))
            {
                // "start-end perms offset dev inode [path]": the path is the sixth field, when there is one.
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                path = fields.Length == 6 ? fields[5].Trim() : "";
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var mib = long.Parse(line[4..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                if (path.Length == 0 || path.StartsWith('['))
                {
                    anonymous += mib;
                }
                else if (path.EndsWith(".dll", StringComparison.Ordinal))
                {
                    assemblies += mib;
                }
                else if (path.Contains(".so", StringComparison.Ordinal))
                {
                    native += mib;
                }
                else if (path == program)
                {
                    executable += mib;
                }
                else
                {
                    other += mib;
                }
            }
        }

        return new ResidentSplit(anonymous, assemblies, native, executable, other);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"anonymous {Anonymous:0} MiB, assemblies {Assemblies:0} MiB, native libraries {NativeLibraries:0} MiB, executable {Executable:0} MiB, other files {OtherFiles:0} MiB");

    // A header's first field is the address range "start-end" in hex; the other lines are "Key: value".
    private static bool IsMappingHeader(string line)
    {
        var dash = line.IndexOf('-', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return dash > 0 && space > dash && !line.AsSpan(0, space).Contains(':');
    }
}
