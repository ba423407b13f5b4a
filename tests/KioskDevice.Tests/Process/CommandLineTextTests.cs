namespace Kiosk.Device.Tests.Process;

/// <summary>
/// The command line a technician types on the Pi: help pages and parse errors of Kiosk.Device, and the simulator's own
/// switches, in Bahasa Indonesia, never System.CommandLine's or the runtime's English.
/// </summary>
public sealed class CommandLineTextTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(0, "--help")]
    [InlineData(0, "recap", "--help")]
    [InlineData(0, "export", "-h")]
    [InlineData(2, "perintah-salah")]
    [InlineData(2, "recap")]
    [InlineData(2, "export", "--from")]
    [InlineData(2)]
    public async Task Help_and_parse_errors_are_Indonesian(int expectedExit, params string[] arguments)
    {
        await using var program = KioskProcess.StartProgram("Kiosk.Device.dll", arguments);

        var exitCode = await program.WaitForExitAsync(Wait);

        Assert.True(exitCode == expectedExit, $"exit {exitCode}:\n{program.Output}");
        Assert.Contains(expectedExit == 0 ? "Cara pakai:" : "Lihat 'Kiosk.Device --help'", program.Output, StringComparison.Ordinal);
        foreach (var english in BrokenConfigurationTests.RuntimeEnglish)
        {
            Assert.DoesNotContain(english, program.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_root_help_lists_every_command_with_its_Indonesian_description()
    {
        await using var program = KioskProcess.StartProgram("Kiosk.Device.dll", ["--help"]);

        Assert.Equal(0, await program.WaitForExitAsync(Wait));
        Assert.Contains("Pilihan:", program.Output, StringComparison.Ordinal);
        Assert.Contains("Perintah:", program.Output, StringComparison.Ordinal);
        Assert.Contains(Text.Teks.HelpOptionHelp, program.Output, StringComparison.Ordinal);
        Assert.Contains(Text.Teks.VersionOptionHelp, program.Output, StringComparison.Ordinal);
        foreach (var command in new[] { "run", "doctor", "print-test", "recap", "export" })
        {
            Assert.Contains("  " + command + " ", program.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_command_is_named_in_Indonesian()
    {
        await using var program = KioskProcess.StartProgram("Kiosk.Device.dll", ["dokter"]);

        Assert.Equal(2, await program.WaitForExitAsync(Wait));
        Assert.Contains("Perintah atau argumen tidak dikenal: 'dokter'.", program.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--port", "99999999999")]
    [InlineData("--screens-url", "bukan url")]
    [InlineData("--port")]
    [InlineData("--tidak-ada")]
    public async Task A_bad_simulator_switch_is_refused_in_Indonesian(params string[] arguments)
    {
        await using var simulator = KioskProcess.StartProgram("Kiosk.Simulator.dll", arguments);

        var exitCode = await simulator.WaitForExitAsync(Wait);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(arguments[0], simulator.Output, StringComparison.Ordinal);
        Assert.Contains("pemakaian:", simulator.Output, StringComparison.Ordinal);
        foreach (var english in BrokenConfigurationTests.RuntimeEnglish.Append("input string").Append("Invalid URI"))
        {
            Assert.DoesNotContain(english, simulator.Output, StringComparison.Ordinal);
        }
    }
}
