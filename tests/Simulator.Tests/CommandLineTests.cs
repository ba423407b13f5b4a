using System.Diagnostics;

namespace Kiosk.Simulator.Tests;

/// <summary>The simulator program as a technician starts it.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task A_bad_setting_gives_one_line_naming_the_key_and_exit_code_78_without_a_stack_trace()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Kiosk.Simulator.dll"), "--no-browser", "--data", Directory.CreateTempSubdirectory("kiosk-badconfig-").FullName, "--Kiosk:Printer:StatusPollSeconds=0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var errors = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var output = await stdout + string.Join('\n', errors);
        Assert.Equal(78, process.ExitCode);
        var line = Assert.Single(errors);
        Assert.Contains("Printer:StatusPollSeconds", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }
}
