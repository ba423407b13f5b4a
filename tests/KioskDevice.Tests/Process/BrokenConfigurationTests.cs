namespace Kiosk.Device.Tests.Process;

/// <summary>
/// One error path for every command and the simulator: a broken JSON file, a missing --config file, a value of the
/// wrong type and a value out of range each end the program with exit code 78 and one line in Bahasa Indonesia that
/// names the file or key, no stack trace and no runtime English.
/// </summary>
public sealed class BrokenConfigurationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    /// <summary>Runtime, parser and socket English a technician must never read.</summary>
    public static readonly string[] RuntimeEnglish =
    [
        "Exception", "Path: $", "Connection refused", "   at ", "must be", ", got ", "Failed to", "Unhandled", "is not a", "not found",
        "No such file", "errno 2)", "SQLite Error", "cannot be opened",

        // System.CommandLine's own chrome and parse errors.
        "Usage:", "Options:", "Commands:", "Description:", "Show help", "Show version", "Unrecognized", "Required", "(REQUIRED)", "Did you mean",
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "run", "doctor", "recap", "export", "print-test", "simulator" })
        {
            foreach (var kind in new[] { "broken-json", "missing-file", "wrong-type", "out-of-range" })
            {
                data.Add(command, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_broken_configuration_is_one_line_and_exit_78(string command, string kind)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-broken-config-").FullName;
        try
        {
            var data = Path.Combine(folder, "data");
            var broken = Path.Combine(folder, "appsettings.json");
            await File.WriteAllTextAsync(broken, "{ \"Kiosk\": { \"Mqtt\": { \"Port\": 1883, }\n  \"Printer\": ");
            var missing = Path.Combine(folder, "tidak-ada.json");
            List<string> arguments = kind switch
            {
                "broken-json" => ["--config", broken],
                "missing-file" => ["--config", missing],
                "wrong-type" => ["--Kiosk:Printer:PaperWidthMm=abc"],
                _ => ["--Kiosk:Printer:PaperWidthMm=72"],
            };
            var named = kind switch
            {
                "broken-json" => broken,
                "missing-file" => missing,
                _ => "Kiosk:Printer:PaperWidthMm",
            };
            arguments.AddRange(["--Kiosk:Hardware:Kind=simulated", "--Kiosk:Printer:Transport=simulated", $"--Kiosk:DataDirectory={data}"]);

            await using var program = command switch
            {
                "simulator" => KioskProcess.StartProgram("Kiosk.Simulator.dll", arguments),
                "recap" => KioskProcess.StartProgram("Kiosk.Device.dll", ["recap", "--date", "2026-11-23", .. arguments]),
                "export" => KioskProcess.StartProgram("Kiosk.Device.dll", ["export", "--from", "2026-11-01", "--to", "2026-11-30", .. arguments]),
                _ => KioskProcess.StartProgram("Kiosk.Device.dll", [command, .. arguments]),
            };

            var exitCode = await program.WaitForExitAsync(Wait);

            var lines = program.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(exitCode == 78, $"exit {exitCode}:\n{program.Output}");
            var line = Assert.Single(lines);
            Assert.StartsWith("Konfigurasi tidak valid", line, StringComparison.Ordinal);
            Assert.Contains(named, line, StringComparison.Ordinal);
            foreach (var english in RuntimeEnglish)
            {
                Assert.DoesNotContain(english, line, StringComparison.Ordinal);
            }

            Assert.False(Directory.Exists(data), "a refused configuration must not create the data folder");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_gpio_chip_stops_run_with_one_line_naming_the_key_and_exit_78()
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-no-gpio-").FullName;
        try
        {
            // A path no machine has, so the test means the same on a Pi whose /dev/gpiochip0 exists.
            var chip = Path.Combine(folder, "gpiochip0");
            var data = Path.Combine(folder, "data");
            var settings = new Dictionary<string, string>
            {
                ["Kiosk:Hardware:Kind"] = "gpio",
                ["Kiosk:Buttons:0:Chip"] = chip,
                ["Kiosk:Printer:Transport"] = "simulated",
                ["Kiosk:Reader:Kind"] = "none",
                ["Kiosk:Mqtt:Port"] = "1",
                ["Kiosk:DataDirectory"] = data,
            };
            await using var run = KioskProcess.Start(settings);

            var exitCode = await run.WaitForExitAsync(Wait);

            Assert.True(exitCode == 78, $"exit {exitCode}:\n{run.Output}");
            var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Konfigurasi tidak valid", line, StringComparison.Ordinal);
            Assert.Contains($"Kiosk:Buttons:0:Chip: chip GPIO {chip} tidak ada", line, StringComparison.Ordinal);
            Assert.Contains("Kiosk:Hardware:Kind=simulated", line, StringComparison.Ordinal);
            foreach (var english in RuntimeEnglish)
            {
                Assert.DoesNotContain(english, line, StringComparison.Ordinal);
            }

            Assert.False(Directory.Exists(data), "a kiosk refused for its hardware must not create the data folder");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("Kiosk:Printer:Transport", "lpr")]
    [InlineData("Kiosk:Reader:Kind", "qr")]
    [InlineData("Kiosk:Hardware:Kind", "raspi")]
    public async Task An_unknown_device_kind_is_a_configuration_error_not_a_fallback(string key, string value)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-unknown-kind-").FullName;
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Kiosk:Hardware:Kind"] = "simulated",
                ["Kiosk:Printer:Transport"] = "simulated",
                ["Kiosk:DataDirectory"] = Path.Combine(folder, "data"),
                [key] = value,
            };
            await using var doctor = KioskProcess.Start(settings, verb: "doctor");

            Assert.Equal(78, await doctor.WaitForExitAsync(Wait));
            Assert.Contains($"{key}: harus salah satu dari", doctor.Output, StringComparison.Ordinal);
            Assert.Contains($"'{value}'", doctor.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_printer_transport_never_falls_back_to_the_device_file()
    {
        var options = new Configuration.KioskOptions();
        options.Printer.Transport = "lpr";

        var error = Assert.Throws<Kiosk.DeviceDrivers.DeviceConfigurationException>(() => Devices.DeviceRegistration.CreatePrinter(options));
        Assert.Contains("Kiosk:Printer:Transport", error.Message, StringComparison.Ordinal);
    }
}
