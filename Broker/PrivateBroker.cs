using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Kiosk.Contract.Topics;
using Kiosk.Broker.Text;

namespace Kiosk.Broker;

/// <summary>
/// A Mosquitto of our own on a loopback port, with one user per role and the site ACL, for development and tests.
/// It never touches a system-wide Mosquitto: its config, passwords, persistence and log live in its own folder,
/// and a shell watchdog ends it within a second if the owning process dies without stopping it.
/// </summary>
public sealed class PrivateBroker : IAsyncDisposable
{
    private const int MaxPortAttempts = 3;
    private readonly PrivateBrokerOptions options;
    private readonly bool ownsWorkDirectory;
    private readonly Dictionary<string, BrokerCredentials> credentials = new(StringComparer.Ordinal);
    private Process? wrapper;
    private int mosquittoPid;

    private PrivateBroker(PrivateBrokerOptions options)
    {
        this.options = options;
        ownsWorkDirectory = options.WorkDirectory is null;
        WorkDirectory = options.WorkDirectory ?? Directory.CreateTempSubdirectory("kiosk-broker-").FullName;
        Directory.CreateDirectory(WorkDirectory);
        Port = options.Port;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; private set; }

    public string Site => options.Site;

    public int CounterCount => options.CounterCount;

    public string WorkDirectory { get; }

    public string LogPath => Path.Combine(WorkDirectory, "mosquitto.log");

    public string ConfigPath => Path.Combine(WorkDirectory, "mosquitto.conf");

    public string AclPath => Path.Combine(WorkDirectory, "acl");

    public bool IsRunning => wrapper is { HasExited: false };

    public IReadOnlyDictionary<string, BrokerCredentials> Credentials => credentials;

    public BrokerCredentials For(string role) =>
        credentials.TryGetValue(role, out var found)
            ? found
            : throw new ArgumentException($"No broker user '{role}'. Known: {string.Join(", ", credentials.Keys)}.", nameof(role));

    public static async Task<PrivateBroker> StartAsync(PrivateBrokerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PrivateBrokerOptions();
        BrokerAcl.ValidateSite(options.Site);
        var broker = new PrivateBroker(options);
        try
        {
            await broker.WriteUsersAndAclAsync(cancellationToken);
            await broker.StartProcessAsync(cancellationToken);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the broker again on the same port with the same persistence (after <see cref="StopAsync"/> or <see cref="Kill"/>).</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The broker is still running.");
        }

        return StartProcessAsync(cancellationToken);
    }

    /// <summary>Clean stop: SIGTERM, Mosquitto saves its persistence file and closes every connection.</summary>
    public async Task StopAsync()
    {
        if (wrapper is null)
        {
            return;
        }

        if (!wrapper.HasExited)
        {
            NativeSignals.Send(mosquittoPid, NativeSignals.SigTerm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await wrapper.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                NativeSignals.Send(mosquittoPid, NativeSignals.SigKill);
                wrapper.Kill(entireProcessTree: true);
                await wrapper.WaitForExitAsync(CancellationToken.None);
            }
        }

        wrapper.Dispose();
        wrapper = null;
    }

