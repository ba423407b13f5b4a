using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Kiosk.Device.Bench;

/// <summary>A worker started as systemd would start it: with a NOTIFY_SOCKET, timed until its READY=1.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;

    private ChildProcess(Process process, TimeSpan toReady)
    {
        this.process = process;
        ToReady = toReady;
    }

    public TimeSpan ToReady { get; }

    public int Id => process.Id;

    /// <summary>Starts <paramref name="program"/>: a .dll through dotnet, anything else (a Native AOT program) itself.</summary>
    public static ChildProcess StartUntilReady(string program, IEnumerable<string> arguments)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-bench-notify-").FullName;
        var socketPath = Path.Combine(folder, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        socket.ReceiveTimeout = 60_000;
        var managed = program.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(managed ? "dotnet" : program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(program)! };
        if (managed)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var buffer = new byte[4096];
        while (true)
        {
            var n = socket.Receive(buffer);
            if (Encoding.UTF8.GetString(buffer, 0, n).Contains("READY=1", StringComparison.Ordinal))
            {
                break;
            }
        }

        var ready = clock.Elapsed;
        Directory.Delete(folder, recursive: true);
        return new ChildProcess(process, ready);
    }

    /// <summary>Resident set size from /proc, in MiB.</summary>
    public double ResidentMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        throw new InvalidOperationException("VmRSS not found");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
