using System.Globalization;
using System.Text;
using Kiosk.Contract.District;
using Kiosk.District.Text;

namespace Kiosk.District.Cluster;

/// <summary>
/// <c>district setup</c>: writes everything the district's NATS cluster needs, for the technician to copy to the nodes
/// and the sites — per node its nats.conf, server certificate and key (from a private CA made here); per site the
/// district link's credentials file and the <c>kiosk-setup --district</c> line to run on its kiosk; the admin's and
/// the district service's credentials. <c>--add-site</c> adds one site user to existing configs (nats-server then
/// reloads them on SIGHUP without dropping a connection). Passwords are random; the configs hold only bcrypt hashes.
/// </summary>
public static class SetupCommand
{
    public const int BadArguments = 64;

    /// <summary>Where a node keeps its config, certificate and key (the paths its nats.conf names).</summary>
    public const string NodeConfigFolder = "/etc/puskesmas-district/nats";

    /// <summary>Where a node keeps JetStream's store.</summary>
    public const string NodeStoreFolder = "/var/lib/puskesmas-district/nats";

    /// <summary>Where the kiosk keeps the district CA (the site's copy of ca.pem).</summary>
    public const string SiteCaFile = "/etc/kiosk/district-ca.pem";

    /// <summary>The database district-setup makes, reached over the local socket as the service's own system user.</summary>
    public const string ServiceDatabase = "Host=/var/run/postgresql;Username=puskesmas_district;Database=puskesmas_district";

