using System.Globalization;
using Kiosk.Contract.Topics;
using Kiosk.Device.Configuration;
using Kiosk.Device.Messaging;
using Kiosk.Device.Text;
using Kiosk.Device.Ticketing;
using Kiosk.DeviceDrivers.Diagnostics;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.Mqtt;
using Kiosk.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Tools;

/// <summary>
/// <c>Kiosk.Device doctor</c>: checks what a technician would check by hand on a Pi that misbehaves, and prints a
/// pass/fail table with the fix for every failure. Exit code 0 only when nothing failed. Read-only: it opens the
/// ticket log read-only, creates no file or folder and never opens a business day (a check must not change what it checks).
/// </summary>
public static class Doctor
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var checks = await CheckAsync(services, cancellationToken);
        Print(checks, output);

        // What this machine offers, so a technician can pick chip, line and reader paths for the configuration.
        await output.WriteLineAsync();
        await output.WriteLineAsync(Teks.Teknisi.DevicesSeen);
        await output.WriteLineAsync(DeviceInventory.Collect().ToString());
        return checks.Any(c => c.Outcome == DoctorOutcome.Fail) ? 1 : 0;
    }

    public static async Task<IReadOnlyList<DoctorCheck>> CheckAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<KioskOptions>>().Value;
        var checks = new List<DoctorCheck> { DoctorCheck.Pass(Teks.Teknisi.CheckConfiguration, Teks.Teknisi.ConfigurationValid(options.Site.Id, options.Site.Name, options.Buttons.Count)) };
        checks.Add(CheckDatabase(options));
        checks.Add(await CheckPrinterAsync(services, cancellationToken));
        var inventory = DeviceInventory.Collect();
        checks.AddRange(CheckGpio(options, inventory));
        checks.Add(CheckReader(options, inventory));
        checks.Add(await CheckBrokerAsync(options, cancellationToken));
        checks.Add(await BpjsBridgeCheck.CheckAsync(options, BpjsBridgeCheck.SetupFile, cancellationToken));
        checks.Add(CheckClock(options));
        checks.Add(CheckDisk(options));
        return checks;
    }

    public static void Print(IReadOnlyList<DoctorCheck> checks, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(output);
        var nameWidth = Math.Max(8, checks.Max(c => c.Name.Length));
        foreach (var check in checks)
        {
            var mark = check.Outcome switch { DoctorOutcome.Pass => Teks.Teknisi.MarkPass, DoctorOutcome.Warn => Teks.Teknisi.MarkWarn, _ => Teks.Teknisi.MarkFail };
            output.WriteLine($"{mark} {check.Name.PadRight(nameWidth)}  {check.Detail}");
            if (check.Fix.Length > 0)
            {
                output.WriteLine($"      {new string(' ', nameWidth)}  -> {check.Fix}");
            }
        }

        var failed = checks.Count(c => c.Outcome == DoctorOutcome.Fail);
        output.WriteLine(failed == 0 ? Teks.Teknisi.AllChecksPassed : Teks.Teknisi.ChecksFailed(failed));
    }

    private static DoctorCheck CheckDatabase(KioskOptions options)
    {
        var path = Path.Combine(options.DataDirectory, "kiosk.db");
        if (!File.Exists(path))
        {
            return DoctorCheck.Warn(Teks.Teknisi.CheckDatabase, Teks.Teknisi.DatabaseNotYet(path), Teks.Teknisi.DatabaseNotYetFix);
        }

        try
        {
            var inspection = Kiosk.Queue.Storage.TicketLogInspection.Read(path);
            var day = inspection.LastBusinessDay is { } last ? IndonesianTime.Date(last) : Teks.Teknisi.NoBusinessDayYet;
            return inspection.IsIntact
                ? DoctorCheck.Pass(Teks.Teknisi.CheckDatabase, Teks.Teknisi.DatabaseSound(path, inspection.Tickets, day))
                : DoctorCheck.Fail(Teks.Teknisi.CheckDatabase, Teks.Teknisi.DatabaseDamaged(path, inspection.Integrity.Take(3)), Teks.Teknisi.DatabaseDamagedFix);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return DoctorCheck.Fail(Teks.Teknisi.CheckDatabase, Teks.Teknisi.DatabaseNotSqlite(path), Teks.Teknisi.DatabaseNotSqliteFix);
        }
        catch (UnauthorizedAccessException)
        {
            return DoctorCheck.Fail(Teks.Teknisi.CheckDatabase, Teks.Teknisi.DatabaseForbidden(path), Teks.Teknisi.DatabaseForbiddenFix);
        }
    }

    private static async Task<DoctorCheck> CheckPrinterAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var printer = services.GetRequiredService<IPrinterTransport>();
        var name = Text.Teks.PrinterName(services.GetRequiredService<IOptions<KioskOptions>>().Value.Printer);
        if (!printer.IsBidirectional)
        {
            return DoctorCheck.Warn(Teks.Teknisi.CheckPrinter, Teks.Teknisi.PrinterOneWay(name), Teks.Teknisi.PrinterOneWayFix);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var status = await printer.QueryStatusAsync(timeout.Token);
            return status.CanPrint
                ? DoctorCheck.Pass(Teks.Teknisi.CheckPrinter, Teks.Teknisi.PrinterIs(name, Printing.PrinterHealth.Sentence(status.Condition)))
                : DoctorCheck.Fail(Teks.Teknisi.CheckPrinter, Teks.Teknisi.PrinterIs(name, Printing.PrinterHealth.Sentence(status.Condition)), Teks.Teknisi.PrinterFix);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DoctorCheck.Fail(Teks.Teknisi.CheckPrinter, Teks.Teknisi.PrinterSilent(name), Teks.Teknisi.PrinterSilentFix);
        }
    }

    private static IEnumerable<DoctorCheck> CheckGpio(KioskOptions options, DeviceInventoryReport inventory)
    {
        if (options.Hardware.Kind != "gpio")
        {
            yield return DoctorCheck.Pass("GPIO", Teks.Teknisi.GpioSimulated);
            yield break;
        }

        var wanted = options.Buttons.Select(b => (Teks.Teknisi.ButtonNamed(b.Id), b.Chip, b.Line))
            .Concat(options.Buttons.Where(b => b.LampLine.Length > 0).Select(b => (Teks.Teknisi.LampNamed(b.Id), b.Chip, b.LampLine)))
            .Concat(new[] { (Teks.Teknisi.ProblemLamp, options.Hardware.Chip, options.Hardware.ProblemLampLine), ("buzzer", options.Hardware.Chip, options.Hardware.BuzzerLine) }.Where(w => w.Item3.Length > 0));
        foreach (var (what, chipName, line) in wanted)
        {
            var chip = inventory.GpioChips.FirstOrDefault(c => c.Info is { } info && (info.Name == chipName || info.Label == chipName || c.Path.EndsWith("/" + chipName, StringComparison.Ordinal)));
            if (chip is null)
            {
                var found = inventory.GpioChips.Count == 0
                    ? Teks.Teknisi.NoGpioAtAll
                    : Teks.Teknisi.ChipsPresent(inventory.GpioChips.Select(c => c.Info?.Name ?? c.Path));
                yield return DoctorCheck.Fail($"GPIO {what}", Teks.Teknisi.ChipNotFound(chipName, found), Teks.Teknisi.ChipNotFoundFix);
                continue;
            }

            var lineInfo = chip.Lines.FirstOrDefault(l => l.Name == line || l.Offset.ToString(CultureInfo.InvariantCulture) == line);
            yield return lineInfo is null
                ? DoctorCheck.Fail($"GPIO {what}", Teks.Teknisi.LineMissing(line, chipName), Teks.Teknisi.LineMissingFix)
                : lineInfo.InUse
                    ? DoctorCheck.Warn($"GPIO {what}", Teks.Teknisi.LineInUse(chipName, line, lineInfo.Consumer), Teks.Teknisi.LineInUseFix)
                    : DoctorCheck.Pass($"GPIO {what}", Teks.Teknisi.LineFree(chipName, line));
        }
    }

    private static DoctorCheck CheckReader(KioskOptions options, DeviceInventoryReport inventory)
    {
        var reader = options.Reader;
        var seen = inventory.Readers.Select(r => r.ByIdPaths.Count > 0 ? r.ByIdPaths[0] : r.Path).ToList();
        var seenText = seen.Count == 0 ? Teks.Teknisi.NoneSeen : string.Join(", ", seen);
        return reader.Kind switch
        {
            "none" => DoctorCheck.Pass(Teks.Teknisi.CheckReader, Teks.Teknisi.ReaderUnused(seenText)),
            "simulated" => DoctorCheck.Pass(Teks.Teknisi.CheckReader, Teks.Teknisi.ReaderSimulated),
            _ when File.Exists(reader.Device) => DoctorCheck.Pass(Teks.Teknisi.CheckReader, Teks.Teknisi.ReaderPresent(reader.Kind, reader.Device)),
            _ => DoctorCheck.Fail(Teks.Teknisi.CheckReader, Teks.Teknisi.ReaderMissing(reader.Device, seenText, inventory.SerialPorts.Select(p => p.Path)), Teks.Teknisi.ReaderMissingFix),
        };
    }

    private static async Task<DoctorCheck> CheckBrokerAsync(KioskOptions options, CancellationToken cancellationToken)
    {
        var topics = new KioskTopics(options.Site.Id, options.Mqtt.KioskId);
        var connected = new TaskCompletionSource<MqttConnectionStateChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = options.Mqtt.Host,
            Port = options.Mqtt.Port,
            ClientId = ClientIds.KioskTool("doctor", Environment.ProcessId),
            Username = options.Mqtt.Username,
            Password = options.Mqtt.Password,
            Tls = options.Mqtt.UseTls ? new MqttTlsOptions { CaCertificatePath = options.Mqtt.CaCertificateFile, ServerName = options.Mqtt.ServerName.Length > 0 ? options.Mqtt.ServerName : null } : null,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
        client.StateChanged += (_, change) =>
        {
            if (change.NewState == MqttConnectionState.Connected || change.Error is not null)
            {
                connected.TrySetResult(change);
            }
        };
        await client.StartAsync(cancellationToken);
        var where = Teks.Teknisi.BrokerAs(options.Mqtt.Host, options.Mqtt.Port, options.Mqtt.Username);
        var outcome = await Task.WhenAny(connected.Task, Task.Delay(TimeSpan.FromSeconds(8), cancellationToken));
        if (outcome != connected.Task || connected.Task.Result.NewState != MqttConnectionState.Connected)
        {
            var reason = connected.Task.IsCompleted ? BrokerFailure(connected.Task.Result.Error) : Teks.Teknisi.BrokerSilent;
            return DoctorCheck.Fail(Teks.Teknisi.CheckBroker, Teks.Teknisi.BrokerIs(where, reason), Teks.Teknisi.BrokerPasswordsHint);
        }

        var granted = await client.SubscribeAsync([new MqttTopicFilter(topics.AllCommands, MqttQos.AtLeastOnce)], cancellationToken);
        await client.StopAsync(cancellationToken);
        return granted.All(g => g.Succeeded)
            ? DoctorCheck.Pass(Teks.Teknisi.CheckBroker, Teks.Teknisi.BrokerIs(where, Teks.Teknisi.BrokerReadable))
            : DoctorCheck.Fail(Teks.Teknisi.CheckBroker, Teks.Teknisi.BrokerIs(where, Teks.Teknisi.SubscriptionRefused(topics.AllCommands)), Teks.Teknisi.AclFix(options.Site.Id));
    }

    /// <summary>What a failed connection means, in words (the exception's socket English goes nowhere near the technician).</summary>
    private static string BrokerFailure(Exception? error) => error switch
    {
        MqttConnectionRefusedException { ReturnCode: 4 or 5 } => Teks.Teknisi.BrokerLoginRefused,
        MqttConnectionRefusedException => Teks.Teknisi.BrokerRefused,
        System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } => Teks.Teknisi.BrokerNotListening,
        System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain } => Teks.Teknisi.BrokerHostUnknown,
        System.Security.Authentication.AuthenticationException => Teks.Teknisi.BrokerTlsFailed,
        null => Teks.Teknisi.BrokerDropped,
        _ => Teks.Teknisi.BrokerFailed,
    };

    private static DoctorCheck CheckClock(KioskOptions options)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Site.TimeZone);
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var abbreviation = IndonesianTime.ZoneAbbreviation(zone, now);
        if (now.Year < 2025)
        {
            return DoctorCheck.Fail(Teks.Teknisi.CheckClock, Teks.Teknisi.ClockUnset(now, abbreviation), Teks.Teknisi.ClockUnsetFix);
        }

        return abbreviation is "WIB" or "WITA" or "WIT"
            ? DoctorCheck.Pass(Teks.Teknisi.CheckClock, Teks.Teknisi.ClockIs(now, abbreviation, options.Site.TimeZone))
            : DoctorCheck.Warn(Teks.Teknisi.CheckClock, Teks.Teknisi.ZoneNotIndonesian(options.Site.TimeZone, abbreviation), Teks.Teknisi.ZoneFix);
    }

    private static DoctorCheck CheckDisk(KioskOptions options)
    {
        // The folder may not exist yet (never started): measure the disk it will be on, without creating it.
        var existing = Path.GetFullPath(options.DataDirectory);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var drive = new DriveInfo(existing);
        var freeMb = drive.AvailableFreeSpace / (1024 * 1024);
        return freeMb switch
        {
            < 100 => DoctorCheck.Fail(Teks.Teknisi.CheckDisk, Teks.Teknisi.DiskFree(options.DataDirectory, freeMb), Teks.Teknisi.DiskFullFix),
            < 500 => DoctorCheck.Warn(Teks.Teknisi.CheckDisk, Teks.Teknisi.DiskFree(options.DataDirectory, freeMb), Teks.Teknisi.DiskLowFix),
            _ => DoctorCheck.Pass(Teks.Teknisi.CheckDisk, Teks.Teknisi.DiskFree(options.DataDirectory, freeMb)),
        };
    }
}
