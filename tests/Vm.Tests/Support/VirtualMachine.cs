using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Kiosk.Broker;
using Kiosk.Package.Tests.Support;

namespace Kiosk.Vm.Tests.Support;

/// <summary>
/// One guest: the cached image behind a qcow2 overlay of its own (the image itself is never written), booted by
/// qemu-system-x86_64 under TCG (nested KVM does not work on the machines this runs on), with the guest's SSH and
/// Mosquitto ports forwarded to loopback, the serial console saved to console.log and the second serial port
/// (what the guest's printer mechanism received) to printer.bin, both files on this side that a power cut in the
/// guest cannot lose.
/// </summary>
internal sealed class VirtualMachine : IAsyncDisposable
{
    private Process? qemu;

    private VirtualMachine(VmImage image, string folder)
    {
        Image = image;
        Folder = folder;
    }

    public VmImage Image { get; }

    public string Folder { get; }

    public string Overlay => Path.Combine(Folder, "overlay.qcow2");

    public string ConsoleLog => Path.Combine(Folder, "console.log");

    public string PrinterLog => Path.Combine(Folder, "printer.bin");

    public int SshPort { get; private set; }

    public int MqttPort { get; private set; }

    public bool IsRunning => qemu is { HasExited: false };

    /// <summary>A new overlay on the image; <see cref="StartAsync"/> boots it.</summary>
    public static VirtualMachine Create(VmImage image)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-vm-").FullName;
        var vm = new VirtualMachine(image, folder);
        Packages.Run("qemu-img", ["create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", image.Disk, vm.Overlay], TimeSpan.FromMinutes(1));
        return vm;
    }

    /// <summary>Boots the guest (or, with <paramref name="loadSnapshot"/>, resumes a saved one) and waits for its SSH.</summary>
    public async Task StartAsync(TimeSpan timeout, string? loadSnapshot = null, bool waitForSsh = true)
    {
        // The forwarded ports come from the one picker, which holds them for this process; a port another program took
        // meanwhile shows as qemu's own error and a new pair.
        for (var attempt = 1; ; attempt++)
        {
            SshPort = LoopbackPorts.Take();
            MqttPort = LoopbackPorts.Take();
            var start = new ProcessStartInfo("qemu-system-x86_64") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in Arguments(loadSnapshot))
            {
                start.ArgumentList.Add(argument);
            }

            qemu = Process.Start(start)!;
            if (await MonitorAnswersAsync(TimeSpan.FromMinutes(1)))
            {
                break;
            }

            var error = await qemu.StandardError.ReadToEndAsync();
            if (attempt >= 3 || !error.Contains("hostfwd", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"qemu exited at start ({qemu.ExitCode}): {error}");
            }
        }

        if (waitForSsh)
        {
            await WaitForSshAsync(timeout);
        }
    }

    /// <summary>Runs a shell command in the guest as root; throws with its output when it fails.</summary>
    public async Task<string> ShAsync(string command, TimeSpan? timeout = null)
    {
        var (code, output) = await TryShAsync(command, timeout);
        return code == 0 ? output : throw new InvalidOperationException($"guest command failed ({code}): {command}\n{output}");
    }

    public async Task<(int ExitCode, string Output)> TryShAsync(string command, TimeSpan? timeout = null)
    {
        var start = Ssh("ssh");
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(SshPort.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("root@127.0.0.1");
        start.ArgumentList.Add(command);
        return await RunAsync(start, timeout ?? TimeSpan.FromMinutes(3));
    }

    public async Task CopyToAsync(string localPath, string guestPath)
    {
        var start = Ssh("scp");
        start.ArgumentList.Add("-P");
        start.ArgumentList.Add(SshPort.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(localPath);
        start.ArgumentList.Add($"root@127.0.0.1:{guestPath}");
        var (code, output) = await RunAsync(start, TimeSpan.FromMinutes(5));
        if (code != 0)
        {
            throw new InvalidOperationException($"scp {localPath} failed ({code}): {output}");
        }
    }

    /// <summary>A command to qemu's monitor (savevm, info snapshots, ...); returns what it printed.</summary>
    public async Task<string> MonitorAsync(string command, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Path.Combine(Folder, "monitor.sock")));
        using var stream = new NetworkStream(socket);
        using var cancel = new CancellationTokenSource(timeout);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        async Task ReadUntilPromptAsync()
        {
            while (!received.ToString().EndsWith("(qemu) ", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, cancel.Token);
                if (n == 0)
                {
                    throw new IOException("qemu monitor closed");
                }

                received.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }

        await ReadUntilPromptAsync();
        received.Clear();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\n"), cancel.Token);
        await ReadUntilPromptAsync();
        return received.ToString();
    }

    /// <summary>The power cut: qemu is SIGKILLed, the guest's RAM (page cache, unsynced writes) is gone with it.</summary>
    public async Task PowerCutAsync()
    {
        if (qemu is { HasExited: false } running)
        {
            running.Kill();
            await running.WaitForExitAsync();
        }
    }

    /// <summary>The tail of the guest's serial console, for failure messages.</summary>
    public string ConsoleTail(int lines = 60)
    {
        try
        {
            var text = File.ReadAllText(ConsoleLog, Encoding.Latin1).Split('\n');
            return string.Join('\n', text.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"(no console log: {ex.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await PowerCutAsync();
        qemu?.Dispose();
        if (Environment.GetEnvironmentVariable("KIOSK_VM_KEEP") != "1")
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private List<string> Arguments(string? loadSnapshot)
    {
        // no_timer_check: under TCG on a loaded host the kernel's early IO-APIC timer check can miss its ticks and
        // panic ("IO-APIC + timer doesn't work!", seen here); the emulated timer works, it is only late.
        var arguments = new List<string>
        {
            "-accel", "tcg", "-smp", "2", "-m", "1024", "-nodefaults", "-no-user-config", "-display", "none",
            "-kernel", Image.Kernel, "-initrd", Image.Initrd,
            "-append", "root=/dev/vda rw console=ttyS0 net.ifnames=0 quiet systemd.show_status=0 panic=-1 tsc=reliable no_timer_check",
            "-drive", $"file={Overlay},if=virtio,format=qcow2,cache=writeback",
            "-nic", $"user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:{SshPort}-:22,hostfwd=tcp:127.0.0.1:{MqttPort}-:1883",
            "-serial", $"file:{ConsoleLog}", "-serial", $"file:{PrinterLog}",
            "-monitor", $"unix:{Path.Combine(Folder, "monitor.sock")},server,nowait",
            "-no-reboot",
        };
        if (loadSnapshot is not null)
        {
            arguments.Add("-loadvm");
            arguments.Add(loadSnapshot);
        }

        return arguments;
    }

    /// <summary>
    /// True once qemu's monitor answers: its main loop runs only after every device and port forward is set up.
    /// False when qemu exited first (a port taken, a bad argument: its stderr says which).
    /// </summary>
    private async Task<bool> MonitorAnswersAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (qemu is { HasExited: false })
        {
            try
            {
                await MonitorAsync("info status", TimeSpan.FromSeconds(10));
                return true;
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"qemu's monitor did not answer within {timeout.TotalSeconds:0} s: {ex.Message}");
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return false;
    }

    private async Task WaitForSshAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (qemu is null || qemu.HasExited)
            {
                throw new InvalidOperationException($"qemu exited while booting. Console:\n{ConsoleTail()}");
            }

            var (code, _) = await TryShAsync("true", TimeSpan.FromSeconds(30));
            if (code == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The guest's SSH did not answer within {timeout.TotalSeconds:0} s. Console:\n{ConsoleTail()}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    // ConnectTimeout also bounds the banner exchange: 10 s was too short for a TCG guest on a loaded host (seen:
    // "Connection timed out during banner exchange" while the guest still ran).
    private ProcessStartInfo Ssh(string program)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-i", Image.SshKey, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "ConnectTimeout=45", "-o", "ServerAliveInterval=10", "-o", "ServerAliveCountMax=6" })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task<(int, string)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout.TotalSeconds:0} s\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
