using System.Diagnostics;
using System.Text.Json;
using Kiosk.Package.Tests.Support;
using Kiosk.Vm.Tests.Support;
using Xunit.Abstractions;

namespace Kiosk.Vm.Tests;

/// <summary>
/// The puskesmas-district package on an amd64 Debian guest of its own (the VM image has Debian's nats-server and
/// postgresql, the package's Depends): installed with dpkg as a Dinkes technician would, nothing running until
/// district-setup has written a one-node cluster on loopback and prepared PostgreSQL; then the node and the service
/// run under systemd, the service answers its login page, both survive a restart, and the stream exists.
/// </summary>
public sealed class InstalledDistrictTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(6);
    private const string LoginPage = "http://127.0.0.1:8080/dinkes/masuk";
    private const string JetStreamMonitor = "http://127.0.0.1:8222/jsz?accounts=true&streams=true";

    /// <summary>
    /// The technician's steps on a one-node district (the guest's loopback, one Puskesmas): district-setup writes the
    /// cluster's files into a folder and prepares PostgreSQL; node n1's files go to /etc/puskesmas-district/nats
    /// (readable by the nats user), the service's settings file from the folder to /etc/puskesmas-district/district.env
    /// (root only), both units are enabled, and the admin creates the stream once the node answers (bounded retries:
    /// the node's unit returns before its client port is open).
    /// </summary>
    private const string Setup = """
        set -e
        district-setup --nodes 127.0.0.1 --sites pkm-kokop --out /root/klaster
        cd /root/klaster/nodes/n1
        install -m 0640 -o root -g nats nats.conf server-key.pem /etc/puskesmas-district/nats/
        install -m 0644 ca.pem server.pem /etc/puskesmas-district/nats/
        systemctl enable --now puskesmas-nats
        install -m 0600 /root/klaster/district.env /etc/puskesmas-district/district.env
        systemctl enable --now puskesmas-district
        for attempt in $(seq 1 30); do district-setup --create-stream --out /root/klaster && break; sleep 2; done
        """;

    [SkippableFact]
    public async Task The_installed_district_runs_under_systemd_after_district_setup_and_keeps_working_across_restarts()
    {
        var leftOut = VmTier.WhyLeftOut();
        Skip.If(leftOut is not null, leftOut);
        var (image, missing) = VmImage.Get();
        Skip.If(image is null, missing);
        await using var vm = VirtualMachine.Create(image);
        try
        {
            var clock = Stopwatch.StartNew();
            await vm.StartAsync(KioskGuest.BootTimeout);
            output.WriteLine($"boot to SSH {clock.Elapsed.TotalSeconds:0} s");

            await vm.CopyToAsync(Packages.DistrictDeb(), "/root/puskesmas-district_amd64.deb");
            clock.Restart();
            await vm.ShAsync("dpkg -i /root/puskesmas-district_amd64.deb", TimeSpan.FromMinutes(5));
            output.WriteLine($"dpkg -i {clock.Elapsed.TotalSeconds:0} s");

            // Installed, not started: no configuration yet, so neither unit runs and neither is enabled.
            Assert.Contains("puskesmas_district", await vm.ShAsync("id puskesmas_district"), StringComparison.Ordinal);
            Assert.Equal("inactive", await ShowAsync(vm, "puskesmas-district", "ActiveState"));
            Assert.Equal("inactive", await ShowAsync(vm, "puskesmas-nats", "ActiveState"));
            Assert.NotEqual("enabled", (await vm.TryShAsync("systemctl is-enabled puskesmas-district")).Output.Trim());
            Assert.Equal("750 nats:nats", (await vm.ShAsync("stat -c '%a %U:%G' /var/lib/puskesmas-district/nats")).Trim());

            clock.Restart();
            var setup = await vm.ShAsync(Setup, Wait);
            output.WriteLine($"district-setup and the node's files: {clock.Elapsed.TotalSeconds:0} s\n{setup}");
            await WaitActiveAsync(vm, "puskesmas-nats", Wait);
            await WaitActiveAsync(vm, "puskesmas-district", Wait);
            Assert.Equal("enabled", (await vm.ShAsync("systemctl is-enabled puskesmas-district puskesmas-nats")).Split('\n')[0].Trim());
            // The secrets district-setup wrote are root's alone.
            Assert.Equal("600 root:root", (await vm.ShAsync("stat -c '%a %U:%G' /etc/puskesmas-district/district.env")).Trim());
            // Debian's own lone nats-server (127.0.0.1:4222) is not running beside the node that needs its port.
            Assert.NotEqual("active", await ShowAsync(vm, "nats-server", "ActiveState"));

            var login = await WaitAnswerAsync(vm, LoginPage, Wait);
            Assert.Contains("<form", login, StringComparison.OrdinalIgnoreCase);
            output.WriteLine($"district-setup to login page answering {clock.Elapsed.TotalSeconds:0} s");

            // A restart of each unit: the service comes back with a new process and answers again; the node comes
            // back with its stream from the file store.
            var pid = await ShowAsync(vm, "puskesmas-district", "MainPID");
            clock.Restart();
            await vm.ShAsync("systemctl restart puskesmas-district", Wait);
            await WaitActiveAsync(vm, "puskesmas-district", Wait);
            Assert.NotEqual(pid, await ShowAsync(vm, "puskesmas-district", "MainPID"));
            Assert.Contains("<form", await WaitAnswerAsync(vm, LoginPage, Wait), StringComparison.OrdinalIgnoreCase);
            output.WriteLine($"service restart to login page answering {clock.Elapsed.TotalSeconds:0} s");

            clock.Restart();
            await vm.ShAsync("systemctl restart puskesmas-nats", Wait);
            await WaitActiveAsync(vm, "puskesmas-nats", Wait);
            Assert.Equal("active", await ShowAsync(vm, "puskesmas-district", "ActiveState"));
            Assert.Contains("<form", await WaitAnswerAsync(vm, LoginPage, Wait), StringComparison.OrdinalIgnoreCase);
            output.WriteLine($"node restart to login page answering {clock.Elapsed.TotalSeconds:0} s");

            // The stream (kept on file by the node across its restart) is there for the service's durable consumer.
            Assert.Contains("PUSKESMAS", await WaitStreamsAsync(vm, Wait));
        }
        catch (Exception ex) when (vm.IsRunning)
        {
            var journal = (await vm.TryShAsync("journalctl -b --no-pager -n 120 -u puskesmas-district -u puskesmas-nats -u postgresql@15-main", TimeSpan.FromMinutes(1))).Output;
            throw new InvalidOperationException($"{ex.Message}\nJournal:\n{journal}", ex);
        }
    }

    private static async Task<string> ShowAsync(VirtualMachine vm, string unit, string property) =>
        (await vm.ShAsync($"systemctl show -p {property} --value {unit}")).Trim();

    private static async Task WaitActiveAsync(VirtualMachine vm, string unit, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ShowAsync(vm, unit, "ActiveState") is var state && state != "active")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{unit} is '{state}' after {timeout.TotalSeconds:0} s:\n{await vm.ShAsync($"systemctl status --no-pager -n 40 {unit} || true")}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// An HTTP/1.0 GET inside the guest through bash's /dev/tcp (the image's python3-minimal has no http client), so
    /// the page is reached on the guest's own loopback; exit code 0 and the body when the answer was 200.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> GetAsync(VirtualMachine vm, string url)
    {
        var uri = new Uri(url);
        var (code, response) = await vm.TryShAsync(
            $"exec 3<>/dev/tcp/{uri.Host}/{uri.Port} && printf 'GET {uri.PathAndQuery} HTTP/1.0\\r\\nHost: {uri.Host}\\r\\n\\r\\n' >&3 && timeout 30 cat <&3",
            TimeSpan.FromMinutes(1));
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        // Kestrel answers an HTTP/1.0 request as HTTP/1.1, nats-server's monitor (Go) as HTTP/1.0.
        return code == 0 && split > 0 && (response.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal) || response.StartsWith("HTTP/1.0 200 ", StringComparison.Ordinal))
            ? (0, response[(split + 4)..])
            : (code == 0 ? 1 : code, response);
    }

    /// <summary>The body of <paramref name="url"/> once it answers 200; the service needs a while to start under TCG.</summary>
    private static async Task<string> WaitAnswerAsync(VirtualMachine vm, string url, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var (code, body) = await GetAsync(vm, url);
            if (code == 0)
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not answer within {timeout.TotalSeconds:0} s: {body}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>The names of the streams nats-server's monitoring port (loopback only) reports.</summary>
    private static async Task<IReadOnlyList<string>> StreamsAsync(VirtualMachine vm)
    {
        var (code, body) = await GetAsync(vm, JetStreamMonitor);
        if (code != 0)
        {
            return [];
        }

        using var json = JsonDocument.Parse(body);
        if (!json.RootElement.TryGetProperty("account_details", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. accounts.EnumerateArray()
            .Where(a => a.TryGetProperty("stream_detail", out var s) && s.ValueKind == JsonValueKind.Array)
            .SelectMany(a => a.GetProperty("stream_detail").EnumerateArray())
            .Select(s => s.GetProperty("name").GetString() ?? "")];
    }

    private static async Task<IReadOnlyList<string>> WaitStreamsAsync(VirtualMachine vm, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await StreamsAsync(vm) is var streams && !streams.Contains("PUSKESMAS"))
        {
            if (DateTime.UtcNow > deadline)
            {
                return streams;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return ["PUSKESMAS"];
    }
}
