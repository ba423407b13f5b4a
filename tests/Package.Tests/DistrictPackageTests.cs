using System.Text.RegularExpressions;
using Kiosk.Package.Tests.Support;

namespace Kiosk.Package.Tests;

/// <summary>
/// What the puskesmas-district .deb holds: the self-contained district service for amd64, its unit and the NATS
/// node's unit (hardened, root-only secrets, nothing started before district-setup), district-setup, the control
/// fields; and that the packaged program itself runs its technician subcommand offline on this machine.
/// </summary>
public sealed partial class DistrictPackageTests
{
    private const ushort X8664 = 0x3E;

    [Fact]
    public void The_district_package_holds_the_self_contained_service_its_units_and_district_setup()
    {
        var root = Packages.Extract(Packages.DistrictDeb());
        try
        {
            var control = File.ReadAllText(Path.Combine(root, "DEBIAN", "control"));
            Assert.Contains("Package: puskesmas-district\n", control, StringComparison.Ordinal);
            Assert.Contains("Architecture: amd64\n", control, StringComparison.Ordinal);
            var depends = DependsLine().Match(control).Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
            Assert.Contains("nats-server", depends);
            Assert.Contains("postgresql", depends);
            Assert.Contains("adduser", depends);
            Assert.DoesNotContain("@", control.Replace("kiosk@example.go.id", "", StringComparison.Ordinal), StringComparison.Ordinal);

            var program = Path.Combine(root, "opt", "puskesmas-district");
            foreach (var file in new[] { "Kiosk.District", "libcoreclr.so", "libSystem.Native.so" })
            {
                Assert.Equal(X8664, ElfMachine(Path.Combine(program, file)));
            }

            Assert.True(File.Exists(Path.Combine(program, "Kiosk.District.dll")));
            Assert.False(Directory.Exists(Path.Combine(program, "mosquitto")), "the kiosk's Mosquitto plugin does not belong on the district server");
            Assert.True(File.Exists(Path.Combine(program, "README.md")));

            var units = Path.Combine(root, "lib", "systemd", "system");
            var service = Unit(Path.Combine(units, "puskesmas-district.service"));
            Assert.Equal(["/opt/puskesmas-district/Kiosk.District"], service["ExecStart"]);
            Assert.Equal(["puskesmas_district"], service["User"]);
            Assert.Equal(["/etc/puskesmas-district/district.env"], service["EnvironmentFile"]);
            Assert.Equal(["/etc/puskesmas-district/district.env"], service["ConditionPathExists"]);
            Assert.Contains("postgresql.service", service["After"].SelectMany(v => v.Split(' ')));
            Assert.Equal(["always"], service["Restart"]);
            Assert.Equal(["78"], service["RestartPreventExitStatus"]);
            Assert.Equal(["strict"], service["ProtectSystem"]);
            Assert.Equal(["yes"], service["NoNewPrivileges"]);
            Assert.Equal(["/var/lib/puskesmas-district/service"], service["ReadWritePaths"]);
            Assert.Equal(["multi-user.target"], service["WantedBy"]);

            var node = Unit(Path.Combine(units, "puskesmas-nats.service"));
            Assert.Equal(["/usr/sbin/nats-server -c /etc/puskesmas-district/nats/nats.conf"], node["ExecStart"]);
            Assert.Equal(["/etc/puskesmas-district/nats/nats.conf"], node["ConditionPathExists"]);
            Assert.Equal(["nats-server.service"], node["Conflicts"]);
            Assert.Equal(["nats"], node["User"]);
            Assert.Equal(["always"], node["Restart"]);
            Assert.Equal(["strict"], node["ProtectSystem"]);
            Assert.Equal(["/var/lib/puskesmas-district/nats"], node["ReadWritePaths"]);
            Assert.False(File.Exists(Path.Combine(units, "nats-server.service")), "Debian's own nats-server unit is not ours to ship");

            var setup = Path.Combine(root, "usr", "sbin", "district-setup");
            Assert.Equal(ExecutableByAll, File.GetUnixFileMode(setup) & ExecutableByAll);
            foreach (var script in new[] { "postinst", "prerm", "postrm" }.Select(s => Path.Combine(root, "DEBIAN", s)))
            {
                Assert.Equal(ExecutableByAll, File.GetUnixFileMode(script) & ExecutableByAll);
                Packages.Run("sh", ["-n", script], TimeSpan.FromSeconds(30));
            }

            // Nothing runs before district-setup: the postinst enables and starts no unit (an upgrade restarts only
            // what district-setup had enabled).
            var postinst = File.ReadAllText(Path.Combine(root, "DEBIAN", "postinst"));
            Assert.DoesNotMatch(@"systemctl\s+(enable|start)\b", postinst);
            Assert.Contains("is-enabled", postinst, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_packaged_service_writes_a_one_node_cluster_configuration_offline()
    {
        var root = Packages.Extract(Packages.DistrictDeb());
        var output = Directory.CreateTempSubdirectory("district-setup-").FullName;
        try
        {
            var program = Path.Combine(root, "opt", "puskesmas-district", "Kiosk.District");
            var folder = Path.Combine(output, "cluster");
            var printed = Packages.Run(program, ["setup", "--nodes", "127.0.0.1", "--sites", "pkm-kokop", "--out", folder], TimeSpan.FromMinutes(2));

            Assert.Contains(folder, printed, StringComparison.Ordinal);
            var config = File.ReadAllText(Path.Combine(folder, "nodes", "n1", "nats.conf"));
            Assert.Contains("jetstream", config, StringComparison.Ordinal);
            Assert.Contains("/var/lib/puskesmas-district/nats", config, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "nodes", "n1", "nats.conf")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(output, recursive: true);
        }
    }

    private const UnixFileMode ExecutableByAll = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>A unit file's settings, each key with its values in order (comments and section headers left out).</summary>
    private static Dictionary<string, List<string>> Unit(string path)
    {
        var settings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.StartsWith('[') || !line.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            var key = line[..line.IndexOf('=', StringComparison.Ordinal)];
            var value = line[(key.Length + 1)..];
            if (!settings.TryGetValue(key, out var values))
            {
                settings[key] = values = [];
            }

            values.Add(value);
        }

        return settings;
    }

    private static ushort ElfMachine(string path)
    {
        var header = new byte[20];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadExactly(header);
        }

        Assert.True(header[0] == 0x7F && header[1] == 'E' && header[2] == 'L' && header[3] == 'F', $"{path} is not an ELF file");
        return BitConverter.ToUInt16(header, 18);
    }

    [GeneratedRegex(@"(?m)^Depends: (.*)$")]
    private static partial Regex DependsLine();
}
