using System.Globalization;
using Kiosk.Device.DayClose;
using Kiosk.Device.Tests.EndToEnd;

namespace Kiosk.Device.Tests.Process;

/// <summary>
/// The technician's commands as a technician runs them (a child process on the kiosk's executable): doctor changes
/// nothing, print-test and recap --print on the simulated printer keep their previews, and what they print is
/// Bahasa Indonesia without runtime or socket English.
/// </summary>
public sealed class TechnicianToolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private static Dictionary<string, string> Simulated(string data) => new()
    {
        ["Kiosk:Hardware:Kind"] = "simulated",
        ["Kiosk:Printer:Transport"] = "simulated",
        ["Kiosk:Reader:Kind"] = "none",
        ["Kiosk:Mqtt:Port"] = "1",
        ["Kiosk:DataDirectory"] = data,
    };

    private static void AssertNoRuntimeEnglish(string output)
    {
        foreach (var english in BrokenConfigurationTests.RuntimeEnglish)
        {
            Assert.DoesNotContain(english, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Doctor_on_a_fresh_machine_creates_no_file_and_points_to_the_broker_passwords()
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-doctor-fresh-").FullName;
        var data = Path.Combine(folder, "var", "lib", "kiosk");
        try
        {
            await using var doctor = KioskProcess.Start(Simulated(data), verb: "doctor");

            Assert.Equal(1, await doctor.WaitForExitAsync(Wait));
            Assert.False(Directory.Exists(Path.Combine(folder, "var")), $"doctor created {data}:\n{doctor.Output}");
            Assert.Contains("kiosk.db belum ada", doctor.Output, StringComparison.Ordinal);
            Assert.Contains("/etc/kiosk/broker-passwords", doctor.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("kiosk.passwd", doctor.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("opened", doctor.Output, StringComparison.Ordinal);
            AssertNoRuntimeEnglish(doctor.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Doctor_reads_an_existing_ticket_log_without_changing_a_file()
    {
        var data = Directory.CreateTempSubdirectory("kiosk-doctor-existing-").FullName;
        try
        {
            await using (var kiosk = await KioskHarness.StartAsync(dataDirectory: data))
            {
                await kiosk.PressAsync("umum");
            }

            var before = Snapshot(data);
            await using var doctor = KioskProcess.Start(Simulated(data), verb: "doctor");

            await doctor.WaitForExitAsync(Wait);
            Assert.Contains("utuh, 1 tiket", doctor.Output, StringComparison.Ordinal);
            Assert.Equal(before, Snapshot(data));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Print_test_on_the_simulated_printer_saves_its_preview_named_in_site_time()
    {
        var data = Directory.CreateTempSubdirectory("kiosk-print-test-").FullName;
        try
        {
            var started = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta"));
            await using var printTest = KioskProcess.Start(Simulated(data), verb: "print-test");

            Assert.Equal(0, await printTest.WaitForExitAsync(Wait));
            var preview = Assert.Single(Directory.GetFiles(Path.Combine(data, "tiket"), "uji-cetak-*.html"));
            Assert.Contains("Pratinjau disimpan: " + preview, printTest.Output, StringComparison.Ordinal);
            Assert.Contains("UJI CETAK", await File.ReadAllTextAsync(preview), StringComparison.Ordinal);
            var stamp = DateTime.ParseExact(Path.GetFileNameWithoutExtension(preview)["uji-cetak-".Length..], "yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
            Assert.InRange(stamp - started.DateTime, TimeSpan.FromSeconds(-5), Wait);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Print_test_on_an_unreachable_printer_says_so_in_words()
    {
        var data = Directory.CreateTempSubdirectory("kiosk-print-fail-").FullName;
        try
        {
            var settings = Simulated(data);
            settings["Kiosk:Printer:Transport"] = "tcp";
            settings["Kiosk:Printer:Host"] = "127.0.0.1";
            settings["Kiosk:Printer:Port"] = "1";
            await using var printTest = KioskProcess.Start(settings, verb: "print-test");

            Assert.Equal(1, await printTest.WaitForExitAsync(Wait));
            Assert.Contains("GAGAL mencetak di printer jaringan 127.0.0.1:1", printTest.Output, StringComparison.Ordinal);
            AssertNoRuntimeEnglish(printTest.Output);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Recap_prints_on_the_ticket_printer_and_a_day_without_tickets_says_so()
    {
        var data = Directory.CreateTempSubdirectory("kiosk-recap-print-").FullName;
        try
        {
            DateOnly day;
            await using (var kiosk = await KioskHarness.StartAsync(dataDirectory: data))
            {
                await kiosk.PressAsync("umum");
                day = kiosk.Session.Engine.BusinessDay;
            }

            var settings = Simulated(data);
            await using var recap = KioskProcess.StartProgram("Kiosk.Device.dll",
                ["recap", "--date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--print", .. settings.Select(s => $"--{s.Key}={s.Value}")]);
            Assert.Equal(0, await recap.WaitForExitAsync(Wait));
            var preview = Assert.Single(Directory.GetFiles(Path.Combine(data, "tiket"), "rekap-*.html"));
            var printed = await File.ReadAllTextAsync(preview);
            Assert.Contains("Tidak diketahui", printed, StringComparison.Ordinal);
            Assert.Contains("Rekap dicetak di printer tersimulasi", recap.Output, StringComparison.Ordinal);

            var empty = day.AddDays(-7);
            await using var none = KioskProcess.Start(new Dictionary<string, string>(settings) { ["date"] = empty.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, verb: "recap");
            Assert.Equal(0, await none.WaitForExitAsync(Wait));
            Assert.Contains("Tidak ada data", none.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(RecapFiles.CsvPath(data, empty)));
            AssertNoRuntimeEnglish(none.Output);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static SortedDictionary<string, (long Length, DateTime Written)> Snapshot(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => (new FileInfo(f).Length, File.GetLastWriteTimeUtc(f))), StringComparer.Ordinal);
}
