using System.Text.RegularExpressions;
using Kiosk.Package.Tests.Support;
using Kiosk.Vm.Tests.Support;
using Xunit.Abstractions;

namespace Kiosk.Vm.Tests;

/// <summary>
/// The amd64 package on a virtual Pi: Debian bookworm, Debian's kernel, real systemd, Mosquitto from Debian, a USB
/// printer (usblp) and a USB keyboard scanner (usbhid/evdev) made of configfs gadgets on dummy_hcd.
/// </summary>
[Collection(VirtualPi.Name)]
public sealed partial class InstalledKioskTests(GuestFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Systemd_runs_mosquitto_and_the_kiosk_with_notify_readiness_and_a_status_line()
    {
        var guest = Guest();
        output.WriteLine($"boot to SSH {guest.BootTime.TotalSeconds:0} s; dpkg -i + kiosk-setup to READY {guest.InstallToReady.TotalSeconds:0} s");

        Assert.Equal("notify", await guest.ShowAsync("kiosk", "Type"));
        Assert.Equal("active", await guest.ShowAsync("kiosk", "ActiveState"));
        Assert.Equal("active", await guest.ShowAsync("mosquitto", "ActiveState"));
        Assert.NotEmpty(await guest.ShowAsync("kiosk", "StatusText"));
        Assert.Equal("enabled", (await guest.Vm.ShAsync("systemctl is-enabled kiosk")).Trim());
        Assert.Contains("kiosk", await guest.Vm.ShAsync("id kiosk"), StringComparison.Ordinal);
        var counterPassword = await guest.PasswordAsync("counter-1");
        Assert.Matches(ReadablePassword(), counterPassword);
        Assert.Contains("utuh", await guest.Vm.ShAsync("runuser -u kiosk -- /opt/kiosk/Kiosk.Device doctor --config /etc/kiosk/appsettings.json 2>&1 || true"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_scan_on_the_usb_scanner_prints_on_usblp_and_its_event_reaches_this_side()
    {
        var guest = Guest();
        await using var events = await GuestSubscriber.StartAsync(guest.Vm.MqttPort, "display", await guest.PasswordAsync("display"), "queue/pkm-kokop/events", Wait);
        var printedBefore = await guest.PrintedLengthAsync();

        await guest.Vm.ShAsync("kiosk-vm-type 0001234567890");

        var number = await guest.WaitIssuedAsync(events, 0, Wait);
        Assert.StartsWith("B-", number, StringComparison.Ordinal);
        await guest.WaitPrintedAsync(printedBefore, number, Wait);
    }

    [SkippableFact]
    public async Task A_press_on_a_gpio_sim_line_prints_a_ticket_and_paper_out_darkens_the_lamp_and_refuses_the_press()
    {
        var guest = Guest();
        Skip.If(guest.Gpio is null, guest.GpioMissing);
        await using var events = await GuestSubscriber.StartAsync(guest.Vm.MqttPort, "display", await guest.PasswordAsync("display"), "queue/pkm-kokop/events", Wait);
        var printedBefore = await guest.PrintedLengthAsync();

        // The "Pasien Umum" button (appsettings.json): input line 17, active low with a pull-up; its lamp on line 5.
        await WaitLineAsync(guest, UmumLamp, lit: true);
        await PressAsync(guest, UmumButton);
        var first = await guest.WaitIssuedAsync(events, 0, Wait);
        Assert.StartsWith("A-", first, StringComparison.Ordinal);
        await guest.WaitPrintedAsync(printedBefore, first, Wait);

        // Paper out, as the printer answers DLE EOT: the kiosk darkens the button lamps and a press takes no number.
        await guest.Vm.ShAsync("touch /run/kiosk-vm/paper-out");
        try
        {
            await WaitLineAsync(guest, UmumLamp, lit: false);
            var count = events.Events.Count;
            await PressAsync(guest, UmumButton);
            await guest.WaitJournalAsync("Ticket for UMUM refused", Wait);
            Assert.DoesNotContain(events.Events.Skip(count), e => e.GetProperty("type").GetString() == "ticket.issued");
        }
        finally
        {
            await guest.Vm.ShAsync("rm -f /run/kiosk-vm/paper-out");
        }

        await WaitLineAsync(guest, UmumLamp, lit: true);
        var skip = events.Events.Count;
        await PressAsync(guest, UmumButton);
        var next = await guest.WaitIssuedAsync(events, skip, Wait);
        Assert.Equal(NumberPart(first) + 1, NumberPart(next));
    }

    [SkippableFact]
    public async Task A_sigstopped_kiosk_is_restarted_by_the_watchdog()
    {
        var guest = Guest();
        var pid = await guest.ShowAsync("kiosk", "MainPID");
        var restarts = int.Parse(await guest.ShowAsync("kiosk", "NRestarts"), System.Globalization.CultureInfo.InvariantCulture);
        var watchdog = await guest.ShowAsync("kiosk", "WatchdogUSec");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await guest.Vm.ShAsync($"kill -STOP {pid}");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30) + KioskGuest.ReadyTimeout;
        while ((await guest.ShowAsync("kiosk", "MainPID")) is var now && (now == pid || now == "0" || await guest.ShowAsync("kiosk", "ActiveState") != "active"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"not restarted: {await guest.Vm.ShAsync("systemctl status --no-pager -n 30 kiosk || true")}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        output.WriteLine($"watchdog {watchdog}: SIGSTOP to active again in {clock.Elapsed.TotalSeconds:0} s");
        Assert.True(int.Parse(await guest.ShowAsync("kiosk", "NRestarts"), System.Globalization.CultureInfo.InvariantCulture) > restarts);
        Assert.Contains("watchdog", await guest.Vm.ShAsync("journalctl -u kiosk --no-pager -n 200 | grep -i watchdog || true"), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task A_bad_config_exits_78_and_is_not_restarted()
    {
        var guest = Guest();
        var restarts = await guest.ShowAsync("kiosk", "NRestarts");
        await guest.Vm.ShAsync("cp /etc/kiosk/kiosk.env /root/kiosk.env.good && echo Kiosk__Mqtt__Port=0 >> /etc/kiosk/kiosk.env");
        try
        {
            await guest.Vm.TryShAsync("systemctl restart kiosk", Wait);
            var deadline = DateTime.UtcNow + Wait;
            while (await guest.ShowAsync("kiosk", "ActiveState") != "failed")
            {
                Assert.True(DateTime.UtcNow < deadline, await guest.Vm.ShAsync("systemctl status --no-pager -n 30 kiosk || true"));
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            Assert.Equal("78", await guest.ShowAsync("kiosk", "ExecMainStatus"));
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal("failed", await guest.ShowAsync("kiosk", "ActiveState"));
            Assert.Equal(restarts, await guest.ShowAsync("kiosk", "NRestarts"));
            Assert.Contains("Kiosk:Mqtt:Port", await guest.Vm.ShAsync("journalctl -u kiosk --no-pager -n 50"), StringComparison.Ordinal);
        }
        finally
        {
            await guest.Vm.ShAsync("cp /root/kiosk.env.good /etc/kiosk/kiosk.env && systemctl reset-failed kiosk; systemctl restart kiosk || true", Wait);
            await guest.WaitActiveAsync("kiosk", KioskGuest.ReadyTimeout);
        }
    }

    [SkippableFact]
    public async Task An_upgrade_to_a_newer_package_keeps_the_configuration_and_the_numbering()
    {
        var guest = Guest();
        await using var events = await GuestSubscriber.StartAsync(guest.Vm.MqttPort, "display", await guest.PasswordAsync("display"), "queue/pkm-kokop/events", Wait);
        await guest.Vm.ShAsync("kiosk-vm-type 0009876543210");
        var before = await guest.WaitIssuedAsync(events, 0, Wait);
        var configuration = await guest.Vm.ShAsync("md5sum /etc/kiosk/kiosk.env /etc/kiosk/appsettings.json /etc/kiosk/broker-passwords");
        var newer = Repack(Packages.Deb("amd64"), out var version);
        try
        {
            await guest.Vm.CopyToAsync(newer, "/root/puskesmas-kiosk-newer.deb");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(newer)!, recursive: true);
        }

        var count = events.Events.Count;
        await guest.Vm.ShAsync("dpkg -i /root/puskesmas-kiosk-newer.deb", TimeSpan.FromMinutes(5));
        await guest.WaitActiveAsync("kiosk", KioskGuest.ReadyTimeout);
        Assert.Equal(version, (await guest.Vm.ShAsync("dpkg-query -W -f '${Version}' puskesmas-kiosk")).Trim());
        Assert.Equal(configuration, await guest.Vm.ShAsync("md5sum /etc/kiosk/kiosk.env /etc/kiosk/appsettings.json /etc/kiosk/broker-passwords"));

        await guest.Vm.ShAsync("kiosk-vm-type 0009876543211");
        var after = await guest.WaitIssuedAsync(events, count, Wait);
        Assert.Equal(NumberPart(before) + 1, NumberPart(after));
    }

    private const int UmumButton = 17;
    private const int UmumLamp = 5;

    /// <summary>A press as a patient makes it: down long enough for the kiosk's debounce, then up.</summary>
    private static async Task PressAsync(KioskGuest guest, int line)
    {
        await guest.PullAsync(line, down: true);
        await guest.PullAsync(line, down: false);
    }

    private static async Task WaitLineAsync(KioskGuest guest, int line, bool lit)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (await guest.LineValueAsync(line) != lit)
        {
            Assert.True(DateTime.UtcNow < deadline, $"line {line} did not go {(lit ? "high" : "low")} within {Wait.TotalSeconds:0} s");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static int NumberPart(string number) => int.Parse(number[(number.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The same package with a higher version, as the next release would be.</summary>
    private static string Repack(string deb, out string version)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-repack-").FullName;
        var tree = Path.Combine(folder, "tree");
        Packages.Run("dpkg-deb", ["-R", deb, tree], TimeSpan.FromMinutes(3));
        var control = Path.Combine(tree, "DEBIAN", "control");
        var text = File.ReadAllText(control);
        var current = Regex.Match(text, "^Version: (.+)$", RegexOptions.Multiline).Groups[1].Value;
        version = current + ".1";
        File.WriteAllText(control, text.Replace($"Version: {current}", $"Version: {version}", StringComparison.Ordinal));
        var newer = Path.Combine(folder, "newer.deb");
        Packages.Run("dpkg-deb", ["--root-owner-group", "-Zgzip", "-z1", "-b", tree, newer], TimeSpan.FromMinutes(5));
        return newer;
    }

    private KioskGuest Guest()
    {
        Skip.If(fixture.Missing is not null, fixture.Missing);
        return fixture.Guest!;
    }

    [GeneratedRegex(@"^[a-z]+-[a-z]+-[a-z]+-\d\d$")]
    private static partial Regex ReadablePassword();
}