    public const int ClientPort = 4222;
    public const int ClusterPort = 6222;
    public const int MonitorPort = 8222;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args switch
        {
            ["--create-stream", "--out", var folder] => await CreateStreamAsync(folder, Console.Out, Console.Error).ConfigureAwait(false),
            ["--out", var folder, "--create-stream"] => await CreateStreamAsync(folder, Console.Out, Console.Error).ConfigureAwait(false),
            _ => Run(args, Console.Out, Console.Error),
        };
    }

    /// <summary>
    /// <c>setup --create-stream --out DIR</c>, once the nodes run: the admin (DIR/admin.env) creates the stream, or
    /// brings it to the retention chosen at setup. Safe to run again.
    /// </summary>
    public static async Task<int> CreateStreamAsync(string outFolder, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var folder = Path.GetFullPath(outFolder);
        if (ClusterSetupState.Load(folder) is not { } state)
        {
            error.WriteLine(SetupTeks.NotSetUp(folder));
            return BadArguments;
        }

        var admin = File.ReadAllLines(Path.Combine(folder, "admin.env"))
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var options = NATS.Client.Core.NatsOpts.Default with
        {
            Url = Urls(state),
            Name = "district-setup",
            ConnectTimeout = DistrictConnection.ConnectTimeout,
            AuthOpts = NATS.Client.Core.NatsAuthOpts.Default with { Username = admin.GetValueOrDefault("NATS_USER"), Password = admin.GetValueOrDefault("NATS_PASSWORD") },
            TlsOpts = new NATS.Client.Core.NatsTlsOpts { Mode = NATS.Client.Core.TlsMode.Require, CaFile = Path.Combine(folder, "ca.pem") },
            MaxReconnectRetry = 0,
        };
        try
        {
            await using var connection = new NATS.Client.Core.NatsConnection(options);
            var info = await DistrictStream.CreateOrUpdateAsync(new NATS.Client.JetStream.NatsJSContext(connection), state.Nodes.Count, new DistrictStreamOptions { RetentionDays = state.RetentionDays }, cancellationToken).ConfigureAwait(false);
            output.WriteLine(SetupTeks.StreamReady(info.Config.Name ?? DistrictSubjects.StreamName, info.Config.NumReplicas, state.RetentionDays));
            return 0;
        }
        catch (NATS.Client.Core.NatsException ex)
        {
            error.WriteLine(DistrictStream.IsQuorumLost(ex) ? SetupTeks.StreamQuorumLost : SetupTeks.StreamUnreachable(ex.Message));
            return 69;
        }
    }

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var request, out var problem))
        {
            error.WriteLine(problem);
            return BadArguments;
        }

        try
        {
            return request.AddSite is { } site ? AddSite(request.Out, site, output, error) : Create(request, output, error);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            error.WriteLine(SetupTeks.Failed(ex.Message));
            return 1;
        }
    }

    private static int Create(SetupRequest request, TextWriter output, TextWriter error)
    {
        var folder = Path.GetFullPath(request.Out);
        if (ClusterSetupState.Load(folder) is not null)
        {
            error.WriteLine(SetupTeks.AlreadySetUp(folder));
            return BadArguments;
        }

        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var nodes = request.Nodes.Select((host, i) => new NatsNodeAddress($"n{(i + 1).ToString(CultureInfo.InvariantCulture)}", host, ClientPort, ClusterPort, MonitorPort)).ToList();
        var admin = new NatsCredentials(NatsClusterConfig.AdminUser, NatsClusterConfig.NewPassword());
        var district = new NatsCredentials(NatsClusterConfig.DistrictUser, NatsClusterConfig.NewPassword());
        var users = new List<NatsClusterUser>
        {
            new(admin.User, NatsClusterConfig.HashPassword(admin.Password), null),
            new(district.User, NatsClusterConfig.HashPassword(district.Password), NatsClusterConfig.DistrictPermissions),
        };
        var sitePasswords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var site in request.Sites)
        {
            sitePasswords[site] = NatsClusterConfig.NewPassword();
            users.Add(new NatsClusterUser(NatsClusterConfig.SiteUser(site), NatsClusterConfig.HashPassword(sitePasswords[site]), NatsClusterConfig.SitePermissions(site)));
        }

        var state = new ClusterSetupState
        {
            Nodes = nodes,
            RoutePassword = NatsClusterConfig.NewPassword(),
            Users = users,
            Sites = request.Sites,
            RetentionDays = request.RetentionDays,
        };
        using (var ca = PrivateCa.Create("Dinas Kesehatan NATS CA"))
        {
            ca.Write(Path.Combine(folder, "ca.pem"), Path.Combine(folder, "ca-key.pem"));
            foreach (var node in nodes)
            {
                var nodeFolder = Directory.CreateDirectory(Path.Combine(folder, "nodes", node.Name)).FullName;
                ca.IssueServerCertificate(node.Name, [node.Host], Path.Combine(nodeFolder, "server.pem"), Path.Combine(nodeFolder, "server-key.pem"));
                File.Copy(Path.Combine(folder, "ca.pem"), Path.Combine(nodeFolder, "ca.pem"), overwrite: true);
            }
        }

        WriteNodeConfigs(folder, state);
        Directory.CreateDirectory(Path.Combine(folder, "sites"));
        SetupFiles.WriteSecret(Path.Combine(folder, "admin.env"), CredentialsFile(admin, state));
        SetupFiles.WriteSecret(Path.Combine(folder, "district.env"), ServiceFile(district, state));
        state.Save(folder);
        output.WriteLine(SetupTeks.Written(folder));
        foreach (var node in nodes)
        {
            output.WriteLine(SetupTeks.CopyNode(node.Name, node.Host, Path.Combine(folder, "nodes", node.Name)));
        }

        foreach (var site in request.Sites)
        {
            WriteSite(folder, state, site, sitePasswords[site], output);
        }

        return 0;
    }

    private static int AddSite(string outFolder, string site, TextWriter output, TextWriter error)
    {
        var folder = Path.GetFullPath(outFolder);
        var state = ClusterSetupState.Load(folder);
        if (state is null)
        {
            error.WriteLine(SetupTeks.NotSetUp(folder));
            return BadArguments;
        }

        if (state.Sites.Contains(site, StringComparer.Ordinal))
        {
            error.WriteLine(SetupTeks.SiteExists(site));
            return BadArguments;
        }

        var password = NatsClusterConfig.NewPassword();
        state = state with
        {
            Sites = [.. state.Sites, site],
            Users = [.. state.Users, new NatsClusterUser(NatsClusterConfig.SiteUser(site), NatsClusterConfig.HashPassword(password), NatsClusterConfig.SitePermissions(site))],
        };
        WriteNodeConfigs(folder, state);
        state.Save(folder);
        WriteSite(folder, state, site, password, output);
        output.WriteLine(SetupTeks.Reload(folder));
        return 0;
    }

    private static void WriteNodeConfigs(string folder, ClusterSetupState state)
    {
        var config = new NatsClusterConfig
        {
            ClusterName = "kabupaten",
            Nodes = state.Nodes,
            RoutePassword = state.RoutePassword,
            Users = state.Users,
        };
        var tls = new NatsTlsFiles($"{NodeConfigFolder}/server.pem", $"{NodeConfigFolder}/server-key.pem", $"{NodeConfigFolder}/ca.pem");
        for (var i = 0; i < state.Nodes.Count; i++)
        {
            var nodeFolder = Directory.CreateDirectory(Path.Combine(folder, "nodes", state.Nodes[i].Name)).FullName;
            SetupFiles.WriteSecret(Path.Combine(nodeFolder, "nats.conf"), config.Render(i, NodeStoreFolder, tls));
        }
    }

    private static void WriteSite(string folder, ClusterSetupState state, string site, string password, TextWriter output)
    {
        var envFile = Path.Combine(folder, "sites", $"{site}.env");
        var urls = Urls(state);
        // The district link's own settings file (/etc/kiosk/district.env on the kiosk), environment-variable form.
        SetupFiles.WriteSecret(envFile, new StringBuilder()
            .Append("DistrictLink__Site=").Append(site).Append('\n')
            .Append("DistrictLink__Nats__Urls=").Append(urls).Append('\n')
            .Append("DistrictLink__Nats__User=").Append(NatsClusterConfig.SiteUser(site)).Append('\n')
            .Append("DistrictLink__Nats__Password=").Append(password).Append('\n')
            .Append("DistrictLink__Nats__CaFile=").Append(SiteCaFile).Append('\n')
            .ToString());
        // kiosk-setup reads the password from a file of its own, so it never stands on a command line.
        var passwordFile = Path.Combine(folder, "sites", $"{site}.password");
        SetupFiles.WriteSecret(passwordFile, password + "\n");
        output.WriteLine(SetupTeks.Site(site, envFile, Path.Combine(folder, "ca.pem")));
        output.WriteLine($"  kiosk-setup --district {urls} --district-user {NatsClusterConfig.SiteUser(site)} --district-password-file {site}.password --district-ca ca.pem");
    }

    private static string Urls(ClusterSetupState state) =>
        string.Join(',', state.Nodes.Select(n => $"tls://{n.Host}:{n.ClientPort.ToString(CultureInfo.InvariantCulture)}"));

    private static string CredentialsFile(NatsCredentials credentials, ClusterSetupState state) =>
        $"NATS_URLS={Urls(state)}\nNATS_USER={credentials.User}\nNATS_PASSWORD={credentials.Password}\nNATS_CA_FILE={NodeConfigFolder}/ca.pem\nSTREAM_RETENTION_DAYS={state.RetentionDays.ToString(CultureInfo.InvariantCulture)}\n";

    /// <summary>
    /// The district service's own settings file (/etc/puskesmas-district/district.env), in the environment-variable form
    /// of <see cref="Configuration.DistrictOptions"/>; the database is the one district-setup makes for the service's user.
    /// </summary>
    private static string ServiceFile(NatsCredentials credentials, ClusterSetupState state)
    {
        const string prefix = Configuration.DistrictOptions.Section + "__";
        var file = new StringBuilder();
        for (var i = 0; i < state.Nodes.Count; i++)
        {
            var node = state.Nodes[i];
            file.Append(CultureInfo.InvariantCulture, $"{prefix}{nameof(Configuration.DistrictOptions.NatsUrls)}__{i}=tls://{node.Host}:{node.ClientPort}\n");
        }

        return file
            .Append(CultureInfo.InvariantCulture, $"{prefix}{nameof(Configuration.DistrictOptions.NatsUser)}={credentials.User}\n")
            .Append(CultureInfo.InvariantCulture, $"{prefix}{nameof(Configuration.DistrictOptions.NatsPassword)}={credentials.Password}\n")
            .Append(CultureInfo.InvariantCulture, $"{prefix}{nameof(Configuration.DistrictOptions.CaFile)}={NodeConfigFolder}/ca.pem\n")
            .Append(CultureInfo.InvariantCulture, $"{prefix}{nameof(Configuration.DistrictOptions.RetentionDays)}={state.RetentionDays}\n")
            .Append(CultureInfo.InvariantCulture, $"{prefix}{nameof(Configuration.DistrictOptions.Postgres)}={ServiceDatabase}\n")
            .ToString();
    }

    private sealed record SetupRequest(IReadOnlyList<string> Nodes, IReadOnlyList<string> Sites, string Out, int RetentionDays, string? AddSite);

    private static bool TryParse(IReadOnlyList<string> args, out SetupRequest request, out string problem)
    {
        request = new SetupRequest([], [], string.Empty, 400, null);
        problem = SetupTeks.Usage;
        if (args.Count == 0)
        {
            return false;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (option is not ("--nodes" or "--sites" or "--out" or "--retention-days" or "--add-site"))
            {
                problem = SetupTeks.UnknownOption(option);
                return false;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(args[i + 1]))
            {
                problem = SetupTeks.MissingValue(option);
                return false;
            }

            if (!values.TryAdd(option, args[++i]))
            {
                problem = SetupTeks.Repeated(option);
                return false;
            }
        }

        if (!values.TryGetValue("--out", out var outFolder))
        {
            problem = SetupTeks.NoOut;
            return false;
        }

        if (values.TryGetValue("--add-site", out var added))
        {
            if (values.Count != 2)
            {
                problem = SetupTeks.AddSiteAlone;
                return false;
            }

            if (!DistrictSubjects.IsToken(added))
            {
                problem = SetupTeks.BadSite(added);
                return false;
            }

            request = request with { Out = outFolder, AddSite = added };
            return true;
        }

        if (!values.TryGetValue("--nodes", out var nodeList))
        {
            problem = SetupTeks.NoNodes;
            return false;
        }

        var nodes = nodeList.Split(',');
        foreach (var host in nodes)
        {
            if (Uri.CheckHostName(host) is UriHostNameType.Unknown or UriHostNameType.Basic)
            {
                problem = SetupTeks.BadHost(host);
                return false;
            }
        }

        if (nodes.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problem = SetupTeks.DuplicateHost(twice.Key);
            return false;
        }

        if (nodes.Length == 2)
        {
            problem = SetupTeks.NodeCount;
            return false;
        }

        var sites = values.TryGetValue("--sites", out var siteList) ? siteList.Split(',') : [];
        if (sites.FirstOrDefault(s => !DistrictSubjects.IsToken(s)) is { } badSite)
        {
            problem = SetupTeks.BadSite(badSite);
            return false;
        }

        if (sites.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } siteTwice)
        {
            problem = SetupTeks.DuplicateSite(siteTwice.Key);
            return false;
        }

        var retention = 400;
        if (values.TryGetValue("--retention-days", out var days) &&
            (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out retention) || retention is < 1 or > 3650))
        {
            problem = SetupTeks.BadRetention;
            return false;
        }

        request = new SetupRequest(nodes, sites, outFolder, retention, null);
        return true;
    }
}
