using System.Diagnostics;
using System.Globalization;
using System.Net;
using Kiosk.Broker;
using Kiosk.Contract.District;
using Kiosk.District.Cluster;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Kiosk.District.Local;

/// <summary>
/// A NATS JetStream cluster of our own for development and tests (<c>./kiosk.sh district</c>, District.Tests): Debian's
/// nats-server, one process per node on loopback ports, configured by <see cref="NatsClusterConfig"/> exactly as
/// <c>district setup</c> configures the real nodes (the same account, users and permissions), every file in a temp
/// folder. Each node runs under a shell watchdog that ends it when the owning process dies.
/// </summary>
public sealed class PrivateNatsCluster : IAsyncDisposable
{
    // Debian puts nats-server in /usr/sbin, which is not on a normal user's PATH.
    private static readonly string[] SystemFolders = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];
    private readonly PrivateNatsClusterOptions options;
    private readonly NatsClusterConfig config;
    private readonly Dictionary<string, NatsCredentials> sites;
    private readonly NodeProcess?[] processes;

    private PrivateNatsCluster(string folder, PrivateNatsClusterOptions options, NatsClusterConfig config, Dictionary<string, NatsCredentials> sites, NatsCredentials admin, NatsCredentials district)
    {
        Folder = folder;
        this.options = options;
        this.config = config;
        this.sites = sites;
        AdminCredentials = admin;
        DistrictCredentials = district;
        processes = new NodeProcess?[config.Nodes.Count];
        var scheme = options.Tls ? "tls" : "nats";
        ClientUrls = [.. config.Nodes.Select(n => $"{scheme}://127.0.0.1:{n.ClientPort.ToString(CultureInfo.InvariantCulture)}")];
    }

    public string Folder { get; }

    /// <summary>One URL per node, <c>nats://127.0.0.1:P</c> (or <c>tls://</c> with <see cref="PrivateNatsClusterOptions.Tls"/>).</summary>
    public IReadOnlyList<string> ClientUrls { get; }

    /// <summary>All nodes' URLs in one string, as NATS clients take them (<c>NatsOpts.Url</c>).</summary>
    public string Url => string.Join(',', ClientUrls);

    /// <summary>The private CA's certificate (PEM) that signed the nodes' client-port certificates; null without TLS.</summary>
    public string? CaFile => options.Tls ? Path.Combine(Folder, "ca.pem") : null;

    public NatsCredentials AdminCredentials { get; }

    /// <summary>The district service's user: reads the stream through its durable consumer, publishes nothing.</summary>
    public NatsCredentials DistrictCredentials { get; }

    public IReadOnlyList<NatsNodeAddress> Nodes => config.Nodes;

    /// <summary>Where nats-server is, or null when it is not installed.</summary>
    public static string? FindServer() =>
        SystemFolders.Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Select(folder => Path.Combine(folder, "nats-server"))
            .FirstOrDefault(File.Exists);

    public NatsCredentials SiteCredentials(string site) =>
        sites.TryGetValue(site, out var found)
            ? found
            : throw new ArgumentException($"No user for site '{site}'. Known: {string.Join(", ", sites.Keys)}.", nameof(site));

    public bool IsRunning(int node) => processes[node] is { Exited: false };

    public string LogPath(int node) => Path.Combine(NodeFolder(node), "nats.log");

    /// <summary>
    /// The settings of a district service reading this cluster (as its read-only user, with the cluster's CA) and the
    /// database <paramref name="connectionString"/>, in configuration-key form.
    /// </summary>
    public Dictionary<string, string?> DistrictServiceSettings(string connectionString)
    {
        const string section = Configuration.DistrictOptions.Section;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{section}:{nameof(Configuration.DistrictOptions.NatsUser)}"] = DistrictCredentials.User,
            [$"{section}:{nameof(Configuration.DistrictOptions.NatsPassword)}"] = DistrictCredentials.Password,
            [$"{section}:{nameof(Configuration.DistrictOptions.CaFile)}"] = CaFile,
            [$"{section}:{nameof(Configuration.DistrictOptions.Postgres)}"] = connectionString,
        };
        for (var i = 0; i < ClientUrls.Count; i++)
        {
            settings[string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{section}:{nameof(Configuration.DistrictOptions.NatsUrls)}:{i}")] = ClientUrls[i];
        }

        return settings;
    }

    public static async Task<PrivateNatsCluster> StartAsync(PrivateNatsClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PrivateNatsClusterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Nodes, 1);
        if (FindServer() is null)
        {
            throw new InvalidOperationException("nats-server is not installed (apt-get install nats-server, or ./kiosk.sh test, which does).");
        }

        var folder = Directory.CreateTempSubdirectory("knats-").FullName;
        var admin = new NatsCredentials(NatsClusterConfig.AdminUser, NatsClusterConfig.NewPassword());
        var district = new NatsCredentials(NatsClusterConfig.DistrictUser, NatsClusterConfig.NewPassword());
        var sites = options.Sites.Distinct(StringComparer.Ordinal).ToDictionary(s => s, s => new NatsCredentials(NatsClusterConfig.SiteUser(s), NatsClusterConfig.NewPassword()) { InboxPrefix = DistrictSubjects.SiteInbox(s) }, StringComparer.Ordinal);
        var users = new List<NatsClusterUser>
        {
            new(admin.User, NatsClusterConfig.HashPassword(admin.Password, options.PasswordWorkFactor), null),
            new(district.User, NatsClusterConfig.HashPassword(district.Password, options.PasswordWorkFactor), NatsClusterConfig.DistrictPermissions),
        };
        users.AddRange(sites.Select(s => new NatsClusterUser(s.Value.User, NatsClusterConfig.HashPassword(s.Value.Password, options.PasswordWorkFactor), NatsClusterConfig.SitePermissions(s.Key))));
        var config = new NatsClusterConfig
        {
            ClusterName = "kabupaten-uji",
            Nodes = [.. Enumerable.Range(0, options.Nodes).Select(i => new NatsNodeAddress($"n{i + 1}", "127.0.0.1", LoopbackPorts.Take(), LoopbackPorts.Take(), LoopbackPorts.Take()))],
            RoutePassword = NatsClusterConfig.NewPassword(),
            Users = users,
            ListenHost = "127.0.0.1",
            MaxFileStore = 1L << 30,
        };
        var cluster = new PrivateNatsCluster(folder, options, config, sites, admin, district);
        try
        {
            cluster.WriteFiles();
            for (var i = 0; i < options.Nodes; i++)
            {
                cluster.Launch(i);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.StartTimeout);
            for (var i = 0; i < options.Nodes; i++)
            {
                await cluster.WaitHealthyAsync(i, deadline.Token).ConfigureAwait(false);
            }

            await cluster.CreateStreamAsync(deadline.Token).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A client connection as <paramref name="credentials"/> to every node's URL (trusting the private CA when TLS).</summary>
    public NatsConnection Connect(NatsCredentials credentials, string? name = null, string? caFile = null) =>
        new(ClientOptions(credentials, name, caFile));

    /// <summary>The client options for <paramref name="credentials"/>; <paramref name="caFile"/> overrides <see cref="CaFile"/>.</summary>
    public NatsOpts ClientOptions(NatsCredentials credentials, string? name = null, string? caFile = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return NatsOpts.Default with
        {
            Url = Url,
            Name = name ?? credentials.User,
            AuthOpts = NatsAuthOpts.Default with { Username = credentials.User, Password = credentials.Password },
            InboxPrefix = credentials.InboxPrefix,
            ConnectTimeout = DistrictConnection.ConnectTimeout,
            TlsOpts = options.Tls ? new NatsTlsOpts { Mode = TlsMode.Require, CaFile = caFile ?? CaFile } : NatsTlsOpts.Default,
        };
    }

    /// <summary>
    /// How many messages node <paramref name="node"/> holds in its own replica of the stream (its monitoring
    /// endpoint, not the stream leader's answer): how a test sees a restarted node catch up.
    /// </summary>
    public async Task<ulong> StoredOnNodeAsync(int node, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = new Uri($"http://127.0.0.1:{config.Nodes[node].MonitorPort.ToString(CultureInfo.InvariantCulture)}/jsz?accounts=true&streams=true");
        using var document = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(url, cancellationToken).ConfigureAwait(false));
        if (!document.RootElement.TryGetProperty("account_details", out var accounts) || accounts.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return 0;
        }

        foreach (var account in accounts.EnumerateArray())
        {
            if (!account.TryGetProperty("stream_detail", out var streams) || streams.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                continue;
            }

            foreach (var stream in streams.EnumerateArray())
            {
                if (stream.GetProperty("name").GetString() == DistrictSubjects.StreamName)
                {
                    return stream.GetProperty("state").GetProperty("messages").GetUInt64();
                }
            }
        }

        return 0;
    }

    /// <summary>SIGKILL of node <paramref name="node"/>'s nats-server itself, as a power cut would; its store stays.</summary>
    public void Kill(int node)
    {
        if (processes[node] is not { } process)
        {
            return;
        }

        process.Kill();
        processes[node] = null;
    }

    /// <summary>Starts node <paramref name="node"/> again on the same ports and store, and waits until it is healthy.</summary>
    public async Task RestartAsync(int node, CancellationToken cancellationToken = default)
    {
        if (IsRunning(node))
        {
            throw new InvalidOperationException($"Node {node} is still running.");
        }

        processes[node]?.Dispose();
        Launch(node);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.StartTimeout);
        await WaitHealthyAsync(node, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>Clean stop of every node (SIGTERM: nats-server flushes its store and closes its connections).</summary>
    public async Task StopAsync()
    {
        var stopping = new List<Task>();
        for (var i = 0; i < processes.Length; i++)
        {
            if (processes[i] is { } process)
            {
                stopping.Add(process.StopAsync());
                processes[i] = null;
            }
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test run over it is not.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string NodeFolder(int node) => Path.Combine(Folder, config.Nodes[node].Name);

    private string ConfigPath(int node) => Path.Combine(NodeFolder(node), "nats.conf");

    private void WriteFiles()
    {
        using var ca = options.Tls ? PrivateCa.Create("Kabupaten uji CA") : null;
        ca?.Write(Path.Combine(Folder, "ca.pem"), Path.Combine(Folder, "ca-key.pem"));
        for (var i = 0; i < config.Nodes.Count; i++)
        {
            var folder = NodeFolder(i);
            Directory.CreateDirectory(Path.Combine(folder, "store"));
            NatsTlsFiles? tls = null;
            if (ca is not null)
            {
                tls = new NatsTlsFiles(Path.Combine(folder, "server.pem"), Path.Combine(folder, "server-key.pem"), Path.Combine(Folder, "ca.pem"));
                ca.IssueServerCertificate(config.Nodes[i].Name, [config.Nodes[i].Host], tls.CertFile, tls.KeyFile);
            }

            var path = ConfigPath(i);
            File.WriteAllText(path, config.Render(i, Path.Combine(folder, "store"), tls, LogPath(i)));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private void Launch(int node)
    {
        processes[node] = NodeProcess.Start(FindServer()!, ConfigPath(node));
    }

    private async Task WaitHealthyAsync(int node, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = new Uri($"http://127.0.0.1:{config.Nodes[node].MonitorPort.ToString(CultureInfo.InvariantCulture)}/healthz?js-enabled-only=true");
        while (true)
        {
            if (processes[node] is not { Exited: false })
            {
                throw new InvalidOperationException($"nats-server node {node} stopped while starting. Its log ({LogPath(node)}):\n{ReadLog(node)}");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"nats-server node {node} was not healthy within {options.StartTimeout.TotalSeconds:0} s. Its log:\n{ReadLog(node)}");
            }

            // Polled: the monitoring endpoint is the server's only readiness signal.
            try
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nats-server node {node} was not healthy within {options.StartTimeout.TotalSeconds:0} s. Its log:\n{ReadLog(node)}");
            }
        }
    }

    private async Task CreateStreamAsync(CancellationToken cancellationToken)
    {
        await using var connection = Connect(AdminCredentials, "private-cluster-setup");
        var jetStream = new NatsJSContext(connection);
        Exception? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await DistrictStream.CreateOrUpdateAsync(jetStream, config.Nodes.Count, options.Stream, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is NatsException && !cancellationToken.IsCancellationRequested)
            {
                // Until the nodes have elected JetStream's meta leader the API answers 503 (or not at all).
                last = ex;
            }

            try
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"The stream {DistrictSubjects.StreamName} could not be created within {options.StartTimeout.TotalSeconds:0} s: {last?.Message}");
    }

    private string ReadLog(int node) => File.Exists(LogPath(node)) ? File.ReadAllText(LogPath(node)) : "(nats-server wrote no log)";

    /// <summary>One nats-server under its /bin/sh watchdog.</summary>
    private sealed class NodeProcess : IDisposable
    {
        private readonly Process wrapper;
        private readonly int serverPid;

        private NodeProcess(Process wrapper, int serverPid)
        {
            this.wrapper = wrapper;
            this.serverPid = serverPid;
        }

        public bool Exited => wrapper.HasExited;

        public static NodeProcess Start(string server, string configPath)
        {
            var owner = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            // The wrapper prints the server's pid, then ends it (SIGTERM, a clean stop) when its standard input closes
            // (StopAsync) or when the owner disappears (a test host killed by a timeout): nothing outlives its owner.
            // A background job reads /dev/null unless handed the wrapper's input, hence fd 3.
            var script = "exec 3<&0; \"$1\" -c \"$2\" </dev/null >/dev/null 2>&1 & m=$!; echo $m; " +
                         "(cat <&3 >/dev/null; kill $m 2>/dev/null) & " +
                         "while kill -0 \"$3\" 2>/dev/null && kill -0 $m 2>/dev/null; do sleep 1 & wait $!; done; " +
                         "kill $m 2>/dev/null; wait $m";
            var start = new ProcessStartInfo("/bin/sh")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-c", script, "private-nats", server, configPath, owner })
            {
                start.ArgumentList.Add(argument);
            }

            var wrapper = Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh for nats-server.");
            var firstLine = wrapper.StandardOutput.ReadLine();
            if (!int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                wrapper.Kill(entireProcessTree: true);
                wrapper.Dispose();
                throw new InvalidOperationException($"The nats-server wrapper did not report the server's pid (got '{firstLine}').");
            }

            wrapper.ErrorDataReceived += (_, _) => { };
            wrapper.BeginErrorReadLine();
            return new NodeProcess(wrapper, pid);
        }

        /// <summary>SIGKILL to nats-server itself (not the wrapper), then the wrapper ends on its own.</summary>
        public void Kill()
        {
            try
            {
                using var server = Process.GetProcessById(serverPid);
                server.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
            catch (InvalidOperationException)
            {
            }

            CloseInput();
            wrapper.WaitForExit(TimeSpan.FromSeconds(10));
            Dispose();
        }

        public async Task StopAsync()
        {
            CloseInput();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await wrapper.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill();
                return;
            }

            Dispose();
        }

        public void Dispose() => wrapper.Dispose();

        private void CloseInput()
        {
            try
            {
                wrapper.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }
    }
}
