using System.Text.RegularExpressions;
using Kiosk.Package.Tests.Support;
using Kiosk.Vm.Tests.Support;
using Xunit.Abstractions;

namespace Kiosk.Vm.Tests;

/// <summary>One booted guest with the package installed, shared by the tests of this class.</summary>
public sealed class GuestFixture : IAsyncLifetime
{
    internal KioskGuest? Guest { get; private set; }

    internal string? Missing { get; private set; }

    public async Task InitializeAsync()
    {
        Missing = VmTier.WhyLeftOut();
        if (Missing is not null)
        {
            return;
        }

        (Guest, Missing) = await KioskGuest.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Guest is not null)
        {
            await Guest.DisposeAsync();
        }
    }
}

/// <summary>
/// The amd64 package on a virtual Pi: Debian bookworm, Debian's kernel, real systemd, Mosquitto from Debian, a USB
/// printer (usblp) and a USB keyboard scanner (usbhid/evdev) made of configfs gadgets on dummy_hcd.
/// </summary>
public sealed partial class InstalledKioskTests(GuestFixture fixture, ITestOutputHelper output) : IClassFixture<GuestFixture>
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
        Assert.Contains("utuh", await guest.Vm.ShAsync("sudo -u kiosk /opt/kiosk/Kiosk.Device doctor --config /etc/kiosk/appsettings.json 2>&1 || true"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_scan_on_the_usb_scanner_prints_on_usblp_and_its_event_reaches_this_side()
    {
        var guest = Guest();
        await using var events = await GuestSubscriber.StartAsync(guest.Vm.MqttPort, "display", await guest.PasswordAsync("display"), "queue/pkm-kokop/events", Wait);
        var printedBefore = await guest.PrintedLengthAsync();

        await guest.Vm.ShAsync("kiosk-vm-type 0001234567890");

        var number = await events.WaitIssuedAsync(0, Wait);
        Assert.StartsWith("B-", number, StringComparison.Ordinal);
        await guest.WaitPrintedAsync(printedBefore, number, Wait);
    }

    [SkippableFact]
    public async Task A_press_on_a_gpio_sim_line_prints_a_ticket_through_the_real_gpio_path()
    {
        var guest = Guest();
        var (code, chip) = await guest.Vm.TryShAsync("kiosk-vm-gpio up");
        Skip.If(code == 3, chip.Trim());
        Assert.True(code == 0, $"kiosk-vm-gpio up failed ({code}): {chip}");
        var (name, sysfs) = (chip.Split(' ')[0], chip.Split(' ')[1].Trim());

        // The real GPIO path for this test only: a drop-in named to sort after vm-tcg.conf (which sets simulated
        // buttons), so its Environment= lines win; every button and the lamps on the gpio-sim chip.
        var environment = string.Join(' ', new[] { "Kiosk__Hardware__Kind=gpio", $"Kiosk__Hardware__Chip={name}" }
            .Concat(Enumerable.Range(0, 5).Select(i => $"Kiosk__Buttons__{i}__Chip={name}")));
        await guest.Vm.ShAsync($"printf '[Service]\\nEnvironment={environment}\\n' > /etc/systemd/system/kiosk.service.d/zz-gpio-sim.conf && systemctl daemon-reload && systemctl restart kiosk", KioskGuest.ReadyTimeout);
        try
        {
            await guest.WaitActiveAsync("kiosk", KioskGuest.ReadyTimeout);
            await using var events = await GuestSubscriber.StartAsync(guest.Vm.MqttPort, "display", await guest.PasswordAsync("display"), "queue/pkm-kokop/events", Wait);
            var printedBefore = await guest.PrintedLengthAsync();

            // Line 17 is the "Pasien Umum" button (appsettings.json): active low with a pull-up, so a press pulls it down.
            await guest.Vm.ShAsync($"echo pull-down > {sysfs}/sim_gpio17/pull");
            var number = await events.WaitIssuedAsync(0, Wait);
            await guest.Vm.ShAsync($"echo pull-up > {sysfs}/sim_gpio17/pull");

            Assert.StartsWith("A-", number, StringComparison.Ordinal);
            await guest.WaitPrintedAsync(printedBefore, number, Wait);
        }
        finally
        {
            await guest.Vm.ShAsync("rm -f /etc/systemd/system/kiosk.service.d/zz-gpio-sim.conf && systemctl daemon-reload && systemctl restart kiosk", KioskGuest.ReadyTimeout);
            await guest.WaitActiveAsync("kiosk", KioskGuest.ReadyTimeout);
            await guest.Vm.ShAsync("kiosk-vm-gpio down");
        }
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
        var before = await events.WaitIssuedAsync(0, Wait);
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
        var after = await events.WaitIssuedAsync(count, Wait);
        Assert.Equal(NumberPart(before) + 1, NumberPart(after));
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
