using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Kiosk.Screens.Bench;

/// <summary>A dotnet child process whose output is kept, so a child that dies can be named with its last line.</summary>
internal static class ChildProcess
{
    private static readonly ConcurrentDictionary<int, ConcurrentQueue<string>> Output = new();

    public static Process Start(string dll, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new BenchFailure($"dotnet {Path.GetFileName(dll)} did not start");
        var lines = Output.GetOrAdd(process.Id, _ => new ConcurrentQueue<string>());
        void Keep(string? line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Enqueue(line);
                while (lines.Count > 50 && lines.TryDequeue(out _))
                {
                }
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the child answers HTTP; fails with the child's last line when it exits or does not answer in time.</summary>
    public static async Task WaitHttpAsync(Process process, Uri uri, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new BenchFailure($"{uri} exited with code {process.ExitCode} before it answered: {LastLine(process)}");
            }

            try
            {
                using var response = await client.GetAsync(uri);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                throw new BenchFailure($"{uri} did not answer within {timeout.TotalSeconds:0} s: {LastLine(process)}");
            }
        }
    }

    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Output.TryRemove(process.Id, out _);
        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The child's unhandled exception when it died of one, else its last line that is not a stack frame.</summary>
    private static string LastLine(Process process)
    {
        if (!Output.TryGetValue(process.Id, out var lines))
        {
            return "(no output)";
        }

        var kept = lines.ToArray();
        var line = kept.LastOrDefault(l => l.StartsWith("Unhandled exception", StringComparison.Ordinal))
            ?? kept.LastOrDefault(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.Contains("End of inner exception", StringComparison.Ordinal));
        return line?.Trim() ?? "(no output)";
    }
}
