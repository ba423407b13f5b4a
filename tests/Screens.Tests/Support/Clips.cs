using System.Diagnostics;

namespace Kiosk.Screens.Tests.Support;

/// <summary>The default clip set, made once per test run by the shipped script (as the package build makes it).</summary>
internal static class Clips
{
    private static readonly Lazy<string> Made = new(Generate);

    public static string Folder => Made.Value;

    private static string Generate()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"screens-clips-{Environment.ProcessId}");
        var script = Path.Combine(AppContext.BaseDirectory, "voice", "generate-clips.sh");
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException("generate-clips.sh did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"generate-clips.sh failed ({process.ExitCode}): {error.Result}");
        }

        return folder;
    }
}
