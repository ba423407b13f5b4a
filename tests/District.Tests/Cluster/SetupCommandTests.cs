using Kiosk.District.Cluster;

namespace Kiosk.District.Tests.Cluster;

public sealed class SetupCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kdsetup-").FullName;

    public static TheoryData<string[]> BadArguments => new()
    {
        Array.Empty<string>(),
        new[] { "--nodes" },
        new[] { "--nodes", "h1,h2,h3" },
        new[] { "--nodes", "h1,h2,h3", "--out" },
        new[] { "--out", "/tmp/x" },
        new[] { "--nodes", "h1,h2", "--out", "/tmp/x" },
        new[] { "--nodes", "h1,h1,h3", "--out", "/tmp/x" },
        new[] { "--nodes", "h1,,h3", "--out", "/tmp/x" },
        new[] { "--nodes", "h 1,h2,h3", "--out", "/tmp/x" },
        new[] { "--nodes", "h1,h2,h3", "--sites", "pkm a", "--out", "/tmp/x" },
        new[] { "--nodes", "h1,h2,h3", "--sites", "pkm.a", "--out", "/tmp/x" },
        new[] { "--nodes", "h1,h2,h3", "--sites", "pkm-a,pkm-a", "--out", "/tmp/x" },
        new[] { "--nodes", "h1,h2,h3", "--out", "/tmp/x", "--retention-days", "0" },
        new[] { "--nodes", "h1,h2,h3", "--out", "/tmp/x", "--retention-days", "satu" },
        new[] { "--nodes", "h1,h2,h3", "--out", "/tmp/x", "--retention-days", "-5" },
        new[] { "--nodes", "h1,h2,h3", "--out", "/tmp/x", "--out", "/tmp/y" },
        new[] { "--nodes", "h1,h2,h3", "--out", "/tmp/x", "--verbose", "1" },
        new[] { "--add-site", "pkm-c" },
        new[] { "--add-site", "pkm/c", "--out", "/tmp/x" },
        new[] { "--add-site", "pkm-c", "--nodes", "h1,h2,h3", "--out", "/tmp/x" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_get_one_Indonesian_line_and_exit_64(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = SetupCommand.Run(args, output, error);

        Assert.Equal(64, code);
        Assert.Equal(string.Empty, output.ToString());
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("Exception", lines[0], StringComparison.Ordinal);
        Assert.Matches("(Cara pakai|tidak|perlu|Sebutkan|disebut|harus|hanya)", lines[0]);
    }

    [Fact]
    public void Setup_writes_node_configs_with_hashes_only_secrets_0600_and_a_kiosk_setup_line_per_site()
    {
        var output = new StringWriter();

        var code = SetupCommand.Run(["--nodes", "nats1.dinkes.lan,nats2.dinkes.lan,10.0.0.3", "--sites", "pkm-a,pkm-b", "--out", folder, "--retention-days", "500"], output, new StringWriter());

        Assert.Equal(0, code);
        var config = File.ReadAllText(Path.Combine(folder, "nodes", "n1", "nats.conf"));
        var siteFile = File.ReadAllText(Path.Combine(folder, "sites", "pkm-a.env"));
        var password = siteFile.Split('\n').Single(l => l.StartsWith("DistrictLink__Nats__Password=", StringComparison.Ordinal)).Split('=')[1];
        Assert.Contains("\"site-pkm-a\"", config, StringComparison.Ordinal);
        Assert.Contains("\"puskesmas.pkm-a.>\"", config, StringComparison.Ordinal);
        Assert.Contains("nats-route://route:", config, StringComparison.Ordinal);
        Assert.Contains("@nats2.dinkes.lan:6222", config, StringComparison.Ordinal);
        Assert.DoesNotContain(password, config, StringComparison.Ordinal);
        Assert.Contains("\"$2a$", config, StringComparison.Ordinal);
        Assert.Contains("tls://nats1.dinkes.lan:4222,tls://nats2.dinkes.lan:4222,tls://10.0.0.3:4222", siteFile, StringComparison.Ordinal);
        Assert.Contains("kiosk-setup --district tls://nats1.dinkes.lan:4222,tls://nats2.dinkes.lan:4222,tls://10.0.0.3:4222", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("STREAM_RETENTION_DAYS=500", File.ReadAllText(Path.Combine(folder, "admin.env")), StringComparison.Ordinal);
        foreach (var secret in new[] { "ca-key.pem", "admin.env", "district.env", "cluster.json", "sites/pkm-a.env", "nodes/n1/nats.conf", "nodes/n3/server-key.pem" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, secret)));
        }
    }

    [Fact]
    public void Add_site_adds_one_user_to_every_node_and_refuses_a_site_that_exists_or_a_folder_already_set_up()
    {
        Assert.Equal(0, SetupCommand.Run(["--nodes", "h1,h2,h3", "--sites", "pkm-a", "--out", folder], new StringWriter(), new StringWriter()));
        var before = File.ReadAllText(Path.Combine(folder, "nodes", "n2", "nats.conf"));
        var output = new StringWriter();

        Assert.Equal(0, SetupCommand.Run(["--add-site", "pkm-c", "--out", folder], output, new StringWriter()));
        var again = new StringWriter();
        Assert.Equal(64, SetupCommand.Run(["--add-site", "pkm-c", "--out", folder], new StringWriter(), again));
        var twice = new StringWriter();
        Assert.Equal(64, SetupCommand.Run(["--nodes", "h1,h2,h3", "--out", folder], new StringWriter(), twice));

        Assert.All(["n1", "n2", "n3"], node => Assert.Contains("\"puskesmas.pkm-c.>\"", File.ReadAllText(Path.Combine(folder, "nodes", node, "nats.conf")), StringComparison.Ordinal));
        // The users already there keep their hashes: their sites need no new password.
        var oldSiteLine = before.Split('\n').Single(l => l.Contains("\"site-pkm-a\"", StringComparison.Ordinal));
        Assert.Contains(oldSiteLine, File.ReadAllText(Path.Combine(folder, "nodes", "n2", "nats.conf")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "sites", "pkm-c.env")));
        Assert.Contains("kill -HUP", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("sudah terdaftar", again.ToString(), StringComparison.Ordinal);
        Assert.Contains("--add-site", twice.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Nats_server_accepts_every_node_config_that_setup_writes()
    {
        var server = Kiosk.District.Local.PrivateNatsCluster.FindServer();
        Skip.If(server is null, ClusterFormationTests.NoServer);
        Assert.Equal(0, SetupCommand.Run(["--nodes", "nats1,nats2,nats3", "--sites", "pkm-a", "--out", folder], new StringWriter(), new StringWriter()));
        Assert.Equal(0, SetupCommand.Run(["--add-site", "pkm-b", "--out", folder], new StringWriter(), new StringWriter()));

        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            // The config names the node's own paths (/etc/puskesmas-district/nats): point them at this folder's copy.
            var nodeFolder = Path.Combine(folder, "nodes", node);
            var config = File.ReadAllText(Path.Combine(nodeFolder, "nats.conf"))
                .Replace(SetupCommand.NodeConfigFolder, nodeFolder, StringComparison.Ordinal)
                .Replace(SetupCommand.NodeStoreFolder, Path.Combine(nodeFolder, "store"), StringComparison.Ordinal);
            var testConfig = Path.Combine(nodeFolder, "test.conf");
            await File.WriteAllTextAsync(testConfig, config);
            var start = new System.Diagnostics.ProcessStartInfo(server!) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("-t");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(testConfig);
            using var check = System.Diagnostics.Process.Start(start)!;
            var said = await check.StandardError.ReadToEndAsync() + await check.StandardOutput.ReadToEndAsync();
            await check.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(check.ExitCode == 0, said);
            Assert.Contains("is valid", said, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Add_site_to_a_folder_without_a_cluster_says_to_run_setup_first()
    {
        var error = new StringWriter();

        Assert.Equal(64, SetupCommand.Run(["--add-site", "pkm-c", "--out", folder], new StringWriter(), error));
        Assert.Contains("belum berisi konfigurasi klaster", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
