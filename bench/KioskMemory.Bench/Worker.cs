using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Kiosk.Memory.Bench;

/// <summary>
/// A worker process started as systemd starts the kiosk (a NOTIFY_SOCKET, measured once it said READY=1), with its
/// standard input and output kept for the kiosk child's one-line commands.
/// </summary>
internal sealed class Worker : IDisposable
{
    private readonly Process process;

    private Worker(Process process, TimeSpan toReady)
    {
        this.process = process;
        ToReady = toReady;
    }

    /// <summary>From the process's start to its READY=1 (a loaded machine makes this noisy; aot's bench owns start time).</summary>
    public TimeSpan ToReady { get; }

    public int Id => process.Id;

    public static Worker StartUntilReady(IEnumerable<string> dotnetArguments, IReadOnlyDictionary<string, string> environment)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-memory-notify-").FullName;
        var socketPath = Path.Combine(folder, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        socket.ReceiveTimeout = 120_000;
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in dotnetArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                if (e.Data is not null && errors.Length < 4000)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        var buffer = new byte[4096];
        try
        {
            while (!Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer)).Contains("READY=1", StringComparison.Ordinal))
            {
            }
        }
        catch (SocketException)
        {
            process.Kill(entireProcessTree: true);
            lock (errors)
            {
                throw new BenchFailure($"{string.Join(' ', dotnetArguments.Take(4))} did not say READY=1 within 120 s: {errors.ToString().ReplaceLineEndings(" ")}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return new Worker(process, clock.Elapsed);
    }

    /// <summary>One command to the kiosk child, its one-line answer.</summary>
    public async Task<string> AskAsync(string command)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
        var answer = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return answer ?? throw new BenchFailure($"the kiosk child exited (code {(process.WaitForExit(5000) ? process.ExitCode : -1)}) while answering '{command}'");
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
