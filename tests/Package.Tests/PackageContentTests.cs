using Kiosk.Package.Tests.Support;

namespace Kiosk.Package.Tests;

/// <summary>What ./kiosk.sh package puts in each .deb: the right machine code, the units, kiosk-setup, sound scripts.</summary>
public sealed class PackageContentTests
{
    [Theory]
    [InlineData("arm64", (ushort)0xB7)]
    [InlineData("amd64", (ushort)0x3E)]
    public void The_package_holds_self_contained_programs_for_its_architecture_and_everything_to_set_up_a_site(string architecture, ushort elfMachine)
    {
        var root = Packages.Extract(Packages.Deb(architecture));
        try
        {
            var control = File.ReadAllText(Path.Combine(root, "DEBIAN", "control"));
            Assert.Contains("Package: puskesmas-kiosk\n", control, StringComparison.Ordinal);
            Assert.Contains($"Architecture: {architecture}\n", control, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^Depends: .*\bmosquitto\b", control);
            Assert.DoesNotContain("@", control.Replace("kiosk@example.go.id", "", StringComparison.Ordinal), StringComparison.Ordinal);

            // Self-contained: the apphost, the runtime, the native SQLite and the broker's client-id plugin, all for this machine.
            foreach (var file in new[] { "Kiosk.Device", "Kiosk.Broker", "Kiosk.DistrictLink", "Kiosk.Bpjs", "libcoreclr.so", "libe_sqlite3.so", "libSystem.Native.so", "mosquitto/kiosk-clientid.so" })
            {
                Assert.Equal(elfMachine, ElfMachine(Path.Combine(root, "opt", "kiosk", file)));
            }

            var unit = File.ReadAllText(Path.Combine(root, "lib", "systemd", "system", "kiosk.service"));
            Assert.Contains("Type=notify", unit, StringComparison.Ordinal);
            Assert.Contains("EnvironmentFile=-/etc/kiosk/kiosk.env", unit, StringComparison.Ordinal);
            // The district link and the BPJS bridge ship with the kiosk; each starts only once kiosk-setup wrote its settings.
            foreach (var (name, settings) in new[] { ("kiosk-district-link.service", "/etc/kiosk/district.env"), ("kiosk-bpjs.service", "/etc/kiosk/bpjs.env") })
            {
                Assert.Contains(settings, File.ReadAllText(Path.Combine(root, "lib", "systemd", "system", name)), StringComparison.Ordinal);
            }

            Assert.True(File.Exists(Path.Combine(root, "usr", "share", "puskesmas-kiosk", "appsettings.json")));
            Assert.True(File.Exists(Path.Combine(root, "usr", "share", "puskesmas-kiosk", "mosquitto", "site.conf")));
            string[] scripts = [Path.Combine(root, "usr", "sbin", "kiosk-setup"), .. new[] { "postinst", "prerm", "postrm", "config" }.Select(s => Path.Combine(root, "DEBIAN", s))];
            foreach (var script in scripts)
            {
                Assert.True((File.GetUnixFileMode(script) & UnixFileMode.UserExecute) != 0, $"{script} is not executable");
                Assert.DoesNotContain("@SERVICES@", File.ReadAllText(script), StringComparison.Ordinal);
                Packages.Run("sh", ["-n", script], TimeSpan.FromSeconds(30));
            }

            Assert.Contains("puskesmas-kiosk/purge-data", File.ReadAllText(Path.Combine(root, "DEBIAN", "templates")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Kiosk_setup_explains_its_options_in_bahasa_indonesia()
    {
        var setup = Path.Combine(Packages.RepositoryRoot, "deploy", "package", "kiosk-setup");
        var help = Packages.Run("sh", [setup, "--help"], TimeSpan.FromSeconds(30));
        Assert.Contains("Pemakaian: sudo kiosk-setup --site ID", help, StringComparison.Ordinal);
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
}
