using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.Package.Tests.Support;
using Kiosk.Vm.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Kiosk.Vm.Tests;

/// <summary>
/// Real power cuts: while a scanner types a new card every half second and the kiosk prints each ticket on the USB
/// printer, the whole qemu process is SIGKILLed at a random moment, so the guest loses its RAM, page cache and every
/// write not yet flushed. Each cycle resumes the same saved VM (qemu -loadvm, seconds instead of a boot), runs a
/// random 3-10 s, and is cut. The disk as the cut left it is then recovered the way a boot would (ext4 journal
/// replay by e2fsck, SQLite WAL recovery on open) and checked: integrity_check ok, no number twice in the day, every
/// ticket whose print completed (bytes captured on this side through a serial port) and every ticket.issued that
/// reached this side's subscriber is in the database, the event sequence has no gap and no sequence number with two
/// event ids. Last, the cut disk boots for real: systemd starts Mosquitto and the kiosk, which goes on numbering, and
/// the shared guest is left running as the other tests expect it.
/// </summary>
[Collection(VirtualPi.Name)]
public sealed partial class PowerCutTests(GuestFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(3);
    private static readonly int Cycles = int.TryParse(Environment.GetEnvironmentVariable("KIOSK_POWER_CUTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 20;

    [SkippableFact]
    public async Task Power_cuts_while_issuing_and_printing_lose_nothing_and_repeat_nothing()
    {
        Skip.If(fixture.Missing is not null, fixture.Missing);
        var guest = fixture.Guest!;
        var vm = guest.Vm;
        var displayPassword = await guest.PasswordAsync("display");
        var random = new Random(Environment.ProcessId);
        var clock = Stopwatch.StartNew();

        // The load: a new 13-digit BPJS card every half second, from a loop that lives in the saved VM.
        await vm.ShAsync("systemd-run --unit kiosk-vm-load /bin/sh -c 'i=0; while true; do i=$((i+1)); kiosk-vm-type $(printf \"9%012d\" $i); sleep 0.5; done'");
        await using (var warmup = await GuestSubscriber.StartAsync(vm.MqttPort, "display", displayPassword, "queue/pkm-kokop/events", Wait))
        {
            await warmup.WaitIssuedAsync(0, Wait);
        }

        var saved = await vm.MonitorAsync("savevm cut", TimeSpan.FromMinutes(5));
        Assert.DoesNotContain("Error", saved, StringComparison.OrdinalIgnoreCase);
        var totalWitnessed = 0;
        var totalPrinted = 0;
        var totalUnconfirmed = 0;
        List<string> pending = [];
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            if (cycle > 0)
            {
                await vm.StartAsync(Wait, loadSnapshot: "cut", waitForSsh: false);
            }

            var cycleClock = Stopwatch.StartNew();
            List<JsonElement> witnessed;
            await using (var subscriber = await GuestSubscriber.StartAsync(vm.MqttPort, "display", displayPassword, "queue/pkm-kokop/events", Wait))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(3000, 10000)));
                await vm.PowerCutAsync();
                witnessed = [.. subscriber.Events];
            }

            var printed = PrintedReceipts(File.ReadAllBytes(vm.PrinterLog)).Select(r => r.Number).ToList();
            var database = RecoverDatabase(vm);
            try
            {
                var issued = Check(database, witnessed, printed, $"cycle {cycle}");
                pending = PendingNumbers(database);
                totalWitnessed += witnessed.Count;
                totalPrinted += printed.Count;
                var unconfirmed = pending.Intersect(printed).Count();
                totalUnconfirmed += unconfirmed;
                output.WriteLine($"cycle {cycle}: {cycleClock.Elapsed.TotalSeconds:0} s, {issued} tickets in the database, {printed.Count} printed and {witnessed.Count(e => e.GetProperty("type").GetString() == "ticket.issued")} ticket.issued seen before the cut, {pending.Count} committed but not marked printed ({unconfirmed} of them printed before the cut)");
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
            }
        }

        Assert.True(totalPrinted > 0 && totalWitnessed > 0, $"the cycles printed {totalPrinted} tickets and showed {totalWitnessed} events: the load did not run");
        output.WriteLine($"{Cycles} power cuts in {clock.Elapsed.TotalSeconds:0} s; {totalUnconfirmed} tickets printed before a cut whose printed mark the cut lost");

        // The disk as the last cut left it boots for real and the kiosk goes on numbering.
        var boot = Stopwatch.StartNew();
        await vm.StartAsync(KioskGuest.BootTimeout);
        await guest.WaitActiveAsync("kiosk", KioskGuest.ReadyTimeout);
        output.WriteLine($"boot after the last cut to kiosk READY: {boot.Elapsed.TotalSeconds:0} s");

        // Every ticket the last cut left committed but not marked printed (its print lost, or printed and its mark
        // lost) is printed again, marked as a reprint, once the kiosk is up: at least once on paper, never silently dropped.
        var reprintDeadline = DateTime.UtcNow + Wait;
        var reprinted = new HashSet<string>();
        while (!pending.All(reprinted.Contains))
        {
            Assert.True(DateTime.UtcNow < reprintDeadline, $"not reprinted within {Wait.TotalSeconds:0} s after READY: {string.Join(", ", pending.Except(reprinted))}\n{await vm.ShAsync("journalctl -u kiosk --no-pager -n 40")}");
            await Task.Delay(TimeSpan.FromSeconds(1));
            reprinted = PrintedReceipts(File.ReadAllBytes(vm.PrinterLog)).Where(r => r.Reprint).Select(r => r.Number).ToHashSet();
        }

        output.WriteLine($"after the boot: {pending.Count} ticket(s) left unconfirmed by the last cut reprinted ({string.Join(", ", pending)})");
        Assert.Equal("active", await guest.ShowAsync("mosquitto", "ActiveState"));
        await vm.ShAsync("systemctl stop kiosk-vm-load 2>/dev/null || true");
        var before = (await vm.ShAsync("sqlite3 -readonly /var/lib/kiosk/kiosk.db \"SELECT number FROM tickets\"")).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        await using var events = await GuestSubscriber.StartAsync(vm.MqttPort, "display", displayPassword, "queue/pkm-kokop/events", Wait);
        await vm.ShAsync("kiosk-vm-type 0005550001112");
        var next = await events.WaitIssuedAsync(0, Wait);
        Assert.DoesNotContain(next, before);
        Assert.Equal("ok", (await vm.ShAsync("sqlite3 -readonly /var/lib/kiosk/kiosk.db 'PRAGMA integrity_check'")).Trim());
    }

    /// <summary>The invariants on the recovered database; returns how many tickets it holds.</summary>
    private static int Check(string database, List<JsonElement> witnessed, IReadOnlyList<string> printed, string cycle)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        var numbers = new List<(string Day, string Number)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT day, number FROM tickets";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                numbers.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.True(numbers.Count == numbers.Distinct().Count(), $"{cycle}: a number was issued twice in a day");
        var known = numbers.Select(n => n.Number).ToHashSet();
        foreach (var number in printed)
        {
            Assert.True(known.Contains(number), $"{cycle}: ticket {number} was printed but is not in the database");
        }

        var events = new Dictionary<long, string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, event_id FROM outbox ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                events[reader.GetInt64(0)] = reader.GetString(1);
            }
        }

        Assert.True(events.Count == 0 || events.Keys.Max() - events.Keys.Min() + 1 == events.Count, $"{cycle}: the outbox sequence has a gap");
        foreach (var message in witnessed)
        {
            var sequence = message.GetProperty("sequence").GetInt64();
            var eventId = message.GetProperty("eventId").GetString();
            Assert.True(events.TryGetValue(sequence, out var stored), $"{cycle}: event {sequence} reached the subscriber but is not in the database");
            Assert.True(string.Equals(stored, eventId, StringComparison.OrdinalIgnoreCase), $"{cycle}: sequence {sequence} has two event ids ({stored} stored, {eventId} published)");
            if (message.GetProperty("type").GetString() == "ticket.issued")
            {
                var number = message.GetProperty("data").GetProperty("number").GetString()!;
                Assert.True(known.Contains(number), $"{cycle}: ticket {number} reached the subscriber but is not in the database");
            }
        }

        return numbers.Count;
    }

    /// <summary>The receipts whose print completed (cut) in what the printer mechanism received: ticket number, and whether it says CETAK ULANG.</summary>
    private static List<(string Number, bool Reprint)> PrintedReceipts(byte[] printed)
    {
        var interpreter = new EscPosInterpreter();
        return [.. interpreter.Feed(printed).Where(r => r.IsCut)
            .SelectMany(r => r.TextLines.Select(l => l.Text.Trim()).Where(text => TicketNumber().IsMatch(text))
                .Select(number => (number, r.Text.Contains("CETAK ULANG", StringComparison.Ordinal))))];
    }

    /// <summary>Tickets still waiting whose print the database does not confirm: what the kiosk must print again.</summary>
    private static List<string> PendingNumbers(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT number FROM tickets WHERE state = 'Waiting' AND print_state IN ('Pending', 'Failed') ORDER BY issued_at";
        using var reader = command.ExecuteReader();
        var numbers = new List<string>();
        while (reader.Read())
        {
            numbers.Add(reader.GetString(0));
        }

        return numbers;
    }

    /// <summary>
    /// The guest's disk as the cut left it, recovered as a boot would: a raw copy, ext4's journal replayed by e2fsck,
    /// the ticket database and its WAL copied out (SQLite recovers the WAL when it opens the copy).
    /// </summary>
    private static string RecoverDatabase(VirtualMachine vm)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-cut-").FullName;
        var raw = Path.Combine(folder, "disk.raw");
        Packages.Run("qemu-img", ["convert", "-O", "raw", vm.Overlay, raw], TimeSpan.FromMinutes(5));
        var fsck = Process.Start(new ProcessStartInfo("e2fsck", ["-fy", raw]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var fsckOutput = fsck.StandardOutput.ReadToEnd() + fsck.StandardError.ReadToEnd();
        fsck.WaitForExit();
        Assert.True(fsck.ExitCode < 4, $"e2fsck could not repair the cut disk ({fsck.ExitCode}): {fsckOutput}");
        foreach (var name in new[] { "kiosk.db", "kiosk.db-wal" })
        {
            Packages.Run("debugfs", ["-R", $"dump /var/lib/kiosk/{name} {Path.Combine(folder, name)}", raw], TimeSpan.FromMinutes(2));
        }

        File.Delete(raw);
        Assert.True(File.Exists(Path.Combine(folder, "kiosk.db")), "the ticket database is missing from the cut disk");
        return Path.Combine(folder, "kiosk.db");
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }

    [GeneratedRegex(@"^[A-Z]-\d{3,4}$")]
    private static partial Regex TicketNumber();
}