    /// <summary>Crash stop: SIGKILL, as a power cut would. Sockets reset, nothing is saved.</summary>
    public async Task KillAsync()
    {
        if (wrapper is null)
        {
            return;
        }

        NativeSignals.Send(mosquittoPid, NativeSignals.SigKill);
        await wrapper.WaitForExitAsync(CancellationToken.None);
        wrapper.Dispose();
        wrapper = null;
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(Mosquitto wrote no log)";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (ownsWorkDirectory)
        {
            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; failing a test run over it is not.
            }
        }
    }

    private async Task WriteUsersAndAclAsync(CancellationToken cancellationToken)
    {
        var plain = new StringBuilder();
        foreach (var role in BrokerRoles.All(options.CounterCount))
        {
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
            credentials[role] = new BrokerCredentials(role, password);
            plain.Append(role).Append(':').Append(password).Append('\n');
        }

        var passwordPath = Path.Combine(WorkDirectory, "passwd");
        await File.WriteAllTextAsync(passwordPath, plain.ToString(), cancellationToken);
        File.SetUnixFileMode(passwordPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // mosquitto_passwd -U hashes a plain "user:password" file in place: one process for every role.
        var (exitCode, output) = await RunToolAsync(FindTool("mosquitto_passwd"), ["-U", passwordPath], cancellationToken);
        if (exitCode != 0)
        {
            throw new BrokerStartException($"mosquitto_passwd -U failed with exit code {exitCode}: {output}");
        }

        await File.WriteAllTextAsync(AclPath, BrokerAcl.Generate(options.Site, options.CounterCount), cancellationToken);
        Directory.CreateDirectory(Path.Combine(WorkDirectory, "data"));
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var pickPort = options.Port == 0 && Port == 0;
        for (var attempt = 1; ; attempt++)
        {
            if (pickPort)
            {
                Port = LoopbackPorts.Take();
            }

            await File.WriteAllTextAsync(ConfigPath, BuildConfig(), cancellationToken);
            if (File.Exists(LogPath))
            {
                File.Delete(LogPath);
            }

            LaunchWrapper();
            try
            {
                await WaitUntilAcceptingAsync(cancellationToken);
                return;
            }
            catch (BrokerStartException) when (pickPort && attempt < MaxPortAttempts && ReadLog().Contains("Address already in use", StringComparison.Ordinal))
            {
                // Something outside the picker took the port between its check and Mosquitto's bind: pick another.
                await KillAsync();
            }
        }
    }

    private string BuildConfig()
    {
        var data = Path.Combine(WorkDirectory, "data") + Path.DirectorySeparatorChar;
        var lines = new List<string>
        {
            "# Private broker for development and tests; generated, do not edit.",
            "per_listener_settings false",
            "allow_anonymous false",
            $"password_file {Path.Combine(WorkDirectory, "passwd")}",
            $"acl_file {AclPath}",
            "persistence true",
            $"persistence_location {data}",
            "autosave_interval 1",
            $"log_dest file {LogPath}",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "connection_messages true",
            "log_timestamp_format %Y-%m-%dT%H:%M:%S",
            $"user {Environment.UserName}",
            $"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
        };
        lines.AddRange(BrokerLimits.ConfigLines);
        lines.AddRange(BrokerClientIds.ConfigLines(ClientIdPlugin()));
        lines.AddRange(options.ExtraConfigLines);
        return string.Join('\n', lines) + "\n";
    }

    private static string ClientIdPlugin()
    {
        var plugin = BrokerClientIds.LocalPluginPath;
        return File.Exists(plugin)
            ? plugin
            : throw new BrokerStartException(BrokerTeks.ClientIdPluginMissing(plugin));
    }

    private void LaunchWrapper()
    {
        var mosquitto = FindTool("mosquitto");
        var owner = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

        // The wrapper prints Mosquitto's pid, then ends it if the owner disappears (a test host killed by a timeout, Ctrl+\),
        // and then removes the broker's temporary folder, which the owner can no longer do (SIGKILL runs no cleanup).
        var script = "\"$1\" -c \"$2\" & m=$!; echo $m; " +
                     "trap 'kill $m 2>/dev/null; wait $m; exit 0' TERM INT; " +
                     "while kill -0 \"$3\" 2>/dev/null && kill -0 $m 2>/dev/null; do sleep 1 & wait $!; done; " +
                     "kill $m 2>/dev/null; wait $m; " +
                     "if [ -n \"$4\" ] && ! kill -0 \"$3\" 2>/dev/null; then rm -rf -- \"$4\"; fi";
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", script, "private-broker", mosquitto, ConfigPath, owner, ownsWorkDirectory ? WorkDirectory : string.Empty })
        {
            start.ArgumentList.Add(argument);
        }

        wrapper = Process.Start(start) ?? throw new BrokerStartException("Could not start /bin/sh for the broker.");
        var firstLine = wrapper.StandardOutput.ReadLine();
        if (!int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out mosquittoPid))
        {
            throw new BrokerStartException($"The broker wrapper did not report Mosquitto's pid (got '{firstLine}').");
        }
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var kiosk = For(BrokerRoles.Kiosk);
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < options.StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (wrapper is null || wrapper.HasExited || !NativeSignals.Send(mosquittoPid, 0))
            {
                throw new BrokerStartException($"Mosquitto exited during start-up on port {Port}. Its log ({LogPath}):\n{ReadLog()}");
            }

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                var code = await MqttConnectProbe.ConnectAsync(Host, Port, ClientIds.KioskTool("broker-probe", Environment.ProcessId), kiosk.Username, kiosk.Password, attempt.Token);
                if (code == 0)
                {
                    return;
                }

                throw new BrokerStartException($"Mosquitto refused the kiosk user (CONNACK {code}). Its log:\n{ReadLog()}");
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = ex;
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new BrokerStartException($"Mosquitto did not accept an MQTT connection on 127.0.0.1:{Port} within {options.StartTimeout.TotalSeconds:0} s (last error: {last?.Message}). Its log ({LogPath}):\n{ReadLog()}");
    }

    /// <summary>Mosquitto lives in /usr/sbin on Debian, which is not on a normal user's PATH.</summary>
    public static string FindTool(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new BrokerStartException($"'{name}' is not installed. Install it with: sudo apt-get install mosquitto mosquitto-clients (or run ./kiosk.sh test, which does).");
    }

    private static async Task<(int ExitCode, string Output)> RunToolAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new BrokerStartException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
