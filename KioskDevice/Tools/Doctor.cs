using System.Globalization;
using Kiosk.Contract.Topics;
using Kiosk.Device.Configuration;
using Kiosk.Device.Messaging;
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
        await output.WriteLineAsync("Perangkat yang terlihat di mesin ini:");
        await output.WriteLineAsync(DeviceInventory.Collect().ToString());
        return checks.Any(c => c.Outcome == DoctorOutcome.Fail) ? 1 : 0;
    }

    public static async Task<IReadOnlyList<DoctorCheck>> CheckAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<KioskOptions>>().Value;
        var checks = new List<DoctorCheck> { DoctorCheck.Pass("Konfigurasi", $"Valid: situs {options.Site.Id} ({options.Site.Name}), {options.Buttons.Count} tombol") };
        checks.Add(CheckDatabase(options));
        checks.Add(await CheckPrinterAsync(services, cancellationToken));
        var inventory = DeviceInventory.Collect();
        checks.AddRange(CheckGpio(options, inventory));
        checks.Add(CheckReader(options, inventory));
        checks.Add(await CheckBrokerAsync(options, cancellationToken));
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
            var mark = check.Outcome switch { DoctorOutcome.Pass => "OK   ", DoctorOutcome.Warn => "AWAS ", _ => "GAGAL" };
            output.WriteLine($"{mark} {check.Name.PadRight(nameWidth)}  {check.Detail}");
            if (check.Fix.Length > 0)
            {
                output.WriteLine($"      {new string(' ', nameWidth)}  -> {check.Fix}");
            }
        }

        var failed = checks.Count(c => c.Outcome == DoctorOutcome.Fail);
        output.WriteLine(failed == 0 ? "Semua pemeriksaan lulus." : $"{failed} pemeriksaan gagal.");
    }

    private static DoctorCheck CheckDatabase(KioskOptions options)
    {
        var path = Path.Combine(options.DataDirectory, "kiosk.db");
        if (!File.Exists(path))
        {
            return DoctorCheck.Warn("Basis data", $"{path} belum ada", "Wajar sebelum kiosk pertama kali dijalankan: 'systemctl start kiosk' membuatnya. Bila kiosk sudah pernah berjalan, periksa Kiosk:DataDirectory.");
        }

        try
        {
            var inspection = Kiosk.Queue.Storage.TicketLogInspection.Read(path);
            var day = inspection.LastBusinessDay is { } last ? IndonesianTime.Date(last) : "belum ada";
            return inspection.IsIntact
                ? DoctorCheck.Pass("Basis data", string.Create(CultureInfo.InvariantCulture, $"{path}: utuh, {inspection.Tickets} tiket, hari layanan terakhir {day}"))
                : DoctorCheck.Fail("Basis data", $"{path}: rusak ({string.Join("; ", inspection.Integrity.Take(3))})", "Hentikan kiosk (systemctl stop kiosk), pulihkan berkas dari cadangan terakhir atau pindahkan agar log baru dibuat.");
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return DoctorCheck.Fail("Basis data", $"{path}: tidak dapat dibaca sebagai basis data SQLite", "Periksa hak akses user kiosk pada berkas itu; bila rusak, pulihkan dari cadangan.");
        }
        catch (UnauthorizedAccessException)
        {
            return DoctorCheck.Fail("Basis data", $"{path}: tidak boleh dibaca", "Jalankan doctor sebagai root atau user kiosk (sudo -u kiosk ...).");
        }
    }

    private static async Task<DoctorCheck> CheckPrinterAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var printer = services.GetRequiredService<IPrinterTransport>();
        var name = Text.Teks.PrinterName(services.GetRequiredService<IOptions<KioskOptions>>().Value.Printer);
        if (!printer.IsBidirectional)
        {
            return DoctorCheck.Warn("Printer", $"{name}: satu arah, status tidak dapat dibaca", "Jalankan 'print-test' dan lihat kertasnya; kegagalan cetak tetap terdeteksi.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var status = await printer.QueryStatusAsync(timeout.Token);
            return status.CanPrint
                ? DoctorCheck.Pass("Printer", $"{name}: {Printing.PrinterHealth.Sentence(status.Condition)}")
                : DoctorCheck.Fail("Printer", $"{name}: {Printing.PrinterHealth.Sentence(status.Condition)}", "Periksa kabel, kertas dan tutup printer.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DoctorCheck.Fail("Printer", $"{name}: tidak menjawab dalam 5 detik", "Periksa kabel/jaringan printer dan Kiosk:Printer:Transport di konfigurasi.");
        }
    }

    private static IEnumerable<DoctorCheck> CheckGpio(KioskOptions options, DeviceInventoryReport inventory)
    {
        if (options.Hardware.Kind != "gpio")
        {
            yield return DoctorCheck.Pass("GPIO", "Perangkat tersimulasi (Hardware:Kind = simulated)");
            yield break;
        }

        var wanted = options.Buttons.Select(b => ($"tombol {b.Id}", b.Chip, b.Line))
            .Concat(options.Buttons.Where(b => b.LampLine.Length > 0).Select(b => ($"lampu {b.Id}", b.Chip, b.LampLine)))
            .Concat(new[] { ("lampu masalah", options.Hardware.Chip, options.Hardware.ProblemLampLine), ("buzzer", options.Hardware.Chip, options.Hardware.BuzzerLine) }.Where(w => w.Item3.Length > 0));
        foreach (var (what, chipName, line) in wanted)
        {
            var chip = inventory.GpioChips.FirstOrDefault(c => c.Info is { } info && (info.Name == chipName || info.Label == chipName || c.Path.EndsWith("/" + chipName, StringComparison.Ordinal)));
            if (chip is null)
            {
                var found = inventory.GpioChips.Count == 0
                    ? "mesin ini tidak punya chip GPIO sama sekali (bukan Raspberry Pi, atau /dev/gpiochip* tidak boleh dibaca)"
                    : $"chip yang ada: {string.Join(", ", inventory.GpioChips.Select(c => c.Info?.Name ?? c.Path))}";
                yield return DoctorCheck.Fail($"GPIO {what}", $"chip {chipName} tidak ditemukan; {found}", "Pi 3/4 memakai gpiochip0, Pi 5 gpiochip4; perbaiki Chip di konfigurasi (di komputer biasa pakai Kiosk:Hardware:Kind=simulated).");
                continue;
            }

            var lineInfo = chip.Lines.FirstOrDefault(l => l.Name == line || l.Offset.ToString(CultureInfo.InvariantCulture) == line);
            yield return lineInfo is null
                ? DoctorCheck.Fail($"GPIO {what}", $"jalur {line} tidak ada di {chipName}", "Periksa nomor/nama jalur GPIO di konfigurasi.")
                : lineInfo.InUse
                    ? DoctorCheck.Warn($"GPIO {what}", $"{chipName}:{line} dipakai oleh '{lineInfo.Consumer}'", "Bila itu bukan kiosk ini, hentikan program lain yang memakai jalur tersebut.")
                    : DoctorCheck.Pass($"GPIO {what}", $"{chipName}:{line} tersedia");
        }
    }

    private static DoctorCheck CheckReader(KioskOptions options, DeviceInventoryReport inventory)
    {
        var reader = options.Reader;
        var seen = inventory.Readers.Select(r => r.ByIdPaths.Count > 0 ? r.ByIdPaths[0] : r.Path).ToList();
        var seenText = seen.Count == 0 ? "tidak ada" : string.Join(", ", seen);
        return reader.Kind switch
        {
            "none" => DoctorCheck.Pass("Pembaca kartu", $"Tidak dipakai. Terlihat: {seenText}"),
            "simulated" => DoctorCheck.Pass("Pembaca kartu", "Tersimulasi"),
            _ when File.Exists(reader.Device) => DoctorCheck.Pass("Pembaca kartu", $"{reader.Kind} {reader.Device} ada"),
            _ => DoctorCheck.Fail("Pembaca kartu", $"{reader.Device} tidak ada. Terlihat: {seenText}; port serial: {string.Join(", ", inventory.SerialPorts.Select(p => p.Path))}", "Colokkan pembaca, lalu pakai jalur /dev/input/by-id/... atau /dev/serial/by-id/... di Reader:Device."),
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
        var where = $"{options.Mqtt.Host}:{options.Mqtt.Port} sebagai {options.Mqtt.Username}";
        var outcome = await Task.WhenAny(connected.Task, Task.Delay(TimeSpan.FromSeconds(8), cancellationToken));
        if (outcome != connected.Task || connected.Task.Result.NewState != MqttConnectionState.Connected)
        {
            var reason = connected.Task.IsCompleted ? BrokerFailure(connected.Task.Result.Error) : "tidak ada jawaban dalam 8 detik";
            return DoctorCheck.Fail("Broker MQTT", $"{where}: {reason}", BrokerPasswordsHint);
        }

        var granted = await client.SubscribeAsync([new MqttTopicFilter(topics.AllCommands, MqttQos.AtLeastOnce)], cancellationToken);
        await client.StopAsync(cancellationToken);
        return granted.All(g => g.Succeeded)
            ? DoctorCheck.Pass("Broker MQTT", $"{where}: terhubung, boleh membaca perintah loket")
            : DoctorCheck.Fail("Broker MQTT", $"{where}: langganan {topics.AllCommands} ditolak", $"Perbarui ACL: Kiosk.Broker acl --site {options.Site.Id} > /etc/mosquitto/kiosk.acl");
    }

    /// <summary>kiosk-setup keeps the readable role passwords here; /etc/mosquitto/kiosk.passwd holds only their hashes.</summary>
    private const string BrokerPasswordsHint =
        "Periksa 'systemctl status mosquitto', Kiosk:Mqtt:Host/Port, dan Kiosk:Mqtt:Password: harus sama dengan baris 'kiosk' di /etc/kiosk/broker-passwords.";

    /// <summary>What a failed connection means, in words (the exception's socket English goes nowhere near the technician).</summary>
    private static string BrokerFailure(Exception? error) => error switch
    {
        MqttConnectionRefusedException { ReturnCode: 4 or 5 } => "broker menolak login kiosk (user atau password salah)",
        MqttConnectionRefusedException => "broker menolak sambungan",
        System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } => "tidak ada broker yang mendengarkan di alamat itu (koneksi ditolak)",
        System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain } => "nama host broker tidak dikenal",
        System.Security.Authentication.AuthenticationException => "jabat tangan TLS gagal (periksa CaCertificateFile dan ServerName)",
        null => "sambungan terputus",
        _ => "sambungan gagal",
    };

    private static DoctorCheck CheckClock(KioskOptions options)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Site.TimeZone);
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var abbreviation = IndonesianTime.ZoneAbbreviation(zone, now);
        if (now.Year < 2025)
        {
            return DoctorCheck.Fail("Jam dan zona waktu", $"Jam menunjukkan {now:yyyy-MM-dd HH:mm} {abbreviation}: belum disetel", "Pi tanpa RTC: sambungkan ke jaringan agar NTP menyetel jam (timedatectl), atau pasang modul RTC.");
        }

        return abbreviation is "WIB" or "WITA" or "WIT"
            ? DoctorCheck.Pass("Jam dan zona waktu", $"{now:yyyy-MM-dd HH:mm} {abbreviation} ({options.Site.TimeZone})")
            : DoctorCheck.Warn("Jam dan zona waktu", $"{options.Site.TimeZone} bukan WIB/WITA/WIT ({abbreviation})", "Pakai Asia/Jakarta, Asia/Makassar atau Asia/Jayapura.");
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
            < 100 => DoctorCheck.Fail("Ruang disk", $"{options.DataDirectory}: sisa {freeMb} MB", "Kosongkan kartu SD (hapus arsip lama, journalctl --vacuum-size=50M) atau kurangi Queue:RetentionDays."),
            < 500 => DoctorCheck.Warn("Ruang disk", $"{options.DataDirectory}: sisa {freeMb} MB", "Segera kosongkan ruang di kartu SD."),
            _ => DoctorCheck.Pass("Ruang disk", $"{options.DataDirectory}: sisa {freeMb} MB"),
        };
    }
}
