using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Kiosk.District.Bench;

/// <summary>
/// A built program of this solution (<c>dotnet X.dll</c>, or a Native AOT executable run as itself) run as its own
/// process, its settings in the environment as systemd's EnvironmentFile gives them; its memory read from
/// <c>/proc/PID/status</c>.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);
    private readonly Process process;
    private readonly StringBuilder errors;

    private ServiceProcess(Process process, StringBuilder errors)
    {
        this.process = process;
        this.errors = errors;
    }

    public int Id => process.Id;

    /// <summary>
    /// A program of this solution in its own project's output (<paramref name="project"/>/bin/CONFIGURATION/TFM, as this
    /// bench was built), with its own runtimeconfig and deps: run beside the bench it would see another framework set.
    /// </summary>
    public static string Built(string project, string dll)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Kiosk.sln")))
        {
            root = root.Parent;
        }

        BenchRun.Require(root is not null, "Kiosk.sln not found above the bench");
        var path = Path.Combine(root!.FullName, project, "bin", configuration, framework, dll);
        BenchRun.Require(File.Exists(path), $"{path} is not built");
        return path;
    }

    /// <summary>Starts the program and returns once <paramref name="ready"/> says so (or READY=1 on its NOTIFY_SOCKET when null).</summary>
    public static async Task<ServiceProcess> StartAsync(string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, Func<CancellationToken, Task<bool>>? ready)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-bench-process-").FullName;
        Socket? notify = null;
        try
        {
            var start = Start(dll, arguments, environment);
            if (ready is null)
            {
                var socketPath = Path.Combine(folder, "notify.sock");
                notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                notify.Bind(new UnixDomainSocketEndPoint(socketPath));
                start.Environment["NOTIFY_SOCKET"] = socketPath;
            }

            var errors = new StringBuilder();
            var process = Process.Start(start) ?? throw new BenchFailure($"{dll} did not start");
            process.OutputDataReceived += (_, _) => { };
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
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var started = new ServiceProcess(process, errors);
            try
            {
                using var bound = new CancellationTokenSource(StartBound);
                if (notify is not null)
                {
                    var exited = process.WaitForExitAsync(bound.Token);
                    await Task.WhenAny(WaitReadyAsync(notify, bound.Token), exited).Unwrap();
                    if (exited.IsCompleted)
                    {
                        throw new BenchFailure($"{Path.GetFileName(dll)} exited with {process.ExitCode} before READY=1: {started.ErrorTail()}");
                    }
                }
                else
                {
                    while (!await ready!(bound.Token))
                    {
                        if (process.HasExited)
                        {
                            throw new BenchFailure($"{Path.GetFileName(dll)} exited with {process.ExitCode} before it was ready: {started.ErrorTail()}");
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(100), bound.Token);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                await started.DisposeAsync();
                throw new BenchFailure($"{Path.GetFileName(dll)} was not ready within {StartBound.TotalSeconds:0} s: {started.ErrorTail()}");
            }
            catch
            {
                await started.DisposeAsync();
                throw;
            }

            return started;
        }
        finally
        {
            notify?.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the program to its end (a subcommand such as <c>user add</c>); its exit code and standard error.</summary>
    public static async Task<(int ExitCode, string Errors)> RunToEndAsync(string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = Start(dll, arguments, environment);
        using var process = Process.Start(start) ?? throw new BenchFailure($"{dll} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(StartBound);
        await output;
        return (process.ExitCode, (await errors).Trim());
    }

    /// <summary>VmRSS (resident now) and VmHWM (the highest resident so far), in MiB.</summary>
    public (double Rss, double Peak) Memory()
    {
        if (process.HasExited)
        {
            throw new BenchFailure($"{Path.GetFileName(process.StartInfo.ArgumentList.FirstOrDefault() ?? process.StartInfo.FileName)} exited with {process.ExitCode}: {ErrorTail()}");
        }

        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
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

        BenchRun.Require(rss > 0 && peak > 0, "VmRSS/VmHWM not found in /proc/PID/status");
        return (rss, peak);
    }

    public string ErrorTail()
    {
        lock (errors)
        {
            var text = errors.ToString().ReplaceLineEndings(" ");
            return text.Length <= 400 ? text : text[^400..];
        }
    }

    /// <summary>SIGTERM (as systemd stops it), then SIGKILL after 20 s (the unit's TimeoutStopSec).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }

    private static ProcessStartInfo Start(string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        // A .dll runs under the dotnet host; anything else is a native executable (a Native AOT publish) and runs as is.
        var managed = dll.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(managed ? "dotnet" : dll)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        if (managed)
        {
            start.ArgumentList.Add(dll);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static async Task WaitReadyAsync(Socket notify, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var n = await notify.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (Encoding.UTF8.GetString(buffer, 0, n).Contains("READY=1", StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    private static long Kib(string line) => long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
